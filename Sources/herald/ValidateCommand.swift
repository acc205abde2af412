public import ArgumentParser
import Foundation
import HeraldCore
public import ManifestKit

/// `herald validate PATH…`: check Teams app packages before anything reaches a tenant.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a Teams app package (folder, manifest.json or .zip) against the official schema and Teams' rules.",
        discussion: """
            Works offline: the official schemas v1.0–v1.30 and devPreview ship with Herald (see `herald schemas`). \
            Placeholders (${{VAR}}, {{VAR}}, <<VAR>>, <VAR>, %VAR%, [VAR]) are filled from --env-file; Teams Toolkit's \
            ${{VAR}} also from the environment, as Teams Toolkit does. A note says where each filled value came from. \
            Each one left unfilled is reported once, and its field is not reported again (a bare <VAR> or [VAR], which \
            counts only as a whole value or a whole part of a host or URL, hides nothing).

            Several packages are checked in one run; one that cannot be read is reported with the others, and the run \
            exits 2 at the end.

            Exit status: 0 valid (warnings allowed), 1 errors found, 2 usage error or unreadable input.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, junit }

    @Argument(help: "App packages to check: a folder holding manifest.json, a manifest file, or a .zip.")
    var paths: [String] = []

    @Option(help: "Output format: text, json, sarif (SARIF 2.1.0 for code scanning) or junit (JUnit XML for Azure Pipelines, GitLab, Jenkins).")
    var format: Format = .text

    @Option(name: .customLong("env-file"), help: "A Teams Toolkit env file (env/.env.dev) whose variables fill placeholders.")
    var envFile: String?

    @Option(help: "Validate every manifest against this schema file instead of the one its manifestVersion names.")
    var schema: String?

    @Option(help: "Placeholders: resolve (fill from env, report the rest), sample (fill the rest with plausible values), off.")
    var placeholders: ValidationOptions.PlaceholderMode = .resolve

    @Option(help: "Severity of an unfilled placeholder: error or warning (default: error in a .zip, warning in a folder).")
    var unresolved: Severity?

    @Flag(name: .customLong("require-proactive-install"), help: "Make the proactive-install readiness rules errors (herald provision needs them).")
    var requireProactiveInstall = false

    @Option(
        name: .customLong("card"),
        help:
            "An Adaptive Card template to check (syntax with line and column, AdaptiveCard version ≤ 1.5 for Teams, message size); a .json path whose root is an AdaptiveCard is checked as one too."
    )
    var cards: [String] = []

    @Flag(help: "Never colour the text output.")
    var noColor = false

    @Flag(help: "List every rule with its id, severity and summary, and exit.")
    var listRules = false

    func validate() throws {
        if !listRules && paths.isEmpty && cards.isEmpty {
            throw ValidationError("give at least one app package path (a folder, a manifest.json or a .zip) or --card FILE")
        }
        if unresolved == .note { throw ValidationError("--unresolved takes error or warning") }
    }

    func run() async throws {
        if listRules {
            for rule in Rules.all {
                print(
                    "\(rule.id.padding(toLength: 62, withPad: " ", startingAt: 0)) \(rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(rule.group.padding(toLength: 18, withPad: " ", startingAt: 0)) \(rule.summary)"
                )
            }
            return
        }
        let catalog = SchemaCatalog(cacheDirectory: Configuration.schemaCacheDirectory(), override: schema.map { URL(fileURLWithPath: $0) })
        let options = ValidationOptions(
            variables: try Self.envFileVariables(envFile), variablesSource: envFile.map { "--env-file \($0)" } ?? "--env-file",
            environment: ProcessInfo.processInfo.environment, placeholderMode: placeholders, unresolvedSeverity: unresolved,
            requireProactiveInstall: requireProactiveInstall)
        let validator = ManifestValidator(catalog: catalog, options: options)
        let reader = AppPackageReader()
        var reports: [ValidationReport] = []
        var packages: [String: AppPackage] = [:]
        var unreadable = false
        for path in paths + cards {
            if cards.contains(path) || CardValidation.isCard(path) {
                reports.append(CardValidation.report(path))
                continue
            }
            do {
                let package = try reader.open(path)
                packages[path] = package
                reports.append(validator.validate(package))
            } catch {
                // One bad path must not drop the others' reports: say it, go on, exit 2 at the end.
                unreadable = true
                Console.error("herald validate: \(error.message)" + (error.hint.map { " (\($0))" } ?? ""))
                let finding = Finding(rule: error.code, severity: .error, file: path, message: error.message, hint: error.hint)
                reports.append(ValidationReport(target: path, manifestVersion: nil, schema: nil, findings: [finding], rulesRan: false))
            }
        }
        switch format {
        case .text:
            let renderer = TextReport(colors: !noColor && Console.isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            print(reports.map(renderer.render).joined(separator: "\n"), terminator: "")
        case .json:
            Console.write(JSONReport.render(reports))
        case .junit:
            Console.write(JUnitReport.render(reports))
        case .sarif:
            Console.write(
                SARIFReport.render(reports, toolVersion: Herald.version) { report, finding in
                    Self.artifactURI(report: report, finding: finding, package: packages[report.target])
                })
        }
        if unreadable { throw ExitCode(2) }
        if reports.contains(where: { !$0.isValid }) { throw ExitCode(1) }
    }

    /// The env file's variables, which fill placeholders of every form (the environment fills only `${{VAR}}`).
    static func envFileVariables(_ path: String?) throws -> [String: String] {
        guard let path else { return [:] }
        do {
            return try EnvFile(contentsOf: URL(fileURLWithPath: path)).values
        } catch let error as EnvFile.SyntaxError {
            throw ValidationError("--env-file \(path): \(error.message)")
        } catch {
            throw ValidationError("--env-file \(path) cannot be read: \(error.localizedDescription)")
        }
    }

    /// The repository-relative file a finding is in: a folder's file, or the zip itself.
    static func artifactURI(report: ValidationReport, finding: Finding, package: AppPackage?) -> String {
        switch package?.kind {
        case .folder?: return (report.target as NSString).appendingPathComponent(finding.file)
        case .manifestFile?: return ((report.target as NSString).deletingLastPathComponent as NSString).appendingPathComponent(finding.file)
        default: return report.target
        }
    }
}

extension ValidationOptions.PlaceholderMode: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {
    /// `--unresolved` takes only these two.
    public static var allValueStrings: [String] { [Severity.error.rawValue, Severity.warning.rawValue] }
}
