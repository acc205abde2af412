import Foundation
import ManifestKit
import Testing
import ZIPFoundation

@Suite("AppPackageReader")
struct AppPackageReaderTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("herald-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func zip(_ entries: [(String, Data)], in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("app.zip")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    @Test("opens a folder, a manifest file and a zip")
    func opensEachKind() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = Data(#"{"a": 1}"#.utf8)
        try manifest.write(to: directory.appendingPathComponent("manifest.json"))
        try Data("icon".utf8).write(to: directory.appendingPathComponent("color.png"))
        let folder = try AppPackageReader().open(directory.path)
        #expect(folder.kind == .folder)
        #expect(folder.manifestData == manifest)
        #expect(folder.file("color.png") == Data("icon".utf8))
        let file = try AppPackageReader().open(directory.appendingPathComponent("manifest.json").path)
        #expect(file.kind == .manifestFile)
        #expect(file.file("./color.png") == Data("icon".utf8))
        let zipped = try AppPackageReader().open(try zip([("manifest.json", manifest), ("color.png", Data("icon".utf8))], in: directory).path)
        #expect(zipped.kind == .zip)
        #expect(zipped.manifestData == manifest)
        #expect(zipped.file("color.png") == Data("icon".utf8))
    }

    @Test("references cannot climb out of the package")
    func noTraversalByReference() throws {
        let package = AppPackage(files: ["manifest.json": Data(), "icons/a.png": Data([1])])
        #expect(package.file("icons/../icons/a.png") == Data([1]))
        #expect(package.resolve("../secret") == nil)
        #expect(package.resolve("/etc/passwd") == nil)
    }

    @Test("a zip that wraps the package in a folder still opens, with the manifest's folder noted")
    func nestedManifest() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let package = try AppPackageReader().open(
            try zip([("appPackage/manifest.json", Data("{}".utf8)), ("appPackage/color.png", Data([7]))], in: directory).path)
        #expect(package.manifestFolder == "appPackage")
        #expect(package.file("color.png") == Data([7]))
    }

    @Test("refuses path traversal inside a zip")
    func refusesTraversal() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try zip([("manifest.json", Data("{}".utf8)), ("../../evil.sh", Data("x".utf8))], in: directory)
        let error = #expect(throws: PackageError.self) { try AppPackageReader().open(url.path) }
        #expect(error?.code == "PackageUnsafeEntry")
        #expect(!FileManager.default.fileExists(atPath: directory.deletingLastPathComponent().appendingPathComponent("evil.sh").path))
    }

    @Test("refuses a zip bomb before unpacking it whole")
    func refusesBombs() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Not a JSON file: an oversized manifest or localization file is left packed and reported instead.
        let url = try zip([("manifest.json", Data("{}".utf8)), ("color.png", Data(count: 2 << 20))], in: directory)
        let limits = ZipLimits(maximumEntries: 10, maximumEntryBytes: 1 << 20, maximumTotalBytes: 1 << 20)
        let error = #expect(throws: PackageError.self) { try AppPackageReader(limits: limits).open(url.path) }
        #expect(error?.code == "PackageTooLarge")
        #expect(error?.message.contains("inflate") == true)
    }

    @Test("refuses too many entries")
    func refusesManyEntries() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try zip((0..<5).map { ("f\($0).txt", Data([1])) } + [("manifest.json", Data("{}".utf8))], in: directory)
        let error = #expect(throws: PackageError.self) { try AppPackageReader(limits: ZipLimits(maximumEntries: 3)).open(url.path) }
        #expect(error?.code == "PackageTooLarge")
    }

    @Test("missing paths, folders without a manifest and damaged zips are clear errors")
    func unreadable() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(
            (#expect(throws: PackageError.self) { try AppPackageReader().open(directory.appendingPathComponent("nope").path) })?.code
                == "PackageNotFound")
        #expect((#expect(throws: PackageError.self) { try AppPackageReader().open(directory.path) })?.code == "PackageHasNoManifest")
        let broken = directory.appendingPathComponent("broken.zip")
        try Data("PK\u{3}\u{4}garbage".utf8).write(to: broken)
        #expect((#expect(throws: PackageError.self) { try AppPackageReader().open(broken.path) })?.code == "PackageNotAZip")
    }
}
