import ArgumentParser
import Foundation
import Provisioning
import ReferenceStore

/// `herald status BATCH`: a provisioning batch's people by state and reason, from the store.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Summarise a provisioning batch from the store: people by state and by failure or skip reason."
    )

    @Argument(help: "The batch id (`herald provision` prints it).")
    var batch: String

    @Flag(help: "Print {\"batch\", \"total\", \"states\", \"reasons\"} as JSON.")
    var json = false

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let location = try options.settings().storeLocation()
        let batch = batch
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
