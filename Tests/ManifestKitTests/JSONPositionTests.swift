import Foundation
import ManifestKit
import Testing

/// Positions by JSON Pointer, resolved from the parser's compact location index.
@Suite("JSONDocument positions")
struct JSONPositionTests {
    private func document(_ text: String) throws -> JSONDocument {
        try JSONParser.parse(SourceText(text))
    }

    @Test("every value of nested objects and arrays has its own line and column")
    func nested() throws {
        let document = try document(
            """
            {
              "a": [1, {"b": [true, null]}, "x"],
              "c": {"d": {"e": -2.5}}
            }
            """)
        #expect(document.position(of: .root) == SourcePosition(line: 1, column: 1))
        #expect(document.position(of: JSONPointer("/a")!) == SourcePosition(line: 2, column: 8))
        #expect(document.position(of: JSONPointer("/a/0")!) == SourcePosition(line: 2, column: 9))
        #expect(document.position(of: JSONPointer("/a/1/b/1")!) == SourcePosition(line: 2, column: 25))
        #expect(document.position(of: JSONPointer("/a/2")!) == SourcePosition(line: 2, column: 33))
        #expect(document.position(of: JSONPointer("/c/d/e")!) == SourcePosition(line: 3, column: 20))
    }

    @Test("a pointer past what exists is placed at its deepest ancestor")
    func ancestors() throws {
        let document = try document(#"{"a": [10, 20], "s": "text"}"#)
        #expect(document.position(of: JSONPointer("/a/5")!)?.column == 7)
        #expect(document.position(of: JSONPointer("/a/01")!)?.column == 7, "a leading zero is not an array index")
        #expect(document.position(of: JSONPointer("/a/-")!)?.column == 7)
        #expect(document.position(of: JSONPointer("/s/0")!)?.column == 22, "a string has no members")
        #expect(document.position(of: JSONPointer("/zz/y")!)?.column == 1)
    }

    @Test("member names with escapes, ~ and / are matched as decoded")
    func escapedNames() throws {
        let document = try document(#"{"a/b": 1, "c~d": 2, "\u00e9t\u00e9": 3, "q\"x": 4}"#)
        #expect(document.position(of: JSONPointer(tokens: ["a/b"]))?.column == 9)
        #expect(document.position(of: JSONPointer("/c~0d")!)?.column == 19)
        #expect(document.position(of: JSONPointer(tokens: ["été"]))?.column == 39)
        #expect(document.position(of: JSONPointer(tokens: ["q\"x"]))?.column == 50)
    }

    @Test("a key written twice is located at its last value, which is the value kept")
    func duplicateKeys() throws {
        let document = try document(
            """
            {"k": 1,
             "other": 2,
             "k": {"inner": 3}}
            """)
        #expect(document.root["k"]?["inner"] == .number(3))
        #expect(document.root.objectValue?.keys == ["k", "other"])
        #expect(document.position(of: JSONPointer("/k")!) == SourcePosition(line: 3, column: 7))
        #expect(document.position(of: JSONPointer("/k/inner")!) == SourcePosition(line: 3, column: 17))
    }

    @Test("large objects and arrays keep order, lookups and positions")
    func large() throws {
        let members = (0..<300).map { "\"m\($0)\": [\($0)]" }.joined(separator: ",\n")
        let document = try document("{\n" + members + "\n}")
        let object = try #require(document.root.objectValue)
        #expect(object.count == 300)
        #expect(object.keys.prefix(3) == ["m0", "m1", "m2"])
        #expect(object["m299"] == .array([.number(299)]))
        #expect(document.position(of: JSONPointer("/m250/0")!) == SourcePosition(line: 252, column: 10))
    }

    @Test("without recorded locations there are no positions")
    func unrecorded() throws {
        let document = try JSONParser.parse(SourceText(#"{"a": 1}"#), recordLocations: false)
        #expect(document.position(of: JSONPointer("/a")!) == nil)
    }
}

/// Objects compare and hash by members, whatever their order, with or without a key index.
@Suite("JSONObject")
struct JSONObjectTests {
    private func object(_ keys: [Int]) -> JSONObject {
        var object = JSONObject()
        for key in keys { object["k\(key)"] = .number(Double(key)) }
        return object
    }

    @Test("member order does not matter to equality or hashing", arguments: [3, 40])
    func orderFree(count: Int) {
        let forward = object(Array(0..<count)), backward = object(Array((0..<count).reversed()))
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        #expect(forward.keys.first == "k0" && backward.keys.first == "k\(count - 1)")
        var changed = backward
        changed["k1"] = .string("1")
        #expect(changed != forward)
    }

    @Test("setting keeps a key's first position, removing drops it", arguments: [3, 40])
    func mutation(count: Int) {
        var value = object(Array(0..<count))
        value["k1"] = .null
        #expect(value.keys[1] == "k1")
        #expect(value["k1"] == .null)
        value["k1"] = nil
        #expect(value.count == count - 1)
        #expect(value["k1"] == nil)
        #expect(value["k2"] == .number(2))
        value["new"] = .bool(true)
        #expect(value.keys.last == "new")
        #expect(value["new"] == .bool(true))
    }
}
