import Foundation
import ManifestKit
import Testing

/// Every value of every real manifest is located at the text that spells it: a property of the location index
/// checked against the corpus of ../shared/real-manifests.
@Suite("Positions of every value in the real manifests")
struct CorpusPositionTests {
    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: DifferentialTests.manifestsFolder.path)) ?? []).filter { $0.hasSuffix(".json") }
            .sorted()
    }

    /// Every pointer in `value`, with the value it names.
    private func walk(_ value: JSONValue, _ pointer: JSONPointer, into pointers: inout [(JSONPointer, JSONValue)]) {
        pointers.append((pointer, value))
        switch value {
        case .array(let items): for (index, item) in items.enumerated() { walk(item, pointer.appending(index), into: &pointers) }
        case .object(let object): for (key, member) in object.members { walk(member, pointer.appending(key), into: &pointers) }
        default: break
        }
    }

    /// The byte offset of a 1-based line and character column.
    private func offset(of position: SourcePosition, in bytes: [UInt8]) -> Int {
        var line = 1, index = 0
        while line < position.line {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        var column = 1
        while column < position.column {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index
    }

    /// The scalar value (string, number, literal) written at `offset`, parsed on its own.
    private func scalar(at offset: Int, in bytes: [UInt8]) throws -> JSONValue {
        var end = offset
        if bytes[offset] == UInt8(ascii: "\"") {
            end += 1
            while bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
            end += 1
        } else {
            while end < bytes.count, !",]} \t\r\n".utf8.contains(bytes[end]) { end += 1 }
        }
        return try JSONParser.parse(SourceText(String(decoding: bytes[offset..<end], as: UTF8.self))).root
    }

    @Test("each value's position is where its own text starts, and no two values share one", arguments: names)
    func located(_ name: String) throws {
        let data = try Data(contentsOf: DifferentialTests.manifestsFolder.appendingPathComponent(name))
        guard let document = try? JSONDocument(data: data) else { return }
        let bytes = document.text.utf8
        var pointers: [(JSONPointer, JSONValue)] = []
        walk(document.root, .root, into: &pointers)
        var seen: Set<Int> = []
        for (pointer, value) in pointers {
            let position = try #require(document.position(of: pointer))
            let offset = offset(of: position, in: bytes)
            #expect(seen.insert(offset).inserted, "\(pointer) shares \(position) with another value")
            switch value {
            case .object: #expect(bytes[offset] == UInt8(ascii: "{"), "\(pointer) at \(position)")
            case .array: #expect(bytes[offset] == UInt8(ascii: "["), "\(pointer) at \(position)")
            default: #expect(try scalar(at: offset, in: bytes) == value, "\(pointer) at \(position)")
            }
        }
    }
}
