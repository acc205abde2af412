import Foundation
import ManifestKit
import Testing

@Suite("PNG header facts")
struct PNGInfoTests {
    @Test("reads size, bit depth, colour type and interlacing from IHDR", arguments: PNGFixture.legalFormats)
    func header(colorType: PNGColorType, bitDepth: Int) throws {
        for interlaced in [false, true] {
            let sample = PNGFixture.Sample(colorType: colorType, bitDepth: bitDepth, width: 5, height: 3)
            let info = try PNGInfo(data: sample.png(interlaced: interlaced))
            #expect((info.width, info.height, info.bitDepth, info.colorType, info.interlaced) == (5, 3, bitDepth, colorType, interlaced))
            #expect(info.hasTransparency == (colorType == .grayscaleAlpha || colorType == .truecolorAlpha || colorType == .indexed))
        }
    }

    @Test("reports transparency from a tRNS chunk before the image data, and ignores one after it")
    func transparencyChunk() throws {
        let pixels = PNGFixture.zlibStored([0, 7, 7, 7])
        let ihdr = PNGFixture.header(width: 1, height: 1, bitDepth: 8, colorType: 2)
        let before = PNGFixture.file([("IHDR", ihdr), ("tEXt", Array("a\0b".utf8)), ("tRNS", [0, 7, 0, 7, 0, 7]), ("IDAT", pixels), ("IEND", [])])
        let after = PNGFixture.file([("IHDR", ihdr), ("IDAT", pixels), ("tRNS", [0, 7, 0, 7, 0, 7]), ("IEND", [])])
        #expect(try PNGInfo(data: before).hasTransparency)
        #expect(try RGBAImage(pngData: before)[x: 0, y: 0] == RGBA(r: 7, g: 7, b: 7, a: 0))
        #expect(try !PNGInfo(data: after).hasTransparency)
        #expect(try RGBAImage(pngData: after)[x: 0, y: 0] == RGBA(r: 7, g: 7, b: 7, a: 255))
        let gray = PNGFixture.encode(width: 1, height: 1, colorType: .grayscale, bitDepth: 8, rows: [[1]])
        #expect(try !PNGInfo(data: gray).hasTransparency)
    }

