/// What every rule sees: the manifest (placeholders filled where possible), its version and package.
struct RuleContext {
    let manifest: JSONValue
    let version: ManifestVersion?
    let package: AppPackage
    /// String values still holding a placeholder: rules say nothing about them.
    let unresolved: Set<JSONPointer>

    /// The string at `pointer`, unless absent, not a string, or still a placeholder.
    func string(_ pointer: JSONPointer) -> String? {
        guard !unresolved.contains(pointer) else { return nil }
        return pointer.resolve(in: manifest)?.stringValue
    }

    /// Whether the value at `pointer` still holds an unresolved placeholder.
    func isPlaceholder(_ pointer: JSONPointer) -> Bool { unresolved.contains(pointer) }

    /// The array at `pointer` with each element's pointer.
    func elements(_ pointer: JSONPointer) -> [(pointer: JSONPointer, value: JSONValue)] {
        guard let items = pointer.resolve(in: manifest)?.arrayValue else { return [] }
        return items.enumerated().map { (pointer.appending($0.offset), $0.element) }
    }

    /// Elements of arrays inside each element of an outer array (`/bots/*/commandLists`).
    func elements(_ pointer: JSONPointer, _ member: String) -> [(pointer: JSONPointer, value: JSONValue)] {
        elements(pointer).flatMap { elements($0.pointer.appending(member)) }
    }
}

/// A `manifestVersion`: `1.16`, or `devPreview` (newer than every numbered version).
public struct ManifestVersion: Sendable, Comparable, Hashable, CustomStringConvertible {
    /// The major number.
    public let major: Int
    /// The minor number.
    public let minor: Int
    /// Whether this is `devPreview`.
    public let isPreview: Bool

    /// Parses `1.16` or `devPreview`.
    /// - Parameter text: a `manifestVersion` value.
    public init?(_ text: String) {
        if text == "devPreview" {
            major = Int.max
            minor = Int.max
            isPreview = true
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.major = major
        self.minor = minor
        self.isPreview = false
    }

    public var description: String { isPreview ? "devPreview" : "\(major).\(minor)" }

    public static func < (lhs: ManifestVersion, rhs: ManifestVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// Whether this version is at least `major.minor`.
    func isAtLeast(_ major: Int, _ minor: Int) -> Bool { (self.major, self.minor) >= (major, minor) }
}
