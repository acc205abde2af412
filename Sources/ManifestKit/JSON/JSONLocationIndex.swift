/// Where each value of a parsed document starts, kept compactly: three 32-bit numbers per value, in document order.
///
/// Values are numbered in the order they start (a container before its contents). For each value the index keeps
/// its byte offset, the number of the first value after it and its contents, and, for an object member, the offset
/// of its name. A JSON Pointer is resolved by walking from the root: an array element by skipping earlier siblings,
/// an object member by reading member names from the text, so no pointer string is ever stored.
struct JSONLocationIndex: Sendable {
    private static let noName = UInt32.max

    private var starts: [UInt32] = []
    private var ends: [UInt32] = []
    private var names: [UInt32] = []

    /// Whether nothing was recorded (the document was parsed without positions).
    var isEmpty: Bool { starts.isEmpty }

    /// Records that a value starts at `offset`; returns its number for ``close(_:)``.
    /// - Parameters:
    ///   - offset: the value's first byte.
    ///   - nameOffset: the opening quote of its member name, when the value is an object member.
    mutating func open(at offset: Int, nameOffset: Int?) -> Int {
        starts.append(UInt32(truncatingIfNeeded: offset))
        ends.append(0)
        names.append(nameOffset.map { UInt32(truncatingIfNeeded: $0) } ?? Self.noName)
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
                if JSONParser.string(in: text, at: Int(names[child])) == token { found = child }
                child = Int(ends[child])
            }
            return found
        default:
            return nil
        }
    }

    /// An RFC 6901 array index: `0`, or digits without a leading zero.
    private static func arrayIndex(_ token: String) -> Int? {
        let digits = token.utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        guard digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        return Int(token)
    }
}
