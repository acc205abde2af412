import ArgumentParser
import Foundation

/// The `herald` command: validate, schemas, sim, listen, refs, provision, status (welcome and notify come next).
@main
struct Herald: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Get a Microsoft Teams bot app in front of everyone in an organisation, and greet them well.",
        version: version,
        subcommands: [
            ValidateCommand.self, SchemasCommand.self, SimCommand.self, ListenCommand.self, RefsCommand.self, ProvisionCommand.self,
            StatusCommand.self, WelcomeCommand.self, NotifyCommand.self, DemoCommand.self,
        ]
    )

    /// Runs the command line; usage errors exit 2 (as `validate` documents), not ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