    @Test("rejects bad signatures and headers with the matching error")
    func badHeaders() {
        let signature = Data(PNGFixture.signature)
        func with(_ ihdr: [UInt8]) -> Data { PNGFixture.file([("IHDR", ihdr), ("IDAT", PNGFixture.zlibStored([0, 0])), ("IEND", [])]) }
        #expect(headerError(Data()) == .notPNG)
        #expect(headerError(Data("GIF89a, not a PNG at all".utf8)) == .notPNG)
        #expect(headerError(signature.prefix(5)) == .truncated)
        #expect(headerError(signature) == .truncated)
        #expect(headerError(with(PNGFixture.header(width: 1, height: 1, bitDepth: 8, colorType: 0)).prefix(30)) == .truncated)
        #expect(headerError(PNGFixture.file([("IDAT", [1]), ("IEND", [])])) == .malformed("the first chunk is IDAT, not IHDR"))
        #expect(headerError(PNGFixture.file([("IHDR", [0, 0, 0, 1])])) == .malformed("the IHDR chunk is 4 bytes long instead of 13"))
        #expect(
            headerError(with(PNGFixture.header(width: 0, height: 9, bitDepth: 8, colorType: 0)))
                == .malformed("the image is 0×9 pixels; each side must be from 1 to 2³¹−1"))
        #expect(
            headerError(with(PNGFixture.header(width: 1, height: 1, bitDepth: 8, colorType: 5)))
                == .malformed("colour type 5 is not a PNG colour type"))
        #expect(
            headerError(with(PNGFixture.header(width: 1, height: 1, bitDepth: 4, colorType: 2)))
                == .malformed("bit depth 4 is not allowed in truecolor images"))
        #expect(
            headerError(with(PNGFixture.header(width: 1, height: 1, bitDepth: 16, colorType: 3)))
                == .malformed("bit depth 16 is not allowed in indexed-colour images"))
        #expect(
            headerError(with(PNGFixture.header(width: 1, height: 1, bitDepth: 8, colorType: 0, interlace: 2)))
                == .malformed("interlace method 2 is not defined"))
        let ihdr = PNGFixture.header(width: 1, height: 1, bitDepth: 8, colorType: 0)
        #expect(headerError(PNGFixture.file([("IHDR", ihdr), ("IEND", [])])) == .malformed("the file has no image data (no IDAT chunk)"))
        #expect(headerError(PNGFixture.file([("IHDR", ihdr), ("IHDR", ihdr)])) == .malformed("the file has more than one IHDR chunk"))
        #expect(headerError(PNGFixture.file([("IHDR", ihdr)])) == .truncated)
        let huge = PNGFixture.file([("IHDR", ihdr)]) + Data([0xFF, 0xFF, 0xFF, 0xF0]) + Data("tEXt".utf8)
        #expect(headerError(huge) == .malformed("the tEXt chunk claims 4294967280 bytes, over 2³¹−1"))
        #expect(
            headerError(PNGFixture.file([("IHDR", ihdr)]) + Data([0, 0, 0, 0, 0x49, 0x44, 0x41, 0x20]))
                == .malformed("a chunk type is not four letters (bytes 49 44 41 20)"))
    }

    @Test("reads the header of an image too large to decode, then refuses to decode it")
    func oversized() {
        for (width, height) in [(4_097, 1), (1, 4_097), (Int(Int32.max), Int(Int32.max))] {
            let ihdr = PNGFixture.header(width: width, height: height, bitDepth: 1, colorType: 0)
            let png = PNGFixture.file([("IHDR", ihdr), ("IDAT", PNGFixture.zlibStored([0, 0])), ("IEND", [])])
            #expect(headerError(png) == nil)
            #expect(decodingError(png) == .unsupported("the image is \(width)×\(height) pixels; Herald decodes images up to 4096×4096"))
        }
    }
}

@Suite("PNG decoding")
struct PNGDecodingTests {
    @Test("decodes every colour type at every bit depth, plain and interlaced", arguments: PNGFixture.legalFormats)
    func roundTrip(colorType: PNGColorType, bitDepth: Int) throws {
        let sample = PNGFixture.Sample(colorType: colorType, bitDepth: bitDepth, width: 11, height: 7)
        for interlaced in [false, true] {
            let image = try RGBAImage(pngData: sample.png(interlaced: interlaced, filter: .mixed))
            #expect((image.width, image.height, image.pixels.count) == (11, 7, 11 * 7 * 4))
            #expect(image.pixels == sample.expectedPixels)
        }
    }

    @Test("reverses each scanline filter at 1, 2, 4 and 6 bytes per pixel", arguments: PNGFixture.Filter.allCases)
    func filters(_ filter: PNGFixture.Filter) throws {
        for (colorType, bitDepth) in [(PNGColorType.grayscale, 2), (.grayscaleAlpha, 8), (.truecolorAlpha, 8), (.truecolor, 16)] {
            let sample = PNGFixture.Sample(colorType: colorType, bitDepth: bitDepth, width: 9, height: 6)
            #expect(try RGBAImage(pngData: sample.png(filter: filter)).pixels == sample.expectedPixels)
        }
    }

    @Test("places Adam7 passes, including images smaller than a pass", arguments: [(1, 1), (2, 3), (5, 5), (8, 8), (9, 13), (33, 17)])
    func adam7(width: Int, height: Int) throws {
        let sample = PNGFixture.Sample(colorType: .truecolorAlpha, bitDepth: 8, width: width, height: height)
        let interlaced = try RGBAImage(pngData: sample.png(interlaced: true, filter: .paeth))
        #expect(try PNGInfo(data: sample.png(interlaced: true)).interlaced)
        #expect(interlaced.pixels == sample.expectedPixels)
    }

