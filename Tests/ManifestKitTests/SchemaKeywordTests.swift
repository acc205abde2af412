import Foundation
import ManifestKit
import Testing

/// One test per keyword the Teams schemas use: a schema, a value that passes, a value that fails,
/// and the pointer and code of the failure.
@Suite("JSONSchema keywords")
struct SchemaKeywordTests {
    private func schema(_ text: String) throws -> JSONSchema {
        try JSONSchema(document: try JSONDocument(data: Data(text.utf8)).root)
    }

    private func value(_ text: String) throws -> JSONValue {
        try JSONDocument(data: Data(text.utf8)).root
    }

    private func violations(_ schemaText: String, _ instance: String) throws -> [SchemaViolation] {
        try schema(schemaText).validate(try value(instance))
    }

    private func expectOne(_ schemaText: String, valid: String, invalid: String, keyword: SchemaKeyword, at pointer: String = "") throws {
        let compiled = try schema(schemaText)
        #expect(compiled.validate(try value(valid)).isEmpty, "expected \(valid) to be valid")
        #expect(compiled.isValid(try value(valid)))
        let found = compiled.validate(try value(invalid))
        #expect(found.count == 1, "expected one violation for \(invalid), got \(found)")
        #expect(found.first?.keyword == keyword)
        #expect(found.first?.pointer.description == pointer)
        #expect(!compiled.isValid(try value(invalid)))
    }

