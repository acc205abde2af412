import Foundation
import ZIPFoundation

/// Inflates a PNG's zlib stream with ZIPFoundation's raw-deflate decoder, refusing more output than expected.
enum PNGInflater {
    private struct TooLarge: Error {}

    static func inflate(_ stream: Data, limit: Int) throws(PNGError) -> Data {
        guard stream.count > 6 else { throw .malformed("the image data is empty") }
        let cmf = stream[stream.startIndex], flags = stream[stream.startIndex + 1]
        guard cmf & 0x0F == 8, (UInt16(cmf) << 8 | UInt16(flags)) % 31 == 0 else { throw .malformed("the image data is not a zlib stream") }
        guard flags & 0x20 == 0 else { throw .unsupported("a zlib preset dictionary") }
        let deflate = stream.dropFirst(2).dropLast(4)
        var output = Data()
        do {
            _ = try Data.decompress(size: Int64(deflate.count), bufferSize: 32 * 1024, skipCRC32: true, provider: { position, size in
                let start = deflate.startIndex + Int(position)
                return deflate[start..<min(start + size, deflate.endIndex)]
            }, consumer: { chunk in
                output.append(chunk)
                if output.count > limit { throw TooLarge() }
            })
        } catch is TooLarge {
            throw .malformed("the image data inflates to more than its size allows")
        } catch {
            throw .malformed("the image data does not inflate")
        }
        return output
    }
}
