/// A strict RFC 8259 JSON parser that knows where every value came from.
///
/// It reports syntax errors with line and column, names a trailing comma as such, and can record
/// the byte offset of every value (compactly, see ``JSONLocationIndex``) so that findings point at a line in the file.
///
/// Containers are read onto two stacks shared by the whole parse, and each array or object is then copied off them at
/// its exact size, so no container keeps the spare capacity of an array that grew while it was read.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private let recordLocations: Bool
    private var locations = JSONLocationIndex()
    private var valueStack: [JSONValue] = []
    private var memberStack: [JSONObject.Member] = []
    private var interned: Set<String> = []
    private static let maximumInterned = 4_096
    private static let maximumDepth = 512

    /// Parses a whole document.
    /// - Parameters:
    ///   - text: the decoded text.
    ///   - recordLocations: whether to record each value's offset (for ``JSONDocument/position(of:)``).
    /// - Throws: ``JSONSyntaxError`` with line and column filled in.
    public static func parse(_ text: SourceText, recordLocations: Bool = true) throws(JSONSyntaxError) -> JSONDocument {
        var parser = JSONParser(bytes: text.utf8, recordLocations: recordLocations && text.utf8.count < Int(UInt32.max))
        do throws(JSONSyntaxError) {
            parser.skipWhitespace()
            let root = try parser.parseValue()
            parser.skipWhitespace()
            if parser.index < parser.bytes.count {
                throw parser.error(.unexpectedCharacter, "unexpected \(parser.describeCurrent()) after the end of the JSON value")
            }
            return JSONDocument(root: root, text: text, locations: parser.locations)
        } catch var failure {
            let position = text.position(ofOffset: failure.offset)
            failure.line = position.line
            failure.column = position.column
            throw failure
        }
    }

    private init(bytes: [UInt8], recordLocations: Bool) {
        self.bytes = bytes
        self.recordLocations = recordLocations
    }

    /// The string whose opening quote is at `offset`, decoded; `nil` if there is no valid string there.
    /// - Parameters:
    ///   - bytes: UTF-8 JSON text.
    ///   - offset: the offset of a `"`.
    static func string(in bytes: [UInt8], at offset: Int) -> String? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
        var parser = JSONParser(bytes: bytes, recordLocations: false)
        parser.index = offset
        return try? parser.parseString()
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error(.unexpectedEnd, "the file ends where a value was expected") }
        guard recordLocations else { return try parseBareValue() }
        let number = locations.open(at: index)
        let value = try parseBareValue()
        locations.close(number)
        return value
    }

    private mutating func parseBareValue() throws(JSONSyntaxError) -> JSONValue {
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(intern(try parseString()))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            throw unexpected(expecting: "a value", placeholderHint: true)
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        index += 1
        let base = memberStack.count
        defer { memberStack.removeSubrange(base...) }
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object(JSONObject())
        }
        while true {
            guard peek(UInt8(ascii: "\"")) else {
                if peek(UInt8(ascii: "}")) {
                    throw error(.trailingComma, "trailing comma before '}'", hint: "remove the comma after the last member")
                }
                throw unexpected(
                    expecting: "a member name in double quotes", placeholderHint: memberStack.count == base && peek(UInt8(ascii: "{")))
            }
            let key = intern(try parseString())
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw unexpected(expecting: "':' after the member name \"\(key)\"", placeholderHint: false) }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            memberStack.append((key, value))
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "the file ends inside an object", hint: "add the missing '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(JSONObject(members: Self.exactCopy(memberStack[base...])))
            }
            throw unexpected(
                expecting: "',' or '}' after the value of \"\(key)\"", placeholderHint: false, missingComma: bytes[index] == UInt8(ascii: "\""))
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        index += 1
        let base = valueStack.count
        defer { valueStack.removeSubrange(base...) }
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            depth -= 1
            return .array([])
        }
        while true {
            if peek(UInt8(ascii: "]")) {
                throw error(.trailingComma, "trailing comma before ']'", hint: "remove the comma after the last element")
            }
            let value = try parseValue()
            valueStack.append(value)
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "the file ends inside an array", hint: "add the missing ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(Self.exactCopy(valueStack[base...]))
            }
            throw unexpected(expecting: "',' or ']' in an array", placeholderHint: false, missingComma: true)
        }
    }

    /// One shared copy of a repeated string too long to be stored inline (16 to 64 bytes of UTF-8): member names and
    /// values such as `"supportedPlatform"` recur throughout a manifest. Up to ``maximumInterned`` distinct strings.
    private mutating func intern(_ string: String) -> String {
        let length = string.utf8.count
        guard length > 15, length <= 64 else { return string }
        if let existing = interned.firstIndex(of: string) { return interned[existing] }
        if interned.count < Self.maximumInterned { interned.insert(string) }
        return string
    }

    /// The elements in a new array of just their size (`Array(slice)` may keep a whole stack's buffer).
    private static func exactCopy<Element>(_ slice: ArraySlice<Element>) -> [Element] {
        var copy: [Element] = []
        copy.reserveCapacity(slice.count)
        copy.append(contentsOf: slice)
        return copy
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        var scratch: [UInt8]? = nil
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let result: String
                if var scratch {
                    scratch.append(contentsOf: bytes[runStart..<index])
                    result = String(decoding: scratch, as: UTF8.self)
                } else {
                    result = String(decoding: bytes[runStart..<index], as: UTF8.self)
                }
                index += 1
                return result
            }
            if byte < 0x20 {
                throw error(
                    .invalidString,
                    byte == 0x0A
                        ? "a string is not closed before the end of the line" : "a control character (0x\(String(byte, radix: 16))) inside a string",
                    hint: byte == 0x0A ? "close the string, or write the line break as \\n" : "escape it as \\u00XX")
            }
            if byte == UInt8(ascii: "\\") {
                if scratch == nil { scratch = [] }
                scratch!.append(contentsOf: bytes[runStart..<index])
                try parseEscape(into: &scratch!)
                runStart = index
                continue
            }
            index += 1
        }
        index = start
        throw error(.unexpectedEnd, "a string is not closed before the end of the file")
    }

    private mutating func parseEscape(into output: inout [UInt8]) throws(JSONSyntaxError) {
        index += 1
        guard index < bytes.count else { throw error(.unexpectedEnd, "the file ends inside an escape sequence") }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(code)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(.invalidString, "a \\u escape holds an unpaired surrogate")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error(.invalidString, "a \\u escape holds an unpaired surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error(.invalidString, "a \\u escape holds an unpaired surrogate")
            }
            output.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            index -= 2
            throw error(.invalidString, "'\\\(Character(Unicode.Scalar(code)))' is not a JSON escape", hint: "write a backslash as \\\\")
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(.unexpectedEnd, "the file ends inside a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidString, "a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error(.invalidNumber, "a '-' must be followed by digits") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error(.invalidNumber, "numbers must not have leading zeros") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error(.invalidNumber, "a '.' in a number must be followed by digits") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error(.invalidNumber, "an exponent must have digits") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            throw error(.invalidNumber, "the number cannot be read")
        }
        return value
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONSyntaxError) {
        let expected = Array(literal.utf8)
        let count = expected.count
        let matches = index + count <= bytes.count && bytes[index..<index + count].elementsEqual(expected)
        guard matches else { throw unexpected(expecting: "a value", placeholderHint: true) }
        index += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error(.tooDeep, "values are nested more than \(Self.maximumDepth) deep") }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private func unexpected(expecting: String, placeholderHint: Bool, missingComma: Bool = false) -> JSONSyntaxError {
        guard index < bytes.count else { return error(.unexpectedEnd, "the file ends where \(expecting) was expected") }
        var hint: String? = nil
        if missingComma {
            hint = "a ',' is probably missing before this"
        } else if placeholderHint && (bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "<") || bytes[index] == UInt8(ascii: "$")) {
            hint = "an unquoted placeholder? put it in double quotes"
        }
        return error(.unexpectedCharacter, "unexpected \(describeCurrent()); expected \(expecting)", hint: hint)
    }

    private func error(_ kind: JSONSyntaxError.Kind, _ message: String, hint: String? = nil) -> JSONSyntaxError {
        JSONSyntaxError(kind: kind, message: message, offset: index, hint: hint)
    }
}
