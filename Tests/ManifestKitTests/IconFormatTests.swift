import Foundation
import ManifestKit
import Testing

/// An icon that is not a PNG says what it is instead.
@Suite("Icons that are not PNGs")
struct IconFormatTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: Data
        let kind: FileKind
        let says: String
        var testDescription: String { name }
    }

    static let lfsPointer = """
        version https://git-lfs.github.com/spec/v1
        oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393
        size 12345

        """

    static let cases: [Case] = [
        Case(name: "JPEG", bytes: Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + Data("JFIF".utf8), kind: .jpeg, says: "it is a JPEG image"),
        Case(name: "GIF87a", bytes: Data("GIF87a".utf8) + Data([0x20, 0, 0x20, 0]), kind: .gif, says: "it is a GIF image"),
        Case(name: "GIF89a", bytes: Data("GIF89a".utf8) + Data([0x20, 0, 0x20, 0]), kind: .gif, says: "it is a GIF image"),
        Case(
            name: "SVG", bytes: Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"/>"#.utf8), kind: .svg,
            says: "it is an SVG drawing"),
        Case(
            name: "XML-declared SVG", bytes: Data("\u{FEFF}<?xml version=\"1.0\"?>\n<svg/>".utf8), kind: .svg, says: "it is an SVG drawing"),
        Case(name: "WebP", bytes: Data("RIFF".utf8) + Data([0x24, 0, 0, 0]) + Data("WEBPVP8 ".utf8), kind: .webp, says: "it is a WebP image"),
        Case(name: "BMP", bytes: Data("BM".utf8) + Data([0x36, 0x0C, 0, 0, 0, 0]), kind: .bmp, says: "it is a BMP"),
        Case(name: "empty file", bytes: Data(), kind: .empty, says: "it is an empty file (0 bytes)"),
        Case(name: "Git LFS pointer", bytes: Data(lfsPointer.utf8), kind: .gitLFSPointer, says: "it is a Git LFS pointer"),
    ]

    @Test("each format is recognised and named in the finding", arguments: cases)
    func namesTheFormat(_ testCase: Case) throws {
        #expect(FileKind(data: testCase.bytes) == testCase.kind)
        let report = SamplePackage.validate(files: ["color.png": testCase.bytes])
        let finding = try #require(report.findings("IconIsNotPng").first)
        #expect(report.rules == ["IconIsNotPng"])
        #expect(finding.message == "color.png is not a PNG: \(testCase.kind.description)".replacingOccurrences(of: "PNG: ", with: "PNG: it is "))
        #expect(finding.message.contains(testCase.says), "\(finding.message)")
        #expect(finding.pointer?.description == "/icons/color")
        #expect(finding.hint?.isEmpty == false)
    }

    @Test("a Git LFS pointer says to run git lfs pull")
    func lfsHint() throws {
        let report = SamplePackage.validate(files: ["outline.png": Data(Self.lfsPointer.utf8)])
        let finding = try #require(report.findings("IconIsNotPng").first)
        #expect(finding.hint?.contains("run `git lfs pull`") == true)
    }

    @Test("a damaged PNG is still described as a PNG that cannot be used")
    func damagedPNG() throws {
        let truncated = SamplePackage.colorIcon.prefix(40)
        let finding = try #require(SamplePackage.validate(files: ["color.png": Data(truncated)]).findings("IconIsNotPng").first)
        #expect(finding.message.contains("is not a usable PNG: the PNG file is truncated"), "\(finding.message)")
    }
}
