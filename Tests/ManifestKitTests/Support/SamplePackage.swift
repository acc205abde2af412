import Foundation
import ManifestKit

/// A valid v1.30 bot app package in memory, and ways to break it.
enum SamplePackage {
    static let appId = "2f8a3c1e-5b7d-4e9f-a1c3-6d8e0f2b4a61"
    static let botId = "9c4e2a7b-1d3f-4b6a-8e0c-5f7a9b1d3e52"
    static let catalog = SchemaCatalog()

    static var manifest: JSONValue {
        let text = """
            {
              "$schema": "https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json",
              "manifestVersion": "1.30",
              "version": "1.0.0",
              "id": "\(appId)",
              "developer": {"name": "Contoso", "websiteUrl": "https://contoso.com", "privacyUrl": "https://contoso.com/privacy", "termsOfUseUrl": "https://contoso.com/terms"},
              "name": {"short": "Greeter", "full": "Greeter for everyone"},
              "description": {"short": "Says hello to new colleagues.", "full": "Greeter sends each new colleague one welcome card in Teams."},
              "icons": {"color": "color.png", "outline": "outline.png"},
              "accentColor": "#3B5BDB",
              "bots": [{"botId": "\(botId)", "scopes": ["personal"], "commandLists": [{"scopes": ["personal"], "commands": [{"title": "help", "description": "Help"}]}]}],
              "validDomains": ["greeter.contoso.com"],
              "webApplicationInfo": {"id": "\(botId)", "resource": "api://greeter.contoso.com/\(botId)"}
            }
            """
        return try! JSONDocument(data: Data(text.utf8)).root
    }

    static let colorIcon = PNGFixture.rgba(width: 192, height: 192) { x, y in
        (40..<152).contains(x) && (40..<152).contains(y) ? RGBA(r: 255, g: 255, b: 255, a: 255) : RGBA(r: 59, g: 91, b: 219, a: 255)
    }
    static let outlineIcon = PNGFixture.rgba(width: 32, height: 32) { x, y in
        (8..<24).contains(x) && (8..<24).contains(y) ? RGBA(r: 255, g: 255, b: 255, a: 255) : RGBA(r: 0, g: 0, b: 0, a: 0)
    }

    /// The sample with `changes` applied (pointer → new value, `nil` removes).
    static func manifest(_ changes: [String: JSONValue?]) -> JSONValue {
        changes.sorted { $0.key < $1.key }.reduce(manifest) { value, change in value.setting(JSONPointer(change.key)!, to: change.value) }
    }

    static func package(_ manifest: JSONValue = manifest, files: [String: Data] = [:], manifestText: String? = nil) -> AppPackage {
        var all = ["color.png": colorIcon, "outline.png": outlineIcon]
        all.merge(files) { _, new in new }
        all["manifest.json"] = Data((manifestText ?? manifest.serialized).utf8)
        return AppPackage(files: all, kind: .folder, displayPath: "sample")
    }

    static func validate(
        _ manifest: JSONValue = manifest, files: [String: Data] = [:], options: ValidationOptions = ValidationOptions(), manifestText: String? = nil
    ) -> ValidationReport {
        ManifestValidator(catalog: catalog, options: options).validate(package(manifest, files: files, manifestText: manifestText))
    }

    static func validate(_ changes: [String: JSONValue?], options: ValidationOptions = ValidationOptions()) -> ValidationReport {
        validate(manifest(changes), options: options)
    }
}

extension ValidationReport {
    var rules: Set<String> { Set(findings.map(\.rule)) }
    func findings(_ rule: String) -> [Finding] { findings.filter { $0.rule == rule } }
}
