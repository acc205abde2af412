import Foundation
import ManifestKit
import Testing

/// Herald's schema engine against python-jsonschema (Draft 7 semantics, `regex` patterns) over every
/// real manifest in ../shared/real-manifests, as found and with placeholders filled by the fixed sample
/// substitution. `scripts/reference-verdicts.py` produced the committed verdicts from the official
/// schemas; Herald uses its shipped constraint-only forms, so this also checks the derivation.
@Suite("Differential: schema engine vs python-jsonschema on real manifests")
struct DifferentialTests {
    struct Verdict: Decodable, Equatable {
        let valid: Bool
        let pointers: [String]
    }

    struct Entry: Decodable {
        let manifestVersion: String?
        let schema: String?
        let parses: Bool
        let asFound: Verdict?
        let filled: Verdict?
    }

    struct Reference: Decodable {
        let entries: [String: Entry]
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let manifestsFolder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/real-manifests")

    static func reference() throws -> Reference {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/reference-verdicts", withExtension: "json"))
        return try JSONDecoder().decode(Reference.self, from: try Data(contentsOf: url))
    }

    static var names: [String] {
        ((try? reference().entries.keys.sorted()) ?? [])
    }

    private func verdict(_ schema: JSONSchema, _ value: JSONValue) -> Verdict {
        let violations = schema.validate(value)
        let pointers = Set(violations.map(\.pointer.description)).sorted()
        return Verdict(valid: violations.isEmpty, pointers: pointers)
    }

    @Test("the reference covers every real manifest")
    func coversCorpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.manifestsFolder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 60, "expected the real-manifest corpus at \(Self.manifestsFolder.path)")
        #expect(Set(files) == Set(try Self.reference().entries.keys))
    }

    @Test("same verdict and same failing pointers", arguments: names)
    func sameVerdict(_ name: String) throws {
        let entry = try #require(try Self.reference().entries[name])
        let data = try Data(contentsOf: Self.manifestsFolder.appendingPathComponent(name))
        let document: JSONDocument
        do {
            document = try JSONDocument(data: data)
        } catch {
            #expect(!entry.parses, "Herald cannot parse \(name) but Python can: \(error)")
            return
        }
        #expect(entry.parses, "Herald parses \(name) but Python cannot")
        guard let version = entry.manifestVersion, entry.schema != nil else { return }
        let schema = try #require(try SchemaCatalog().schema(forVersion: version)).schema
        #expect(verdict(schema, document.root) == entry.asFound, "as found")
        let filled = PlaceholderSample.fill(document.root)
        #expect(verdict(schema, filled) == entry.filled, "filled")
    }
}
