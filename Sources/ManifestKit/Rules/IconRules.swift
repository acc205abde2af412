import Foundation

/// Icons present in the package, real PNGs of the right size; the outline icon white on transparent.
enum IconRules {
    private struct Expectation {
        let member: String
        let width: Int
        let rule: RuleDescriptor
        let required: Bool
    }

    private static let expectations = [
        Expectation(member: "color", width: 192, rule: Rules.colorIconSize, required: true),
        Expectation(member: "outline", width: 32, rule: Rules.outlineIconSize, required: true),
        Expectation(member: "color32x32", width: 32, rule: Rules.color32IconSize, required: false),
    ]

    static func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let icons = JSONPointer.root.appending("icons")
        for expectation in expectations {
            let pointer = icons.appending(expectation.member)
            guard let path = context.string(pointer) else { continue }
            guard let resolved = context.package.resolve(path) else {
                findings.append(Rules.fileOutsidePackage.finding("icons.\(expectation.member) \"\(path)\" points outside the package", at: pointer))
                continue
            }
            guard let data = context.package.file(path) else {
                findings.append(Rules.fileMissing.finding("icons.\(expectation.member) names \"\(path)\", which is not in the package", at: pointer))
                continue
            }
            let info: PNGInfo
            do {
                info = try PNGInfo(data: data)
            } catch {
                findings.append(notPNG(resolved, data: data, error: error, at: pointer))
                continue
            }
            if info.width != expectation.width || info.height != expectation.width {
                findings.append(
                    expectation.rule.finding(
                        "\(resolved) is \(info.width)×\(info.height); it must be \(expectation.width)×\(expectation.width)", at: pointer))
                continue
            }
            if expectation.member == "outline", let problem = outlineProblem(data, info) {
                findings.append(Rules.outlineIconTransparency.finding("\(resolved): \(problem)", at: pointer))
            }
        }
        return findings
    }

    /// The finding for an icon that cannot be read as a PNG, saying what the file is when it is something else.
    static func notPNG(_ resolved: String, data: Data, error: PNGError, at pointer: JSONPointer) -> Finding {
        let kind = FileKind(data: data)
        guard error == .notPNG, kind != .png else { return Rules.iconNotPNG.finding("\(resolved) is not a usable PNG: \(error)", at: pointer) }
        return Rules.iconNotPNG.finding("\(resolved) is not a PNG: it is \(kind.description)", at: pointer, hint: kind.hint)
    }

    /// Why an outline icon is not white-on-transparent, or `nil` if it is.
    static func outlineProblem(_ data: Data, _ info: PNGInfo) -> String? {
        guard info.hasTransparency else { return "the image has no transparency (no alpha channel and no tRNS chunk)" }
        let image: RGBAImage
        do { image = try RGBAImage(pngData: data) } catch { return "the pixels cannot be decoded: \(error)" }
        return OutlineAudit(image).problem
    }
}
