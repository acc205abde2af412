import Foundation
import ManifestKit
import Testing

@Suite("PNG reading")
struct PNGDecodingTests {
    @Test("reads the header of each colour type")
    func header() throws {
        let info = try PNGInfo(data: PNGFixture.rgba(width: 3, height: 2) { _, _ in RGBA(r: 1, g: 2, b: 3, a: 4) })
        let other = try PNGInfo(data: PNGFixture.rgba(width: 3, height: 2) { _, _ in RGBA(r: 0, g: 0, b: 0, a: 0) })
        #expect(info == other)
        #expect((info.width, info.height, info.bitDepth, info.colorType, info.hasTransparency) == (3, 2, 8, .truecolorAlpha, true))
        let gray = try PNGInfo(data: PNGFixture.encode(width: 1, height: 1, colorType: 0, bitDepth: 8, rows: [[7]]))
        #expect(gray.colorType == .grayscale && !gray.hasTransparency)
        let keyed = try PNGInfo(data: PNGFixture.encode(width: 1, height: 1, colorType: 2, bitDepth: 8, rows: [[7, 7, 7]], transparency: [0, 7, 0, 7, 0, 7]))
        #expect(keyed.hasTransparency)
    }

    @Test("decodes RGBA with every filter type", arguments: [UInt8(0), 1, 2, 3, 4])
    func filters(_ filter: UInt8) throws {
        let expected = { (x: Int, y: Int) in RGBA(r: UInt8(x * 40), g: UInt8(y * 50), b: UInt8((x * y) % 256), a: UInt8(255 - x * 10)) }
        var rows: [[UInt8]] = []
        for y in 0..<4 { rows.append((0..<5).flatMap { x -> [UInt8] in let p = expected(x, y); return [p.r, p.g, p.b, p.a] }) }
        let image = try RGBAImage(pngData: PNGFixture.encode(width: 5, height: 4, colorType: 6, bitDepth: 8, rows: rows, filter: filter))
        for y in 0..<4 { for x in 0..<5 { #expect(image[x: x, y: y] == expected(x, y)) } }
    }

    @Test("decodes grayscale bit depths, 16-bit truecolor, palettes with tRNS, and a colour key")
    func colourTypes() throws {
        let twoBit = try RGBAImage(pngData: PNGFixture.encode(width: 4, height: 1, colorType: 0, bitDepth: 2, rows: [[0b00_01_10_11]]))
        #expect((0..<4).map { twoBit[x: $0, y: 0].r } == [0, 85, 170, 255])
        let deep = try RGBAImage(pngData: PNGFixture.encode(width: 1, height: 1, colorType: 2, bitDepth: 16, rows: [[0xAB, 0xCD, 0x12, 0x34, 0xFF, 0x00]]))
        #expect(deep[x: 0, y: 0] == RGBA(r: 0xAB, g: 0x12, b: 0xFF, a: 255))
        let indexed = try RGBAImage(pngData: PNGFixture.encode(width: 2, height: 1, colorType: 3, bitDepth: 1, rows: [[0b01_000000]], palette: [255, 255, 255, 10, 20, 30], transparency: [0]))
        #expect(indexed[x: 0, y: 0] == RGBA(r: 255, g: 255, b: 255, a: 0))
        #expect(indexed[x: 1, y: 0] == RGBA(r: 10, g: 20, b: 30, a: 255))
        let keyed = try RGBAImage(pngData: PNGFixture.encode(width: 2, height: 1, colorType: 2, bitDepth: 8, rows: [[1, 2, 3, 4, 5, 6]], transparency: [0, 1, 0, 2, 0, 3]))
        #expect(keyed[x: 0, y: 0].a == 0)
        #expect(keyed[x: 1, y: 0].a == 255)
        let grayAlpha = try RGBAImage(pngData: PNGFixture.encode(width: 1, height: 1, colorType: 4, bitDepth: 8, rows: [[200, 100]]))
        #expect(grayAlpha[x: 0, y: 0] == RGBA(r: 200, g: 200, b: 200, a: 100))
    }

    @Test("decodes an Adam7-interlaced image")
    func interlaced() throws {
        // An 8×8 grayscale image whose value is its index; laid out pass by pass.
        let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        var rows: [[UInt8]] = []
        for (x0, y0, dx, dy) in passes {
            for y in stride(from: y0, to: 8, by: dy) { rows.append(stride(from: x0, to: 8, by: dx).map { UInt8(y * 8 + $0) }) }
        }
        var raw: [UInt8] = []
        for row in rows { raw += [0] + row }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png += PNGFixture.chunk("IHDR", PNGFixture.bigEndian(8) + PNGFixture.bigEndian(8) + [8, 0, 0, 0, 1])
        png += PNGFixture.chunk("IDAT", PNGFixture.zlibStored(raw))
        png += PNGFixture.chunk("IEND", [])
        let image = try RGBAImage(pngData: png)
        #expect(image[x: 5, y: 3].r == 29)
        #expect(image[x: 7, y: 7].r == 63)
    }

    @Test("decodes a PNG compressed by zlib (real deflate)")
    func realDeflate() throws {
        // 2×2 RGBA: red, green / blue, transparent; written by Python's zlib.compress.
        let data = try #require(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAE0lEQVR4nGP4z8DwHwyBNIhgAAA/0gX7yxemzgAAAABJRU5ErkJggg=="))
        let image = try RGBAImage(pngData: data)
        #expect(image[x: 0, y: 0] == RGBA(r: 255, g: 0, b: 0, a: 255))
        #expect(image[x: 1, y: 1].a == 0)
    }

    @Test("never traps on damaged input", arguments: [
        Data(), Data("GIF89a".utf8), Data([0x89, 0x50, 0x4E, 0x47]),
        Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x49, 0x48, 0x44, 0x52]),
    ])
    func damaged(_ data: Data) {
        #expect(throws: PNGError.self) { try RGBAImage(pngData: data) }
    }

    @Test("refuses truncated image data, unknown filters and oversized images")
    func refuses() throws {
        let good = PNGFixture.rgba(width: 4, height: 4) { _, _ in RGBA(r: 1, g: 1, b: 1, a: 1) }
        #expect(throws: PNGError.self) { try RGBAImage(pngData: good.prefix(good.count - 20)) }
        #expect(throws: PNGError.self) { try RGBAImage(pngData: PNGFixture.encode(width: 1, height: 1, colorType: 0, bitDepth: 8, rows: [[1]], filter: 9)) }
        let huge = PNGFixture.encode(width: 5000, height: 1, colorType: 0, bitDepth: 1, rows: [[UInt8](repeating: 0, count: 625)])
        #expect(throws: PNGError.unsupported("5000×1 is larger than 4096×4096")) { try RGBAImage(pngData: huge) }
        #expect(try PNGInfo(data: huge).width == 5000, "the header alone is still readable")
    }
}
