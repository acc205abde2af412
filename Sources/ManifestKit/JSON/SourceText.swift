public import Foundation

/// The text of a JSON file, decoded the way real repositories store manifests.
///
/// Accepts UTF-8 with or without a byte-order mark and UTF-16 (LE or BE) with one. The decoded text
/// is kept as UTF-8 bytes, with a table of line starts so that any byte offset maps to a line and column.
public struct SourceText: Sendable {
    /// How the file was encoded.
    public enum Encoding: String, Sendable, Equatable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case utf16LittleEndian = "UTF-16 LE"
        case utf16BigEndian = "UTF-16 BE"
    }

    /// The decoded text as UTF-8 bytes (without any byte-order mark).
    public let utf8: [UInt8]
    /// The encoding the file was read in.
    public let encoding: Encoding
    private let lineStarts: [Int]

    /// Decodes a file's bytes.
    /// - Parameter data: the raw file contents.
    /// - Throws: ``JSONSyntaxError`` when the bytes are not valid text in a supported encoding.
    public init(data: Data) throws(JSONSyntaxError) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8WithBOM
            utf8 = Array(bytes.dropFirst(3))
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            encoding = little ? .utf16LittleEndian : .utf16BigEndian
            let body = bytes.dropFirst(2)
            guard body.count % 2 == 0 else {
                throw JSONSyntaxError(
                    kind: .encoding, message: "the file starts with a UTF-16 byte-order mark but has an odd number of bytes", offset: 0)
            }
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var index = body.startIndex
            while index < body.endIndex {
                let a = UInt16(body[index]), b = UInt16(body[index + 1])
                units.append(little ? a | (b << 8) : (a << 8) | b)
                index += 2
            }
            var decoded: [UInt8] = []
            decoded.reserveCapacity(units.count)
            let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) {
                decoded.append($0)
            }
            if failed {
                throw JSONSyntaxError(kind: .encoding, message: "the file is not valid UTF-16 (an unpaired surrogate)", offset: 0)
            }
            utf8 = decoded
        } else {
            if bytes.count >= 2, bytes[0] != 0, bytes[1] == 0 || bytes[0] == 0 {
                throw JSONSyntaxError(
                    kind: .encoding, message: "the file looks like UTF-16 without a byte-order mark", offset: 0,
                    hint: "save it as UTF-8 (or UTF-16 with a BOM)")
            }
            encoding = .utf8
            utf8 = bytes
        }
        if let bad = SourceText.firstInvalidUTF8(utf8) {
            let text = SourceText(validatedUTF8: utf8, encoding: encoding)
            let position = text.position(ofOffset: bad)
            throw JSONSyntaxError(
                kind: .encoding, message: "invalid UTF-8 at line \(position.line), column \(position.column)", offset: bad, line: position.line,
                column: position.column, hint: "save the file as UTF-8")
        }
        lineStarts = SourceText.lineStarts(of: utf8)
    }

    /// Text already known to be UTF-8.
    /// - Parameter string: the text.
    public init(_ string: String) {
        self.init(validatedUTF8: Array(string.utf8), encoding: .utf8)
    }

    private init(validatedUTF8: [UInt8], encoding: Encoding) {
        self.utf8 = validatedUTF8
        self.encoding = encoding
        self.lineStarts = SourceText.lineStarts(of: validatedUTF8)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    /// - Parameter offset: a byte offset into ``utf8``.
    public func position(ofOffset offset: Int) -> SourcePosition {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let end = min(max(offset, start), utf8.count)
        let column = utf8[start..<end].reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) } + 1
        return SourcePosition(line: low + 1, column: column)
    }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        return starts
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// A 1-based line and column in a text file.
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The line, counting from 1.
    public let line: Int
    /// The column in characters, counting from 1.
    public let column: Int

    /// A position.
    /// - Parameters:
    ///   - line: the 1-based line.
    ///   - column: the 1-based column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
