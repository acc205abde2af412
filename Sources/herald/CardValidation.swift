import Foundation
import ManifestKit
import Messenger

/// `herald validate` on an Adaptive Card template: the template's syntax (JSON and `${…}` bindings, with line and
/// column), the card's basics as Teams renders them (an `AdaptiveCard`, version 1.5 at most, a body), and its size
/// against Teams' limit for a bot message.
enum CardValidation {
    /// Whether `path` is a card rather than an app package: a `.json` file whose root says `"type": "AdaptiveCard"`.
    static func isCard(_ path: String) -> Bool {
        guard path.lowercased().hasSuffix(".json"), (path as NSString).lastPathComponent.lowercased() != "manifest.json",
            let data = FileManager.default.contents(atPath: path), let document = try? JSONDocument(data: data)
        else { return false }
        return document.root["type"]?.stringValue == "AdaptiveCard"
    }

    static func report(_ path: String) -> ValidationReport {
        let file = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            return ValidationReport(
                target: path, manifestVersion: nil, schema: nil,
                findings: [Finding(rule: "Card.Unreadable", severity: .error, file: file, message: "\(path) cannot be read")], rulesRan: false)
        }
        let template: CardTemplate
        do {
            template = try CardTemplate(data: data)
        } catch {
            let finding = Finding(
                rule: "Card.TemplateSyntax", severity: .error, file: file, pointer: JSONPointer(error.pointer),
                position: SourcePosition(line: error.line, column: error.column), message: error.message,
                hint: "bindings are ${expression} with Adaptive Expressions functions Herald supports")
            return ValidationReport(target: path, manifestVersion: nil, schema: nil, findings: [finding], rulesRan: true)
        }
        let findings = CardCheck.problems(template.document.root).map { problem in
            Finding(
                rule: problem.hasPrefix("the message") ? "Card.MessageSize" : problem.hasPrefix("/version") ? "Card.Version" : "Card.Structure",
                severity: .error, file: file, message: problem)
        }
        return ValidationReport(target: path, manifestVersion: nil, schema: nil, findings: findings, rulesRan: true)
    }
}
