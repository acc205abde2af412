// Validates every real manifest in a loop on one core and prints manifests per second.
//
//   swift run -c release herald-bench [CORPUS_FOLDER] [SECONDS]
//
// Each iteration runs the whole `herald validate` pipeline on an in-memory package: decode, parse with
// positions, fill placeholders, schema validation against the shipped schema, every rule, localization.
//
//   swift run -c release herald-bench --memory MEGABYTES
//
// Generates a manifest of that size, parses it once and prints peak RSS per input byte (see MemoryBenchmark).
import Foundation
import ManifestKit

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--memory" {
    MemoryBenchmark.run(megabytes: Int(arguments.dropFirst().first ?? "20") ?? 20)
    exit(0)
}
let corpus = URL(fileURLWithPath: arguments.first ?? "../shared/real-manifests")
let seconds = Double(arguments.dropFirst().first ?? "5") ?? 5

guard let names = try? FileManager.default.contentsOfDirectory(atPath: corpus.path).filter({ $0.hasSuffix(".json") }).sorted(), !names.isEmpty else {
    FileHandle.standardError.write(Data("herald-bench: no manifests in \(corpus.path)\n".utf8))
    exit(2)
}
let packages = names.map { name in
    AppPackage(
        files: ["manifest.json": FileManager.default.contents(atPath: corpus.appendingPathComponent(name).path) ?? Data()], kind: .folder,
        displayPath: name)
}
let catalog = SchemaCatalog()

func measure(_ label: String, _ options: ValidationOptions) {
    let validator = ManifestValidator(catalog: catalog, options: options)
    var findings = 0
    for package in packages { findings += validator.validate(package).findings.count }  // warm-up: compiles each schema once
    let clock = ContinuousClock()
    let start = clock.now
    var validated = 0
    while clock.now - start < .seconds(seconds) {
        for package in packages { findings &+= validator.validate(package).findings.count }
        validated += packages.count
    }
    let elapsed = clock.now - start
    let perSecond = Double(validated) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    print(
        "\(label): \(validated) manifests in \(elapsed), \(Int(perSecond)) manifests/s on one core (\(packages.count) distinct, findings checksum \(findings % 1000))"
    )
}

print("herald-bench: \(packages.count) real manifests from \(corpus.path), \(seconds) s per mode")
measure("validate, placeholders resolved", ValidationOptions())
measure("validate, placeholders sampled", ValidationOptions(placeholderMode: .sample))