    @Test("unpacks samples most significant bit first and scales them to 0...255")
    func samplePacking() throws {
        func grays(_ bitDepth: Int, _ width: Int, _ row: [UInt8]) throws -> [UInt8] {
            let image = try RGBAImage(pngData: PNGFixture.encode(width: width, height: 1, colorType: .grayscale, bitDepth: bitDepth, rows: [row]))
            return (0..<width).map { image[x: $0, y: 0].r }
        }
        #expect(try grays(1, 10, [0b1010_0000, 0b0100_0000]) == [255, 0, 255, 0, 0, 0, 0, 0, 0, 255])
        #expect(try grays(2, 4, [0b00_01_10_11]) == [0, 85, 170, 255])
        #expect(try grays(4, 3, [0x0F, 0x80]) == [0, 255, 136])
        #expect(try grays(16, 2, [0xAB, 0xCD, 0x01, 0xFF]) == [0xAB, 0x01])
        let palette: [UInt8] = [10, 11, 12, 20, 21, 22, 30, 31, 32]
        let indexed = try RGBAImage(
            pngData: PNGFixture.encode(width: 2, height: 1, colorType: .indexed, bitDepth: 4, rows: [[0x21]], palette: palette))
        #expect([indexed[x: 0, y: 0], indexed[x: 1, y: 0]] == [RGBA(r: 30, g: 31, b: 32, a: 255), RGBA(r: 20, g: 21, b: 22, a: 255)])
    }

    @Test("makes a tRNS colour key transparent, comparing all 16 bits")
    func colourKeys() throws {
        let gray = try RGBAImage(
            pngData: PNGFixture.encode(
                width: 2, height: 1, colorType: .grayscale, bitDepth: 16,
                rows: [[0x12, 0x34, 0x12, 0x35]], transparency: [0x12, 0x34]))
        #expect([gray[x: 0, y: 0], gray[x: 1, y: 0]] == [RGBA(r: 0x12, g: 0x12, b: 0x12, a: 0), RGBA(r: 0x12, g: 0x12, b: 0x12, a: 255)])
        let lowDepth = try RGBAImage(
            pngData: PNGFixture.encode(width: 2, height: 1, colorType: .grayscale, bitDepth: 2, rows: [[0b10_01_0000]], transparency: [0, 2]))
        #expect([lowDepth[x: 0, y: 0].a, lowDepth[x: 1, y: 0].a] == [0, 255])
        let rgb = try RGBAImage(
            pngData: PNGFixture.encode(
                width: 2, height: 1, colorType: .truecolor, bitDepth: 8,
                rows: [[1, 2, 3, 1, 2, 4]], transparency: [0, 1, 0, 2, 0, 3]))
        #expect([rgb[x: 0, y: 0], rgb[x: 1, y: 0]] == [RGBA(r: 1, g: 2, b: 3, a: 0), RGBA(r: 1, g: 2, b: 4, a: 255)])
    }

    @Test("gives palette entries their tRNS alpha, and entries past the end of tRNS full opacity")
    func paletteAlpha() throws {
        let png = PNGFixture.encode(
            width: 3, height: 1, colorType: .indexed, bitDepth: 8, rows: [[0, 1, 2]],
            palette: [9, 9, 9, 8, 8, 8, 7, 7, 7], transparency: [0, 128])
        let image = try RGBAImage(pngData: png)
        #expect((0..<3).map { image[x: $0, y: 0].a } == [0, 128, 255])
    }

    @Test("joins image data split across several IDAT chunks")
    func splitImageData() throws {
        let sample = PNGFixture.Sample(colorType: .truecolor, bitDepth: 8, width: 6, height: 4)
        let png = PNGFixture.encode(width: 6, height: 4, colorType: .truecolor, bitDepth: 8, idatSize: 7, samples: sample.samples)
        #expect(png.count > 8 * 12, "many chunks")
        #expect(try RGBAImage(pngData: png).pixels == sample.expectedPixels)
    }

