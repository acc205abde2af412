import ArgumentParser
import Foundation
import GraphAPI
import HeraldCore
import Logging
import ManifestKit
import Messenger
import Provisioning
import ReferenceStore
import Synchronization

/// `herald welcome`: a wave that sends the welcome card to everyone once, at the tenant's limit.
struct WelcomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "welcome",
        abstract: "Send the welcome card to a batch of people once each, as a resumable, rate-limited wave.",
        discussion: """
            A wave is named (--wave) and kept in the store: rerun the same command to continue it; nobody gets the card \
            twice. A delivery is marked sending before its POST; one whose outcome is unknown (the process died, a \
            timeout or a dropped connection after the request was written, a 504) is uncertain, reported, and sent \
            again only with --resend-uncertain. Reads MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, \
            HERALD_TRUSTED_SERVICE_HOSTS, HERALD_SERVICE_URL, HERALD_GRAPH_URL (for names), HERALD_STORE and \
            HERALD_INSTALLER. Exit status: 0 when nobody failed or is uncertain, 1 otherwise, 2 for a usage error \
            (nothing is sent then).
            """
    )

    @OptionGroup var wave: WaveOptions

    @Option(help: "Who installed the app, for the card's ${installer} (else HERALD_INSTALLER, else \"your IT team\").")
    var installer: String?

    @Option(help: "The app's manifest, for ${app.name} and ${app.description}.")
    var manifest = "manifests/manifest.json"

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let (manifest, installer) = (manifest, installer)
        try await WaveRun.run(wave, global: options, defaultCard: "manifests/welcome-card.json") { settings, tenantId in
            Self.baseData(settings: settings, manifest: manifest, installer: installer, tenantId: tenantId)
        }
    }

    /// The data every person shares: the app (from the manifest), the tenant, who installed it.
    static func baseData(settings: Settings, manifest: String, installer: String?, tenantId: TenantID) -> JSONValue {
        let root = FileManager.default.contents(atPath: manifest).flatMap { try? JSONDocument(data: $0).root }
        var app = JSONObject()
        // Teams Toolkit placeholders (`${{APP_NAME_SUFFIX}}`) are filled at packaging time: left out here.
        let name = (root?["name"]?["short"]?.stringValue ?? "the app").replacingOccurrences(
            of: #"\$\{\{[^}]*\}\}"#, with: "", options: .regularExpression)
        app["name"] = .string(name)
        app["description"] = .string(root?["description"]?["short"]?.stringValue ?? "")
        app["fullDescription"] = .string(root?["description"]?["full"]?.stringValue ?? "")
        var tenant = JSONObject()
        tenant["id"] = .string(tenantId.rawValue)
        tenant["name"] = .string(settings.value("HERALD_TENANT_NAME") ?? "your organisation")
        var data = JSONObject()
        data["app"] = .object(app)
        data["tenant"] = .object(tenant)
        data["installer"] = .string(installer ?? settings.value("HERALD_INSTALLER") ?? "your IT team")
        data["team"] = .null
        data["name"] = .string("there")
        data["givenName"] = .string("there")
        return .object(data)
    }
}