    @Test("type, including integer for whole numbers and type lists")
    func type() throws {
        try expectOne(#"{"type": "string"}"#, valid: #""a""#, invalid: "1", keyword: .type)
        try expectOne(#"{"type": "integer"}"#, valid: "2.0", invalid: "2.5", keyword: .type)
        try expectOne(#"{"type": ["string", "null"]}"#, valid: "null", invalid: "true", keyword: .type)
        try expectOne(#"{"type": "number"}"#, valid: "1", invalid: "true", keyword: .type)
        #expect(try violations(#"{"type": "string"}"#, "1").first?.code == "SchemaError_Type")
    }

    @Test("properties descend and report at the member")
    func properties() throws {
        try expectOne(#"{"properties": {"a": {"type": "string"}}}"#, valid: #"{"a": "x"}"#, invalid: #"{"a": 1}"#, keyword: .type, at: "/a")
    }

    @Test("required reports each missing member at the object")
    func required() throws {
        try expectOne(#"{"required": ["id"]}"#, valid: #"{"id": 1}"#, invalid: #"{"x": 1}"#, keyword: .required)
        let found = try violations(#"{"required": ["a", "b"]}"#, "{}")
        #expect(found.map(\.member) == ["a", "b"])
        #expect(found.first?.message.contains("\"a\"") == true)
    }

    @Test("additionalProperties false and as a schema")
    func additionalProperties() throws {
        try expectOne(
            #"{"properties": {"a": {}}, "additionalProperties": false}"#, valid: #"{"a": 1}"#, invalid: #"{"a": 1, "b": 2}"#,
            keyword: .additionalProperties)
        try expectOne(#"{"additionalProperties": {"type": "number"}}"#, valid: #"{"x": 1}"#, invalid: #"{"x": "1"}"#, keyword: .type, at: "/x")
        #expect(try violations(#"{"additionalProperties": false}"#, #"{"b": 2}"#).first?.focus.description == "/b")
    }

    @Test("patternProperties with ICU patterns, and their interplay with additionalProperties")
    func patternProperties() throws {
        let text = #"{"patternProperties": {"^staticTabs\\[[0-9]\\]\\.name$": {"maxLength": 3}}, "additionalProperties": false}"#
        try expectOne(
            text, valid: #"{"staticTabs[0].name": "abc"}"#, invalid: #"{"staticTabs[1].name": "abcd"}"#, keyword: .maxLength,
            at: "/staticTabs[1].name")
        try expectOne(text, valid: "{}", invalid: #"{"other": 1}"#, keyword: .additionalProperties)
    }

    @Test("items as one schema and as a tuple with additionalItems")
    func items() throws {
        try expectOne(#"{"items": {"type": "string"}}"#, valid: #"["a", "b"]"#, invalid: #"["a", 2]"#, keyword: .type, at: "/1")
        try expectOne(
            #"{"items": [{"type": "string"}], "additionalItems": false}"#, valid: #"["a"]"#, invalid: #"["a", 2]"#, keyword: .additionalItems)
    }

    @Test("enum and const compare JSON values, not text")
    func enumAndConst() throws {
        try expectOne(#"{"enum": ["personal", "team"]}"#, valid: #""team""#, invalid: #""Team""#, keyword: .enum)
        try expectOne(#"{"const": "1.30"}"#, valid: #""1.30""#, invalid: #""1.3""#, keyword: .const)
        try expectOne(#"{"const": 1}"#, valid: "1.0", invalid: "true", keyword: .const)
        try expectOne(#"{"enum": [{"a": [1, 2]}]}"#, valid: #"{"a": [1.0, 2]}"#, invalid: #"{"a": [2, 1]}"#, keyword: .enum)
    }

    @Test("pattern is an unanchored ICU search with lookahead and \\p{L}")
    func pattern() throws {
        try expectOne(#"{"pattern": "^[\\p{L}][\\p{L}0-9._]*$"}"#, valid: #""Größe_1""#, invalid: #""1abc""#, keyword: .pattern)
        try expectOne(#"{"pattern": "^(?!.*[<>]).*\\.xll$"}"#, valid: #""a.xll""#, invalid: #""<a>.xll""#, keyword: .pattern)
        try expectOne(#"{"pattern": "b"}"#, valid: #""abc""#, invalid: #""xyz""#, keyword: .pattern)
        #expect(try violations(#"{"pattern": "^a$"}"#, "1").isEmpty, "pattern ignores non-strings")
    }

    @Test("minLength and maxLength count Unicode code points")
    func lengths() throws {
        try expectOne(#"{"maxLength": 3}"#, valid: #""äöü""#, invalid: #""abcd""#, keyword: .maxLength)
        try expectOne(#"{"minLength": 1}"#, valid: #""😀""#, invalid: #""""#, keyword: .minLength)
        let message = try violations(#"{"maxLength": 3}"#, #""abcd""#).first?.message ?? ""
        #expect(message.contains("4") && message.contains("3"), "names the length and the limit: \(message)")
        #expect(try violations(#"{"maxLength": 3}"#, #""abcd""#).first?.code == "SchemaError_MaximumLength")
    }

    @Test("minItems, maxItems and uniqueItems")
    func arrays() throws {
        try expectOne(#"{"minItems": 1}"#, valid: "[1]", invalid: "[]", keyword: .minItems)
        try expectOne(#"{"maxItems": 1}"#, valid: "[1]", invalid: "[1, 2]", keyword: .maxItems)
        try expectOne(#"{"uniqueItems": true}"#, valid: #"[1, "1", true]"#, invalid: #"[{"a": 1}, {"a": 1.0}]"#, keyword: .uniqueItems)
    }

    @Test("minimum and maximum apply to numbers only")
    func numbers() throws {
        try expectOne(#"{"minimum": 1}"#, valid: "1", invalid: "0.5", keyword: .minimum)
        try expectOne(#"{"maximum": 10}"#, valid: "10", invalid: "11", keyword: .maximum)
        #expect(try violations(#"{"maximum": 0}"#, "true").isEmpty)
        #expect(try violations(#"{"maximum": 0}"#, "1").first?.code == "SchemaError_Maximum")
    }

    @Test("exclusive bounds in draft-04's boolean form and later drafts' number form")
    func exclusiveBounds() throws {
        try expectOne(#"{"minimum": 0, "exclusiveMinimum": true}"#, valid: "0.5", invalid: "0", keyword: .exclusiveMinimum)
        try expectOne(#"{"maximum": 10, "exclusiveMaximum": true}"#, valid: "9", invalid: "10", keyword: .exclusiveMaximum)
        try expectOne(#"{"minimum": 0, "exclusiveMinimum": false}"#, valid: "0", invalid: "-1", keyword: .minimum)
        try expectOne(#"{"exclusiveMinimum": 5}"#, valid: "6", invalid: "5", keyword: .exclusiveMinimum)
        #expect(throws: SchemaCompileError.self) { try schema(#"{"exclusiveMaximum": "ten"}"#) }
    }

    @Test("a pattern that does not compile is reported, never skipped")
    func badPattern() throws {
        #expect(throws: SchemaCompileError.self) { try schema(#"{"properties": {"id": {"pattern": "([unclosed"}}}"#) }
        #expect(throws: SchemaCompileError.self) { try schema(#"{"patternProperties": {"(?<bad": {}}}"#) }
    }

    @Test("minProperties and maxProperties")
    func propertyCounts() throws {
        try expectOne(#"{"minProperties": 1}"#, valid: #"{"a": 1}"#, invalid: "{}", keyword: .minProperties)
        try expectOne(#"{"maxProperties": 1}"#, valid: #"{"a": 1}"#, invalid: #"{"a": 1, "b": 2}"#, keyword: .maxProperties)
    }

    @Test("$ref to definitions, including recursive ones")
    func references() throws {
        let text =
            ##"{"definitions": {"node": {"type": "object", "properties": {"next": {"$ref": "#/definitions/node"}, "v": {"type": "string"}}}}, "$ref": "#/definitions/node"}"##
        try expectOne(text, valid: #"{"next": {"next": {"v": "x"}}}"#, invalid: #"{"next": {"next": {"v": 1}}}"#, keyword: .type, at: "/next/next/v")
        #expect(throws: SchemaCompileError.self) { try schema(##"{"$ref": "#/definitions/missing"}"##) }
        #expect(throws: SchemaCompileError.self) { try schema(#"{"$ref": "https://example.com/remote.json"}"#) }
    }

    @Test("anyOf reports once at the instance, with the closest alternative")
    func anyOf() throws {
        let text = #"{"anyOf": [{"type": "string"}, {"type": "object", "required": ["url"]}]}"#
        try expectOne(text, valid: #"{"url": 1}"#, invalid: "{}", keyword: .anyOf)
        let found = try violations(text, "{}")
        #expect(found.first?.details.first?.contains("url") == true, "\(found)")
    }

    @Test("oneOf fails for none and for more than one")
    func oneOf() throws {
        let text = #"{"oneOf": [{"minimum": 5}, {"maximum": 10}]}"#
        try expectOne(text, valid: "20", invalid: "7", keyword: .oneOf)
        try expectOne(#"{"oneOf": [{"type": "string"}, {"type": "number"}]}"#, valid: "1", invalid: "null", keyword: .oneOf)
    }

    @Test("allOf reports the failures of every branch")
    func allOf() throws {
        try expectOne(#"{"allOf": [{"type": "string"}, {"maxLength": 2}]}"#, valid: #""ab""#, invalid: #""abc""#, keyword: .maxLength)
    }

    @Test("not, as the v1.30 schema uses it inside anyOf")
    func not() throws {
        try expectOne(#"{"not": {"required": ["headerName"]}}"#, valid: #"{"sendMode": "x"}"#, invalid: #"{"headerName": "x"}"#, keyword: .not)
        let text =
            #"{"anyOf": [{"required": ["sendMode"], "not": {"required": ["headerName"]}}, {"required": ["headerName"], "not": {"required": ["sendMode"]}}]}"#
        try expectOne(text, valid: #"{"sendMode": 1}"#, invalid: #"{"sendMode": 1, "headerName": 2}"#, keyword: .anyOf)
    }

    @Test("if/then applies then only when if holds; else otherwise")
    func ifThenElse() throws {
        let text =
            #"{"if": {"properties": {"type": {"enum": ["OAuthPluginVault"]}}}, "then": {"required": ["referenceId"]}, "else": {"required": ["other"]}}"#
        try expectOne(
            text, valid: #"{"type": "OAuthPluginVault", "referenceId": "r"}"#, invalid: #"{"type": "OAuthPluginVault"}"#, keyword: .required)
        try expectOne(text, valid: #"{"type": "None", "other": 1}"#, invalid: #"{"type": "None"}"#, keyword: .required)
        #expect(try violations(#"{"then": {"required": ["x"]}}"#, "{}").isEmpty, "then without if is ignored")
    }

    @Test("dependencies in both forms")
    func dependencies() throws {
        try expectOne(#"{"dependencies": {"a": ["b"]}}"#, valid: #"{"a": 1, "b": 2}"#, invalid: #"{"a": 1}"#, keyword: .dependencies)
        try expectOne(#"{"dependencies": {"a": {"required": ["c"]}}}"#, valid: #"{"b": 1}"#, invalid: #"{"a": 1}"#, keyword: .required)
    }

    @Test("format uri on $schema")
    func format() throws {
        try expectOne(#"{"format": "uri"}"#, valid: #""https://developer.microsoft.com/x.json""#, invalid: #""not a uri""#, keyword: .format)
        #expect(try violations(#"{"format": "email"}"#, #""anything""#).isEmpty, "unknown formats pass")
    }

    @Test("boolean schemas")
    func booleanSchemas() throws {
        try expectOne(#"{"properties": {"a": false}}"#, valid: "{}", invalid: #"{"a": 1}"#, keyword: .falseSchema, at: "/a")
    }

    @Test("collecting mode reports every failure; the check mode agrees on validity")
    func collectsEverything() throws {
        let text =
            #"{"type": "object", "required": ["a", "b"], "properties": {"c": {"type": "string", "maxLength": 1}}, "additionalProperties": false}"#
        let found = try violations(text, #"{"c": 12, "d": 1}"#)
        #expect(Set(found.map(\.keyword)) == [.required, .type, .additionalProperties])
        #expect(found.count == 4)
    }
}
