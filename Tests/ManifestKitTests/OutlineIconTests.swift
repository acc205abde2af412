import Foundation
import ManifestKit
import Testing

/// The outline icon is white on transparent: white at any alpha, anything at alpha 0, colour nowhere.
@Suite("Outline icon transparency")
struct OutlineIconTests {
    private static let transparent = RGBA(r: 0, g: 0, b: 0, a: 0)

    /// A white disc whose edge fades through every alpha from 255 to 0, as an anti-aliasing renderer draws it.
    private static let antiAliasedDisc = PNGFixture.rgba(width: 32, height: 32) { x, y in
        let dx = Double(x) - 15.5, dy = Double(y) - 15.5
        let distance = (dx * dx + dy * dy).squareRoot()
        let coverage = min(max(12 - distance, 0), 1)
        return RGBA(r: 255, g: 255, b: 255, a: UInt8((coverage * 255).rounded()))
    }

    @Test("an anti-aliased white outline, with edge alphas between 0 and 255, passes")
    func antiAliasedEdgesPass() throws {
        let image = try RGBAImage(pngData: Self.antiAliasedDisc)
        let alphas = Set(image.pixels.enumerated().filter { $0.offset % 4 == 3 }.map(\.element))
        #expect(alphas.contains(0) && alphas.contains(255) && alphas.contains { $0 > 0 && $0 < 255 })
        let report = SamplePackage.validate(files: ["outline.png": Self.antiAliasedDisc])
        #expect(!report.rules.contains("InvalidOutlineIconTransparency"), "\(report.findings.map(\.message))")
        #expect(report.isValid)
    }

    @Test("near-white from colour quantisation (254,254,254) counts as white")
    func nearWhitePasses() {
        let icon = PNGFixture.rgba(width: 32, height: 32) { x, y in
            (8..<24).contains(x) && (8..<24).contains(y) ? RGBA(r: 254, g: 254, b: 254, a: UInt8(100 + x)) : Self.transparent
        }
        #expect(!SamplePackage.validate(files: ["outline.png": icon]).rules.contains("InvalidOutlineIconTransparency"))
        #expect(OutlineAudit.isAllowed(RGBA(r: 250, g: 255, b: 251, a: 255)))
        #expect(!OutlineAudit.isAllowed(RGBA(r: 249, g: 255, b: 255, a: 255)))
    }

    @Test("anything at alpha 0 is transparent, whatever its colour")
    func colourAtAlphaZeroPasses() {
        let icon = PNGFixture.rgba(width: 32, height: 32) { x, y in
            x < 16 ? RGBA(r: 200, g: 10, b: 90, a: 0) : RGBA(r: 255, g: 255, b: 255, a: 255)
        }
        #expect(!SamplePackage.validate(files: ["outline.png": icon]).rules.contains("InvalidOutlineIconTransparency"))
    }

    @Test("a coloured pixel at alpha 40 fails, with the count of offending pixels and the first positions")
    func colourFails() throws {
        let coloured: Set<[Int]> = [[5, 2], [9, 2], [1, 7], [30, 7], [2, 20], [3, 31], [31, 31]]
        let icon = PNGFixture.rgba(width: 32, height: 32) { x, y in
            coloured.contains([x, y]) ? RGBA(r: 40, g: 120, b: 200, a: 40) : (x + y) % 3 == 0 ? RGBA(r: 255, g: 255, b: 255, a: 90) : Self.transparent
        }
        let report = SamplePackage.validate(files: ["outline.png": icon])
        let finding = try #require(report.findings("InvalidOutlineIconTransparency").first)
        #expect(report.findings("InvalidOutlineIconTransparency").count == 1)
        #expect(finding.severity == .error)
        #expect(finding.pointer?.description == "/icons/outline")
        #expect(finding.message.contains("7 of 1024 pixels are coloured"), "\(finding.message)")
        #expect(finding.message.contains("(5,2) A,R,G,B = 40,40,120,200; (9,2)"))
        #expect(finding.message.contains("(1,7)") && finding.message.contains("(30,7)") && finding.message.contains("(2,20)"))
        #expect(!finding.message.contains("(3,31)"), "only the first five positions are listed")
        #expect(finding.message.hasSuffix(", …"))

        let audit = OutlineAudit(try RGBAImage(pngData: icon))
        #expect(audit.offendingCount == 7)
        #expect(audit.firstOffenders.map { [$0.x, $0.y] } == [[5, 2], [9, 2], [1, 7], [30, 7], [2, 20]])
    }

    @Test("an outline without any transparency is still refused")
    func opaqueImageFails() {
        let opaque = PNGFixture.encode(width: 32, height: 32, colorType: .truecolor, bitDepth: 8) { _, _ in [255, 255, 255] }
        let report = SamplePackage.validate(files: ["outline.png": opaque])
        #expect(report.findings("InvalidOutlineIconTransparency").first?.message.contains("no transparency") == true)
    }
}
