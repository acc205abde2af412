import Foundation
import ManifestKit
import Testing
import ZIPFoundation

/// Manifests and localization files that cannot or should not be parsed are reported before parsing.
@Suite("Input limits: size caps, empty files, folders")
struct InputLimitTests {
    private static let limit = AppPackage.maximumJSONFileBytes
    /// Valid JSON one byte over the cap: an object padded with spaces.
    private static let oversized = Data(("{" + String(repeating: " ", count: limit - 1) + "}").utf8)

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("herald-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func zip(_ entries: [(String, Data?)], in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("app.zip")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            guard let data else {
                try archive.addEntry(with: path, type: .directory, uncompressedSize: Int64(0)) { _, _ in Data() }
                continue
            }
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    private func validate(_ package: AppPackage) -> ValidationReport {
        ManifestValidator(catalog: SamplePackage.catalog).validate(package)
    }

    private func expectTooLarge(_ report: ValidationReport, file: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let finding = report.findings("JsonFileTooLarge").first
        #expect(report.rules == ["JsonFileTooLarge"], "\(report.findings.map(\.message))", sourceLocation: sourceLocation)
        #expect(finding?.file == file, sourceLocation: sourceLocation)
        #expect(
            finding?.message == "\(file) is 1,048,577 bytes (1.0 MiB); Herald does not parse JSON files over 1,048,576 bytes (1.0 MiB)",
            sourceLocation: sourceLocation)
    }

    @Test("the cap is 1 MiB")
    func documentedCap() {
        #expect(AppPackage.maximumJSONFileBytes == 1_048_576)
        #expect(Self.oversized.count == 1_048_577)
    }

    @Test("a manifest of 1 MiB + 1 byte in a folder is refused with its size and the cap, unread")
    func oversizedManifestInFolder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.oversized.write(to: directory.appendingPathComponent("manifest.json"))
        let package = try AppPackageReader().open(directory.path)
        #expect(package.readManifest() == .tooLarge(bytes: 1_048_577))
        expectTooLarge(validate(package), file: "manifest.json")
    }

    @Test("a manifest of exactly 1 MiB is parsed")
    func manifestAtCapIsParsed() {
        var text = SamplePackage.manifest.serialized
        text += String(repeating: " ", count: Self.limit - text.utf8.count)
        let report = SamplePackage.validate(manifestText: text)
        #expect(report.isValid, "\(report.findings.map(\.message))")
    }

    @Test("a manifest of 1 MiB + 1 byte in a zip is refused by its entry size, without inflating it")
    func oversizedManifestInZip() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try zip([("manifest.json", Self.oversized), ("color.png", SamplePackage.colorIcon)], in: directory)
        // Inflating the manifest would break this total limit: opening succeeds only because the entry stays packed.
        let limits = ZipLimits(maximumTotalBytes: 256 << 10)
        let package = try AppPackageReader(limits: limits).open(url.path)
        #expect(package.manifestData == nil)
        #expect(package.readManifest() == .tooLarge(bytes: 1_048_577))
        expectTooLarge(validate(package), file: "manifest.json")
    }

    @Test("an oversized localization file is refused before parsing, in a folder and in a zip")
    func oversizedLocalization() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = SamplePackage.manifest([
            "/localizationInfo": .object(
                {
                    var info = JSONObject()
                    info["defaultLanguageTag"] = .string("en-us")
                    info["additionalLanguages"] = .array([
                        .object(
                            {
                                var language = JSONObject()
                                language["languageTag"] = .string("fr")
                                language["file"] = .string("fr.json")
                                return language
                            }())
                    ])
                    return info
                }())
        ])
        let files = [
            ("manifest.json", Data(manifest.serialized.utf8)), ("color.png", SamplePackage.colorIcon),
            ("outline.png", SamplePackage.outlineIcon), ("fr.json", Self.oversized),
        ]
        let folder = directory.appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        expectTooLarge(validate(try AppPackageReader().open(folder.path)), file: "fr.json")
        let zipped = try AppPackageReader().open(try zip(files.map { ($0.0, $0.1) }, in: directory).path)
        expectTooLarge(validate(zipped), file: "fr.json")
    }

    @Test("an empty manifest says it is empty")
    func emptyManifest() throws {
        let report = SamplePackage.validate(manifestText: "")
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.rule == "Serialization_FileNotValidJson")
        #expect(finding.message == "manifest.json is empty (0 bytes)")
        let blank = SamplePackage.validate(manifestText: "\n  \n")
        #expect(blank.findings.first?.message == "manifest.json holds no JSON, only 4 bytes of white space")
    }

    @Test("a folder named manifest.json says so, in a folder and in a zip")
    func manifestIsFolder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("package")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("manifest.json"), withIntermediateDirectories: true)
        let error = #expect(throws: PackageError.self) { try AppPackageReader().open(folder.path) }
        #expect(error?.code == "PackageManifestIsAFolder")
        #expect(error?.message.hasSuffix("manifest.json is a folder, not a file") == true)
        let direct = #expect(throws: PackageError.self) { try AppPackageReader().open(folder.appendingPathComponent("manifest.json").path) }
        #expect(direct?.code == "PackageManifestIsAFolder")
        let url = try zip([("manifest.json/", nil), ("manifest.json/manifest.json.bak", Data("{}".utf8))], in: directory)
        let zipped = #expect(throws: PackageError.self) { try AppPackageReader().open(url.path) }
        #expect(zipped?.code == "PackageManifestIsAFolder")
        #expect(zipped?.message.contains("is a folder, not a file") == true)
    }

    @Test("a localization file that is a folder says so")
    func localizationIsFolder() {
        let manifest = SamplePackage.manifest([
            "/localizationInfo": .object(
                {
                    var info = JSONObject()
                    info["defaultLanguageTag"] = .string("en-us")
                    info["defaultLanguageFile"] = .string("en")
                    return info
                }())
        ])
        let report = SamplePackage.validate(manifest, files: ["en/readme.txt": Data("x".utf8)])
        let finding = report.findings("Serialization_FileMissing").first
        #expect(finding?.message == "the localization file en is a folder, not a file")
        #expect(finding?.pointer?.description == "/localizationInfo/defaultLanguageFile")
    }
}
