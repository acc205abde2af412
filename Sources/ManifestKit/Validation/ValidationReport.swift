/// The result of validating one app package.
public struct ValidationReport: Sendable {
    /// The path that was validated, as given.
    public let target: String
    /// The manifest's `manifestVersion`, if it has one.
    public let manifestVersion: String?
    /// The schema used (`v1.30.schema.json (shipped)`), if one was found.
    public let schema: String?
    /// Every finding: the manifest's first, then each other file's; errors first within a file, then by line.
    public let findings: [Finding]
    /// The manifest's file in the package, when known.
    public let manifestFile: String?
    /// Whether the rules ran (false when the manifest could not be read, parsed or used: only the findings
    /// that stopped it are there).
    public let rulesRan: Bool

    /// A report.
    /// - Parameters:
    ///   - target: the path validated.
    ///   - manifestVersion: the manifest's version.
    ///   - schema: the schema used.
    ///   - findings: the findings (the manifest's first, then each file's, errors first within a file).
    ///   - manifestFile: the manifest's file in the package, whose findings come first.
    ///   - rulesRan: whether the rules ran.
    public init(target: String, manifestVersion: String?, schema: String?, findings: [Finding], manifestFile: String? = nil, rulesRan: Bool = true) {
        self.target = target
        self.manifestFile = manifestFile
        self.rulesRan = rulesRan
        self.manifestVersion = manifestVersion
        self.schema = schema
        self.findings = findings.sorted { lhs, rhs in
            if lhs.file != rhs.file, lhs.file == manifestFile || rhs.file == manifestFile { return lhs.file == manifestFile }
            if lhs.file != rhs.file { return lhs.file < rhs.file }
            if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
            return (lhs.position?.line ?? 0, lhs.position?.column ?? 0) < (rhs.position?.line ?? 0, rhs.position?.column ?? 0)
        }
    }

    /// How many findings have `severity`.
    /// - Parameter severity: the severity to count.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// Whether the package has no errors (warnings allowed).
    public var isValid: Bool { count(.error) == 0 }
}
