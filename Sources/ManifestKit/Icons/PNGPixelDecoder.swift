import Foundation

/// Un-filters scanlines (all five filters, Adam7 passes) and expands samples to 8-bit RGBA.
struct PNGPixelDecoder {
    let info: PNGInfo
    let palette: [UInt8]
    let transparency: [UInt8]

    private var bitsPerPixel: Int { info.bitDepth * info.colorType.channels }
    private var bytesPerPixel: Int { max(1, bitsPerPixel / 8) }

    /// The passes as (x start, y start, x step, y step); one pass when not interlaced.
    private var passes: [(Int, Int, Int, Int)] {
        info.interlaced ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)] : [(0, 0, 1, 1)]
    }

    private func passSize(_ pass: (Int, Int, Int, Int)) -> (Int, Int) {
        let width = info.width > pass.0 ? (info.width - pass.0 + pass.2 - 1) / pass.2 : 0
        let height = info.height > pass.1 ? (info.height - pass.1 + pass.3 - 1) / pass.3 : 0
        return (width, height)
    }

    private func rowBytes(_ width: Int) -> Int { (width * bitsPerPixel + 7) / 8 }

    /// The number of bytes the inflated stream must have.
    var expectedRawSize: Int {
        passes.reduce(0) { total, pass in
            let (width, height) = passSize(pass)
            return width == 0 ? total : total + height * (1 + rowBytes(width))
        }
    }

    func decode(_ raw: Data) throws(PNGError) -> [UInt8] {
        guard raw.count >= expectedRawSize else { throw .malformed("the image data is shorter than the image") }
        let bytes = [UInt8](raw)
        var pixels = [UInt8](repeating: 0, count: info.width * info.height * 4)
        var offset = 0
        for pass in passes {
            let (width, height) = passSize(pass)
            guard width > 0 else { continue }
            let stride = rowBytes(width)
            var previous = [UInt8](repeating: 0, count: stride)
            for row in 0..<height {
                let filter = bytes[offset]
                var line = Array(bytes[(offset + 1)..<(offset + 1 + stride)])
                offset += 1 + stride
                try unfilter(&line, previous: previous, filter: filter)
                for column in 0..<width {
                    let pixel = expand(line, column)
                    let x = pass.0 + column * pass.2, y = pass.1 + row * pass.3
                    let target = (y * info.width + x) * 4
                    pixels[target] = pixel.r
                    pixels[target + 1] = pixel.g
                    pixels[target + 2] = pixel.b
                    pixels[target + 3] = pixel.a
                }
                previous = line
            }
        }
        return pixels
    }

    private func unfilter(_ line: inout [UInt8], previous: [UInt8], filter: UInt8) throws(PNGError) {
        let step = bytesPerPixel
        switch filter {
        case 0: break
        case 1: for i in step..<max(step, line.count) { line[i] &+= line[i - step] }
        case 2: for i in line.indices { line[i] &+= previous[i] }
        case 3:
            for i in line.indices {
                let left = i >= step ? Int(line[i - step]) : 0
                line[i] &+= UInt8((left + Int(previous[i])) / 2)
            }
        case 4:
            for i in line.indices {
                let a = i >= step ? Int(line[i - step]) : 0, b = Int(previous[i]), c = i >= step ? Int(previous[i - step]) : 0
                let p = a + b - c
                let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                line[i] &+= UInt8(pa <= pb && pa <= pc ? a : pb <= pc ? b : c)
            }
        default: throw .malformed("unknown filter type \(filter)")
        }
    }

    /// Sample `index` of a line, scaled to 8 bits (16-bit samples keep their high byte).
    private func sample(_ line: [UInt8], _ index: Int) -> (value: UInt8, raw: Int) {
        switch info.bitDepth {
        case 16:
            let high = line[index * 2], low = line[index * 2 + 1]
            return (high, Int(high) << 8 | Int(low))
        case 8:
            return (line[index], Int(line[index]))
        default:
            let depth = info.bitDepth
            let bit = index * depth
            let byte = line[bit / 8]
            let shift = 8 - depth - bit % 8
            let raw = Int(byte >> UInt8(shift)) & ((1 << depth) - 1)
            return (UInt8(raw * 255 / ((1 << depth) - 1)), raw)
        }
    }

    private func expand(_ line: [UInt8], _ column: Int) -> RGBA {
        let channels = info.colorType.channels
        let base = column * channels
        switch info.colorType {
        case .grayscale:
            let gray = sample(line, base)
            let key = transparency.count >= 2 ? Int(transparency[0]) << 8 | Int(transparency[1]) : -1
            return RGBA(r: gray.value, g: gray.value, b: gray.value, a: gray.raw == key ? 0 : 255)
        case .grayscaleAlpha:
            let gray = sample(line, base).value
            return RGBA(r: gray, g: gray, b: gray, a: sample(line, base + 1).value)
        case .truecolor:
            let r = sample(line, base), g = sample(line, base + 1), b = sample(line, base + 2)
            var alpha: UInt8 = 255
            if transparency.count >= 6 {
                let key = (0..<3).map { Int(transparency[$0 * 2]) << 8 | Int(transparency[$0 * 2 + 1]) }
                if key == [r.raw, g.raw, b.raw] { alpha = 0 }
            }
            return RGBA(r: r.value, g: g.value, b: b.value, a: alpha)
        case .truecolorAlpha:
            return RGBA(r: sample(line, base).value, g: sample(line, base + 1).value, b: sample(line, base + 2).value, a: sample(line, base + 3).value)
        case .indexed:
            let index = sample(line, base).raw
            guard index * 3 + 2 < palette.count else { return RGBA(r: 0, g: 0, b: 0, a: 255) }
            let alpha = index < transparency.count ? transparency[index] : 255
            return RGBA(r: palette[index * 3], g: palette[index * 3 + 1], b: palette[index * 3 + 2], a: alpha)
        }
    }
}
