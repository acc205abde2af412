public import HeraldCore

/// Why an app package could not be opened at all (as opposed to findings inside it).
public struct PackageError: HeraldError, Equatable {
    private enum Code: String {
        case notFound = "PackageNotFound"
        case unreadable = "PackageUnreadable"
        case notAZip = "PackageNotAZip"
        case unsafeEntry = "PackageUnsafeEntry"
        case tooLarge = "PackageTooLarge"
        case noManifest = "PackageHasNoManifest"
        case manifestIsFolder = "PackageManifestIsAFolder"
    }

    private let kind: Code
    /// What went wrong.
    public let message: String
    /// What to do about it.
    public let hint: String?

    public var code: String { kind.rawValue }

    /// The path does not exist.
    public static func notFound(_ path: String) -> PackageError {
        PackageError(kind: .notFound, message: "\(path) does not exist", hint: "pass a folder, a manifest.json or a .zip app package")
    }
    /// The file or folder cannot be read.
    public static func unreadable(_ path: String, _ reason: String) -> PackageError {
        PackageError(kind: .unreadable, message: "cannot read \(path): \(reason)", hint: nil)
    }
    /// The .zip is not a readable zip archive.
    public static func notAZip(_ path: String) -> PackageError {
        PackageError(kind: .notAZip, message: "\(path) is not a readable zip archive", hint: "rebuild the app package with a zip tool")
    }
    /// An entry would land outside the package, or is a link.
    public static func unsafeEntry(_ entry: String, _ reason: String) -> PackageError {
        PackageError(
            kind: .unsafeEntry, message: "refused to open the package: entry \"\(entry)\" \(reason)",
            hint: "an app package holds plain files with relative paths only")
    }
    /// Too many entries or too many bytes once inflated (a zip bomb is refused, not unpacked).
    public static func tooLarge(_ reason: String) -> PackageError {
        PackageError(
            kind: .tooLarge, message: "refused to open the package: \(reason)",
            hint: "a Teams app package is a few small files; check that this is the right file")
    }
    /// No manifest.json anywhere.
    public static func noManifest(_ path: String) -> PackageError {
        PackageError(kind: .noManifest, message: "no manifest.json in \(path)", hint: "the package root must hold manifest.json")
    }
    /// The manifest's path names a folder, not a file.
    public static func manifestIsFolder(_ path: String) -> PackageError {
        PackageError(
            kind: .manifestIsFolder, message: "\(path) is a folder, not a file",
            hint: "the package root must hold the file manifest.json; move the manifest out of that folder")
    }
}
