import ArgumentParser
import Foundation
import HeraldCore
import ManifestKit

/// `herald notify`: a notification card, built from a template and a data file, sent to a set of people once each.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send a notification card (a template and a data file) to a set of people once each, as a resumable, rate-limited wave.",
        discussion: """
            The same wave as herald welcome: resumable by --wave, at most once per person, opted-out people skipped and \
            counted, uncertain outcomes reported and resent only with --resend-uncertain. The card binds the data file's \
            fields, each person's name, givenName and CSV columns, app.name and tenant.name; a field the card binds and \
            the data lacks stops the wave before anything is sent. Exit status: 0 when nobody failed or is uncertain, 1 \
            otherwise, 2 for a usage error.
            """
    )

    @OptionGroup var wave: WaveOptions

    @Option(help: "A JSON object with what the card binds (what happened, to what, who did it, the action's URL).")
    var data: String

    @Option(help: "The app's manifest, for ${app.name}.")
    var manifest = "manifests/manifest.json"

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let shared = try Self.data(data)
        let manifest = manifest
        try await WaveRun.run(wave, global: options, defaultCard: "manifests/notification-card.json") { settings, tenantId in
            guard case .object(var merged) = WelcomeCommand.baseData(settings: settings, manifest: manifest, installer: nil, tenantId: tenantId)
            else { return shared }
            for (key, value) in shared.objectValue?.members ?? [] { merged[key] = value }
            return .object(merged)
        }
    }

    /// The data file: a JSON object.
    static func data(_ path: String) throws -> JSONValue {
        guard let bytes = FileManager.default.contents(atPath: path) else { throw ValidationError("--data \(path) cannot be read") }
        let document: JSONDocument
        do { document = try JSONDocument(data: bytes) } catch { throw ValidationError("--data \(path): \(error)") }
        guard document.root.objectValue != nil else { throw ValidationError("--data \(path) must hold a JSON object, not \(document.root.typeName)") }
        return document.root
    }
}
