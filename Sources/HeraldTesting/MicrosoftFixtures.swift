public import Foundation

/// The payloads in Microsoft's shapes under `Fixtures/Microsoft` (see its README for the page or swagger
/// definition each follows), for tests that decode them with Herald's types.
public enum MicrosoftFixtures {
    /// A fixture that is not there.
    public struct Missing: Error, CustomStringConvertible {
        /// The path asked for.
        public let path: String
        /// What went wrong.
        public var description: String { "no Microsoft fixture at \(path)" }
    }

    /// The bot's app id in the fixtures (`recipient` is `28:` and this).
    public static let botAppId = "b7e3c9a1-5d2f-4e8b-a6c0-3f9d1e7b2a54"
    /// The tenant of the fixtures.
    public static let tenantId = "4d6e2f0a-8c1b-4f3e-9a7d-2b5c8e1f0a63"
    /// The user who installs in the personal fixtures (Entra object id).
    public static let userObjectId = "e1a4b7c2-9d3f-4a6e-8b1c-5f2d7e9a0c38"

    /// The install activities the listener must accept: personal `installationUpdate` add (commercial and
    /// government clouds), personal and team `conversationUpdate`.
    public static let installActivities = [
        "teams/installationUpdate-add-personal.json", "teams/installationUpdate-add-personal-gcc.json",
        "teams/installationUpdate-add-personal-gcch.json", "teams/installationUpdate-add-personal-dod.json",
        "teams/conversationUpdate-personal-install.json", "teams/conversationUpdate-team-install.json",
    ]

    /// The bytes of a fixture.
    /// - Parameter path: its path under `Fixtures/Microsoft`, e.g. `teams/message-personal.json`.
    /// - Throws: ``Missing`` when there is no such file.
    public static func data(_ path: String) throws -> Data {
        guard let folder = Bundle.module.url(forResource: "Microsoft", withExtension: nil) else { throw Missing(path: path) }
        let url = folder.appendingPathComponent(path)
        guard let data = try? Data(contentsOf: url) else { throw Missing(path: path) }
        return data
    }

    /// A fixture decoded as `type`.
    /// - Parameters:
    ///   - type: the type to decode.
    ///   - path: its path under `Fixtures/Microsoft`.
    /// - Throws: ``Missing``, or the decoder's error.
    public static func decode<Value: Decodable>(_ type: Value.Type, _ path: String) throws -> Value {
        try JSONDecoder().decode(type, from: data(path))
    }
}
