import ArgumentParser
import Foundation
import ReferenceStore

/// `herald refs`: who can be reached, since when, learned from what.
struct RefsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refs",
        abstract: "List the stored conversation references: who can be reached, since when, and from which source."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only this tenant's references.")
    var tenant: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let references = try await storeOptions.withStore { store in try await store.references(tenantId: tenant) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            Console.write(try encoder.encode(references))
            return
        }
        guard !references.isEmpty else {
            print("no conversation references in \(try storeOptions.location().redacted) yet: `herald listen` captures them as Teams installs the app")
            return
        }
        let formatter = ISO8601DateFormatter()
        let rows = references.map { reference in
            [reference.tenantId, reference.subjectId, reference.kind.rawValue, reference.active ? "active" : "inactive", reference.source.rawValue,
             formatter.string(from: reference.capturedAt), reference.serviceUrl, reference.conversationId]
        }
        let header = ["TENANT", "USER OR TEAM", "KIND", "STATUS", "SOURCE", "CAPTURED", "SERVICE URL", "CONVERSATION"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            print(row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        let active = references.filter(\.active).count
        print("\(references.count) reference\(references.count == 1 ? "" : "s"), \(active) active")
    }
}
