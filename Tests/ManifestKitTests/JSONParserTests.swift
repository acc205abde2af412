import Foundation
import ManifestKit
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONDocument {
        try JSONDocument(data: Data(text.utf8))
    }

    private func syntaxError(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as JSONSyntaxError { return error } catch { return nil }
    }

    @Test("parses every JSON type and keeps member order")
    func parsesValues() throws {
        let document = try parse(#"{"b": [1, 2.5, -3e2, true, false, null], "a": "x\u00e9\n\ud83d\ude00", "c": {}}"#)
        guard case .object(let object) = document.root else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["b"] == .array([.number(1), .number(2.5), .number(-300), .bool(true), .bool(false), .null]))
        #expect(object["a"] == .string("xé\n😀"))
    }

    @Test("reports line and column of a syntax error")
    func lineAndColumn() {
        let error = syntaxError("{\n  \"a\": 1,\n  \"b\": tru\n}")
        #expect(error?.line == 3)
        #expect(error?.column == 8)
        #expect(error?.kind == .unexpectedCharacter)
    }

    @Test("names a trailing comma in an object and in an array")
    func trailingComma() {
        #expect(syntaxError("{\"a\": 1,\n}")?.kind == .trailingComma)
        #expect(syntaxError("[1, 2, ]")?.kind == .trailingComma)
        #expect(syntaxError("{\"a\": 1,\n}")?.line == 2)
    }

    @Test("suggests a missing comma and quoting an unquoted placeholder")
    func hints() {
        #expect(syntaxError("{\"a\": 1 \"b\": 2}")?.hint?.contains("','") == true)
        #expect(syntaxError("[ {{ID}} ]")?.hint?.contains("placeholder") == true)
    }

    @Test("rejects what RFC 8259 rejects", arguments: ["", "{", "[1,]x", "01", "1.", "\"a", "\"\\x\"", "NaN", "{'a':1}", "[1] 2", "\"a\nb\""])
    func rejects(_ text: String) {
        #expect(syntaxError(text) != nil)
    }

    @Test("decodes UTF-8 with BOM and UTF-16 LE/BE with BOM")
    func encodings() throws {
        let text = #"{"name": "Zoë"}"#
        let bom = try JSONDocument(data: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
        #expect(bom.root["name"] == .string("Zoë"))
        #expect(bom.text.encoding == .utf8WithBOM)
        var little = Data([0xFF, 0xFE])
        var big = Data([0xFE, 0xFF])
        for unit in text.utf16 {
            little.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)])
            big.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)])
        }
        #expect(try JSONDocument(data: little).root["name"] == .string("Zoë"))
        #expect(try JSONDocument(data: big).text.encoding == .utf16BigEndian)
    }

    @Test("rejects invalid UTF-8 and BOM-less UTF-16 with a clear message")
    func badEncodings() {
        #expect(throws: JSONSyntaxError.self) { try JSONDocument(data: Data([0x7B, 0xFF, 0x7D])) }
        let error = #expect(throws: JSONSyntaxError.self) { try JSONDocument(data: Data([0x7B, 0x00, 0x7D, 0x00])) }
        #expect(error?.message.contains("UTF-16") == true)
    }

    @Test("knows the line and column of every value by JSON pointer")
    func positions() throws {
        let document = try parse("{\n  \"bots\": [\n    {\"botId\": \"x\"}\n  ]\n}")
        #expect(document.position(of: JSONPointer("/bots/0/botId")!) == SourcePosition(line: 3, column: 15))
        #expect(document.position(of: JSONPointer("/bots/0/missing")!) == SourcePosition(line: 3, column: 5))
    }

    @Test("JSON pointers escape ~ and / and resolve into values")
    func pointers() throws {
        let pointer = JSONPointer(tokens: ["a/b", "c~d", "0"])
        #expect(pointer.description == "/a~1b/c~0d/0")
        #expect(JSONPointer(pointer.description) == pointer)
        let document = try parse(#"{"a/b": {"c~d": ["hit"]}}"#)
        #expect(pointer.resolve(in: document.root) == .string("hit"))
    }
}
