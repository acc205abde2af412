import Foundation
import Testing

@Suite("herald schemas")
struct SchemasCommandTests {
    @Test("lists the shipped versions")
    func list() throws {
        let result = try Herald.run(
            ["schemas", "list"], environment: ["HERALD_CACHE_DIR": NSTemporaryDirectory() + "herald-empty-\(UUID().uuidString)"])
        #expect(result.status == 0)
        #expect(result.output.contains("1.0 1.1 1.2"))
        #expect(result.output.contains("1.30 devPreview"))
    }

    @Test("fetch stores a newer version in the cache, and validate then finds it there")
    func fetchThenValidate() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-fetch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let published = root.appendingPathComponent("mirror/v1.31")
        try FileManager.default.createDirectory(at: published, withIntermediateDirectories: true)
        let schema =
            #"{"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "required": ["manifestVersion", "id"], "properties": {"manifestVersion": {"const": "1.31"}, "id": {"type": "string"}}}"#
        try Data(schema.utf8).write(to: published.appendingPathComponent("MicrosoftTeams.schema.json"))
        let environment = ["HERALD_CACHE_DIR": root.appendingPathComponent("cache").path]
        let base = root.appendingPathComponent("mirror").absoluteString
        let fetched = try Herald.run(["schemas", "fetch", "1.31", "--base-url", base], environment: environment)
        #expect(fetched.status == 0, "\(fetched.output)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("cache/schemas/v1.31.schema.json").path))
        let newer = try Herald.run(["schemas", "fetch", "--base-url", base], environment: environment)
        #expect(newer.output.contains("fetched 1.31"), "\(newer.output)")
        let missing = try Herald.run(["schemas", "fetch", "1.32", "--base-url", base], environment: environment)
        #expect(missing.status == 1)
        let manifest = root.appendingPathComponent("app/manifest.json")
        try FileManager.default.createDirectory(at: manifest.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"manifestVersion": "1.31"}"#.utf8).write(to: manifest)
        let validated = try Herald.run(["validate", "--format", "json", manifest.path], environment: environment)
        #expect(validated.output.contains("v1.31.schema.json (cache)"), "\(validated.output)")
        #expect(validated.output.contains("SchemaError_Required"))
    }
}
