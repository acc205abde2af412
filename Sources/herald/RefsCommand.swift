import ArgumentParser
import Foundation
import HeraldCore
import ReferenceStore

/// `herald refs`: who can be reached, since when, learned from what.
struct RefsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refs",
        abstract: "List the stored conversation references: who can be reached, since when, and from which source."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only this tenant's references.")
    var tenant: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let location = try options.settings().storeLocation()
        let tenant = tenant.map(TenantID.init(rawValue:))
        let references = try await location.withStore { store in try await store.references(tenantId: tenant) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            Console.write(try encoder.encode(references))
            return
        }
        guard !references.isEmpty else {
            print("no conversation references in \(location.redacted) yet: `herald listen` captures them as Teams installs the app")
            return
        }
        let formatter = ISO8601DateFormatter()
        let rows = references.map { record in
            let reference = record.reference
            return [
                reference.tenantId.rawValue, reference.subject.rawValue, reference.subject.kind.rawValue, record.active ? "active" : "inactive",
                reference.source.rawValue, formatter.string(from: record.capturedAt), reference.serviceURL.rawValue,
                reference.conversationId.rawValue,
            ]
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
