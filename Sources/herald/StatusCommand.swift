import ArgumentParser
import Foundation
import Messenger
import Provisioning
import ReferenceStore

/// `herald status BATCH`: a provisioning batch's people by state and reason, from the store.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Summarise a provisioning batch (or a welcome wave) from the store: people by state and by reason."
    )

    @Argument(help: "The batch id (`herald provision` prints it).")
    var batch: String?

    @Option(help: "A welcome wave's name instead of a batch.")
    var wave: String?

    @Flag(help: "Print {\"batch\", \"total\", \"states\", \"reasons\"} as JSON.")
    var json = false

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard (batch == nil) != (wave == nil) else { throw ValidationError("name a batch (herald status BATCH) or a wave (--wave NAME)") }
    }

    func run() async throws {
        let location = try options.settings().storeLocation()
        if let wave {
            let summary = try await location.withStore { store in WaveSummary(wave: wave, deliveries: try await store.deliveries(wave: wave)) }
            if json {
                Console.write(try ProvisionOutput.encoder.encode(summary))
                return
            }
            guard summary.total > 0 else {
                print("wave \(wave) has nobody in \(location.redacted): check the name given to herald welcome --wave, and the store")
                throw ExitCode(1)
            }
            print(WelcomeOutput.table(summary))
            return
        }
        let batch = batch ?? ""
        let summary = try await location.withStore { store in ProvisionSummary(batch: batch, targets: try await store.targets(batch: batch)) }
        if json {
            Console.write(try ProvisionOutput.encoder.encode(summary))
            return
        }
        guard summary.total > 0 else {
            print("batch \(batch) has nobody in \(location.redacted): check the id `herald provision` printed, and the store")
            throw ExitCode(1)
        }
        print(ProvisionOutput.table(summary))
    }
}