    @Test("decodes a PNG compressed by Python's zlib, with all five filters")
    func pythonZlib() throws {
        // python3: 8×6 RGBA, pixel (x*32, y*40, x*y*9 % 256, 255-(x+y)*12), row y filtered with type y % 5,
        // zlib.compress(raw, 9), chunk CRCs from zlib.crc32.
        let png = try #require(
            Data(
                base64Encoded: """
                    iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAYAAAD+Bd/7AAAAkklEQVR42nXMLw6CYByH8cc/heIYYzNY3kDAQLUY5AhmE9HmASw0DuABpFPd\
                    qGyUX/MAFkwegLfrd0Y3w6c9ewDeDsYcXgU8SrjX0HfQDtBMSBkdgf9nqsCTBhLJShLJZCM7P2PPMYwjH8ZLWYmTRNaS+fn3oBXogA4kP4ze\
                    WdbmdmgKq66l3S61PavOFufBtqcPNyFANUWOlwUAAAAASUVORK5CYII=
                    """))
        let image = try RGBAImage(pngData: png)
        for y in 0..<6 {
            for x in 0..<8 {
                #expect(image[x: x, y: y] == RGBA(r: UInt8(x * 32), g: UInt8(y * 40), b: UInt8(x * y * 9 % 256), a: UInt8(255 - (x + y) * 12)))
            }
        }
    }

    @Test("decodes real deflate data written by ZIPFoundation")
    func zipFoundationDeflate() throws {
        let sample = PNGFixture.Sample(colorType: .truecolorAlpha, bitDepth: 8, width: 64, height: 40)
        let pixels = sample.expectedPixels, rowLength = 64 * 4
        var scanlines: [UInt8] = []
        for start in stride(from: 0, to: pixels.count, by: rowLength) { scanlines += [0] + pixels[start..<(start + rowLength)] }
        let ihdr = PNGFixture.header(width: 64, height: 40, bitDepth: 8, colorType: 6)
        let png = PNGFixture.file([("IHDR", ihdr), ("IDAT", try PNGFixture.deflated(scanlines)), ("IEND", [])])
        #expect(try RGBAImage(pngData: png).pixels == sample.expectedPixels)
    }

    @Test("decodes a PNG held in a Data slice that does not start at index 0")
    func dataSlice() throws {
        let sample = PNGFixture.Sample(colorType: .indexed, bitDepth: 2, width: 4, height: 4)
        let slice = (Data("junk".utf8) + sample.png()).dropFirst(4)
        #expect(try PNGInfo(data: slice).width == 4)
        #expect(try RGBAImage(pngData: slice).pixels == sample.expectedPixels)
    }

    @Test("decodes Herald's sample icons: a full-bleed accent colour icon and a white-on-transparent outline")
    func sampleIcons() throws {
        let manifests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("manifests")
        let color = try RGBAImage(pngData: Data(contentsOf: manifests.appendingPathComponent("color.png")))
        let accent = RGBA(r: 0x3B, g: 0x5B, b: 0xDB, a: 255), white = RGBA(r: 255, g: 255, b: 255, a: 255)
        #expect((color.width, color.height) == (192, 192))
        #expect([color[x: 0, y: 0], color[x: 191, y: 0], color[x: 0, y: 191], color[x: 191, y: 191]] == Array(repeating: accent, count: 4))
        #expect(stride(from: 3, to: color.pixels.count, by: 4).allSatisfy { color.pixels[$0] == 255 }, "every pixel is opaque")
        #expect(color[x: 96, y: 96] == white)
        let outlineData = try Data(contentsOf: manifests.appendingPathComponent("outline.png"))
        let outline = try RGBAImage(pngData: outlineData)
        let clear = RGBA(r: 0, g: 0, b: 0, a: 0)
        #expect((outline.width, outline.height) == (32, 32))
        #expect(try PNGInfo(data: outlineData).hasTransparency)
        let all = (0..<32).flatMap { y in (0..<32).map { x in outline[x: x, y: y] } }
        #expect(all.allSatisfy { $0 == white || $0 == clear }, "only pure white and fully transparent pixels")
        #expect(all.filter { $0 == white }.count > 100 && all[0] == clear)
    }
}

