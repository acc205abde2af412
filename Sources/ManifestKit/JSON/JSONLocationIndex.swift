/// Where each value of a parsed document starts, kept compactly: two 32-bit numbers per value, in document order.
///
/// Values are numbered in the order they start (a container before its contents). For each value the index keeps
/// its byte offset and the number of the first value after it and its contents. A JSON Pointer is resolved by walking
/// from the root: an array element by skipping earlier siblings, an object member by reading each member's name from
/// the text just before its value, so no pointer string is ever stored.
struct JSONLocationIndex: Sendable {
    private var starts: [UInt32] = []
    private var ends: [UInt32] = []

    /// Whether nothing was recorded (the document was parsed without positions).
    var isEmpty: Bool { starts.isEmpty }

    /// Records that a value starts at `offset`; returns its number for ``close(_:)``.
    /// - Parameter offset: the value's first byte.
    mutating func open(at offset: Int) -> Int {
        starts.append(UInt32(truncatingIfNeeded: offset))
        ends.append(0)
        return starts.count - 1
    }

    /// Records that value `number` and everything inside it have been read.
    mutating func close(_ number: Int) {
        ends[number] = UInt32(truncatingIfNeeded: starts.count)
    }

    /// The offset of the value at `pointer`, or of its deepest ancestor present in the document.
    /// - Parameters:
    ///   - pointer: a pointer into the document.
    ///   - text: the document's UTF-8 text.
    func offset(of pointer: JSONPointer, in text: [UInt8]) -> Int? {
        guard !starts.isEmpty else { return nil }
        var number = 0
        for token in pointer.tokens {
            guard let child = child(of: number, named: token, in: text) else { break }
            number = child
        }
        return Int(starts[number])
    }

    private func child(of number: Int, named token: String, in text: [UInt8]) -> Int? {
        let end = Int(ends[number])
        var child = number + 1
        switch text[Int(starts[number])] {
        case UInt8(ascii: "["):
            guard let wanted = Self.arrayIndex(token) else { return nil }
            var position = 0
            while child < end {
                if position == wanted { return child }
                child = Int(ends[child])
                position += 1
            }
            return nil
        case UInt8(ascii: "{"):
            var found: Int? = nil
            while child < end {
                if let name = Self.nameOffset(before: Int(starts[child]), in: text), JSONParser.string(in: text, at: name) == token {
                    found = child
                }
                child = Int(ends[child])
            }
            return found
        default:
            return nil
        }
    }

    /// The opening quote of the member name written before the value at `offset` (`"name" : value`).
    ///
    /// A string cannot hold an unescaped quote, so the opening quote is the nearest quote before the closing one that
    /// is preceded by an even number of backslashes.
    static func nameOffset(before offset: Int, in text: [UInt8]) -> Int? {
        var index = offset - 1
        func skipWhitespace() {
            while index >= 0, text[index] == 0x20 || text[index] == 0x09 || text[index] == 0x0A || text[index] == 0x0D { index -= 1 }
        }
        skipWhitespace()
        guard index >= 0, text[index] == UInt8(ascii: ":") else { return nil }
        index -= 1
        skipWhitespace()
        guard index >= 0, text[index] == UInt8(ascii: "\"") else { return nil }
        index -= 1
        while index >= 0 {
            if text[index] == UInt8(ascii: "\"") {
                var backslashes = 0
                while index - backslashes - 1 >= 0, text[index - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                if backslashes % 2 == 0 { return index }
            }
            index -= 1
        }
        return nil
    }

    /// An RFC 6901 array index: `0`, or digits without a leading zero.
    private static func arrayIndex(_ token: String) -> Int? {
        let digits = token.utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        guard digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        return Int(token)
    }
}