@Suite("PNG damaged and hostile input")
struct PNGHostileInputTests {
    @Test("reports every truncation of a file as truncated")
    func everyTruncation() {
        let png = PNGFixture.Sample(colorType: .indexed, bitDepth: 4, width: 7, height: 5).png(idatSize: 20)
        #expect(decodingError(png) == nil)
        #expect(decodingError(png.prefix(0)) == .notPNG)
        for length in 1..<png.count {
            #expect(decodingError(png.prefix(length)) == .truncated, "cut after \(length) of \(png.count) bytes")
        }
    }

    @Test("either refuses a file with one damaged byte or decodes it unchanged")
    func everyDamagedByte() throws {
        let original = PNGFixture.rgba(width: 3, height: 3) { x, y in RGBA(r: UInt8(x * 80), g: UInt8(y * 80), b: 9, a: 200) }
        let text = PNGFixture.chunk("tEXt", Array("Title\0Herald".utf8))
        let png = original.prefix(33) + text + original.dropFirst(33)
        let expected = try RGBAImage(pngData: png).pixels
        for index in png.indices {
            for mask: UInt8 in [0x01, 0x20, 0x80, 0xFF] {
                var damaged = png
                damaged[index] ^= mask
                if let image = try? RGBAImage(pngData: damaged) { #expect(image.pixels == expected, "byte \(index) ^ \(mask)") }
            }
        }
    }

    @Test("refuses random deflate data and random headers without trapping or hanging")
    func randomInput() {
        var random = SplitMix64(seed: 2_024)
        let ihdr = PNGFixture.header(width: 8, height: 8, bitDepth: 8, colorType: 6)
        var refused = 0
        for _ in 0..<400 {
            let garbage = (0..<Int.random(in: 1...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let png = PNGFixture.file([("IHDR", ihdr), ("IDAT", [0x78, 0x9C] + garbage), ("IEND", [])])
            if decodingError(png) != nil { refused += 1 }
            var fields = (0..<13).map { _ in UInt8.random(in: 0...255, using: &random) }
            fields[0...2] = [0, 0, 0]
            fields[4...6] = [0, 0, 0]
            _ = decodingError(PNGFixture.file([("IHDR", fields), ("IDAT", PNGFixture.zlibStored(garbage)), ("IEND", [])]))
        }
        #expect(refused == 400)
    }

    @Test("stops inflating as soon as the data grows past what the header allows")
    func deflateBomb() throws {
        let ihdr = PNGFixture.header(width: 1, height: 1, bitDepth: 8, colorType: 0)
        let bomb = try PNGFixture.deflated([UInt8](repeating: 0, count: 4_000_000))
        #expect(bomb.count < 10_000)
        let png = PNGFixture.file([("IHDR", ihdr), ("IDAT", bomb), ("IEND", [])])
        #expect(decodingError(png) == .malformed("the image data inflates to more than the 2 bytes the image needs"))
        let claimsHuge = PNGFixture.header(width: 4_096, height: 4_096, bitDepth: 16, colorType: 6)
        let short = PNGFixture.file([("IHDR", claimsHuge), ("IDAT", PNGFixture.zlibStored([0, 1, 2])), ("IEND", [])])
        #expect(decodingError(short) == .malformed("the image data inflates to 3 bytes; the image needs 134221824"))
    }

    @Test("refuses broken chunk structure, palettes, zlib streams and filters with a reason")
    func structuralErrors() {
        let ihdr = PNGFixture.header(width: 1, height: 1, bitDepth: 8, colorType: 3)
        let idat = ("IDAT", PNGFixture.zlibStored([0, 0])), end = ("IEND", [UInt8]())
        func png(_ chunks: (String, [UInt8])...) -> Data { PNGFixture.file([("IHDR", ihdr)] + chunks) }
        #expect(decodingError(png(idat, end)) == .malformed("the indexed-colour image has no PLTE chunk before its image data"))
        #expect(decodingError(png(idat, ("PLTE", [1, 2, 3]), end)) == .malformed("the PLTE chunk comes after the image data"))
        #expect(
            decodingError(png(("PLTE", [1, 2]), idat, end)) == .malformed("the PLTE chunk is 2 bytes long; it must hold 1 to 256 entries of 3 bytes"))
        #expect(
            decodingError(png(("PLTE", [1, 2, 3]), ("tRNS", [1, 2]), idat, end)) == .malformed("the tRNS chunk has 2 entries for a palette of 1"))
        #expect(
            decodingError(png(("PLTE", [1, 2, 3]), ("IDAT", PNGFixture.zlibStored([0, 1])), end))
                == .malformed("a pixel uses palette entry 1, but the palette has 1 entries"))
        #expect(
            decodingError(png(("PLTE", [1, 2, 3]), ("IDAT", [0x78]), ("tEXt", []), ("IDAT", [1]), end))
                == .malformed("the IDAT chunks are not consecutive"))
        #expect(
            decodingError(png(("PLTE", [1, 2, 3]), ("CUST", []), idat, end)) == .unsupported("the file has a critical chunk of unknown type CUST"))
        #expect(decodingError(png(("PLTE", [1, 2, 3]), idat)) == .truncated)
        var badCRC = png(("PLTE", [1, 2, 3]), idat, end)
        badCRC[badCRC.count - 20] ^= 1
        #expect(decodingError(badCRC) == .malformed("the IDAT chunk fails its CRC check"))
        let palette = ("PLTE", [UInt8]([1, 2, 3]))
        let stream = PNGFixture.zlibStored([0, 0])
        for (bytes, error) in [
            (stream.dropLast() + [stream[stream.count - 1] ^ 1], PNGError.malformed("the image data fails its Adler-32 check")),
            ([0x78, 0xBB] + stream.dropFirst(2), .unsupported("the image data needs a zlib preset dictionary")),
            ([0x78, 0x02] + stream.dropFirst(2), .malformed("the zlib header check bits of the image data are wrong")),
            ([0x79, 0x01] + stream.dropFirst(2), .malformed("the image data is not a zlib deflate stream")),
            ([0x78, 0x01, 0x01], .malformed("the image data is too short to be a zlib stream")),
            (Array(stream.prefix(8)) + [0, 0, 0, 0], .malformed("the compressed image data ends before its deflate stream does")),
            ([0x78, 0x01, 0x07, 0xFF, 0xFF, 0, 0, 0, 0], .malformed("the compressed image data is not valid deflate data")),
            (PNGFixture.zlibStored([5, 0]), .malformed("a scanline uses filter type 5; PNG defines types 0 to 4")),
        ] {
            #expect(decodingError(png(palette, ("IDAT", bytes), end)) == error)
        }
        let gray = PNGFixture.encode(width: 1, height: 1, colorType: .grayscale, bitDepth: 8, rows: [[1]], transparency: [1, 2, 3])
        #expect(decodingError(gray) == .malformed("the tRNS chunk of a grayscale image is 3 bytes long instead of 2"))
    }

    @Test("describes each error as a sentence fragment that can follow a file name")
    func descriptions() {
        #expect(PNGError.notPNG.description == "not a PNG file (the first 8 bytes are not the PNG signature)")
        #expect(PNGError.truncated.description == "the PNG file is truncated (it ends before its IEND chunk)")
        #expect("\(PNGError.malformed("the IDAT chunk fails its CRC check"))" == "the PNG file is damaged: the IDAT chunk fails its CRC check")
        #expect("\(PNGError.unsupported("x"))" == "the PNG file uses something Herald cannot read: x")
    }
}

// MARK: - Helpers

/// A small, seeded random number generator, so failures reproduce.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func decodingError(_ data: Data) -> PNGError? {
    do { _ = try RGBAImage(pngData: data) } catch { return error }
    return nil
}

private func headerError(_ data: Data) -> PNGError? {
    do { _ = try PNGInfo(data: data) } catch { return error }
    return nil
}
