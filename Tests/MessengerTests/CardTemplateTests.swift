import Foundation
import ManifestKit
import Messenger
import Testing

/// Adaptive Card templates as Teams developers write them: bindings, `$data` over arrays, `$when`, functions,
/// and strict errors with line and column.
@Suite("Card templates")
struct CardTemplateTests {
    static func data(_ json: String) throws -> JSONValue { try JSONDocument(data: Data(json.utf8)).root }

    static func render(_ template: String, _ data: String) throws -> JSONValue {
        try CardTemplate(data: Data(template.utf8)).render(try Self.data(data))
    }

    @Test("bindings: a whole-string binding keeps its type, text bindings interpolate, $root and $index work")
    func bindings() throws {
        let card = try Self.render(
            """
            {"type": "AdaptiveCard", "version": "1.5", "body": [
              {"type": "TextBlock", "text": "Hi ${name}, welcome to ${$root.app.name}!"},
              {"type": "TextBlock", "text": "${count}", "isSubtle": "${count > 2}"},
              {"type": "FactSet", "facts": [{"$data": "${tips}", "title": "${$index + 1}.", "value": "${title} (${$root.app.name})"}]}
            ]}
            """,
            #"{"name": "Ada", "app": {"name": "Herald"}, "count": 3, "tips": [{"title": "Ask"}, {"title": "Learn"}]}"#)
        let body = try #require(card["body"]?.arrayValue)
        #expect(body[0]["text"] == .string("Hi Ada, welcome to Herald!"))
        #expect(body[1]["text"] == .number(3), "a whole-string binding keeps the number")
        #expect(body[1]["isSubtle"] == .bool(true))
        let facts = try #require(body[2]["facts"]?.arrayValue)
        #expect(facts.count == 2, "$data over an array repeats the element")
        #expect(facts[1]["title"] == .string("2.") && facts[1]["value"] == .string("Learn (Herald)"))
        #expect(facts[0]["$data"] == nil)
    }

    @Test("$when drops an element; if, concat, formatDateTime, toUpper and coalesce work")
    func conditionsAndFunctions() throws {
        let card = try Self.render(
            """
            {"type": "AdaptiveCard", "body": [
              {"type": "TextBlock", "$when": "${team != null}", "text": "Installed in ${team.name}"},
              {"type": "TextBlock", "text": "${if(vip, 'Dear ', 'Hello ')}${toUpper(name)}"},
              {"type": "TextBlock", "text": "${concat(name, ' @ ', tenant)} on ${formatDateTime(installedAt, 'dd MMMM yyyy')}"},
              {"type": "TextBlock", "text": "${coalesce(nickname, name)}"},
              {"type": "TextBlock", "text": "${substring(tenant, 0, 3)}${replace(tenant, 'o', '0')}"}
            ]}
            """,
            #"{"name": "ada", "team": null, "vip": false, "tenant": "Contoso", "installedAt": "2026-11-30T09:15:00.1234567Z"}"#)
        let texts = try #require(card["body"]?.arrayValue).map { $0["text"] }
        #expect(texts == [.string("Hello ADA"), .string("ada @ Contoso on 30 November 2026"), .string("ada"), .string("ConC0nt0s0")])
    }

    @Test("a binding to a missing field is an error with its line and column, not a card with ${…} in it")
    func missingField() throws {
        let template = try CardTemplate(data: Data("{\n  \"type\": \"AdaptiveCard\",\n  \"body\": [{\"text\": \"Hi ${firstName}\"}]\n}".utf8))
        #expect {
            _ = try template.render(try Self.data(#"{"name": "Ada"}"#))
        } throws: { error in
            guard let error = error as? CardTemplateError else { return false }
            return error.line == 3 && error.column == 25 && error.message.contains("firstName") && error.pointer == "/body/0/text"
        }
    }

    @Test("syntax errors and unknown functions are found before any data, with line and column, by name")
    func syntax() throws {
        #expect {
            _ = try CardTemplate(data: Data("{\"type\": \"AdaptiveCard\",\n \"body\": [\n ]\n ,}".utf8))
        } throws: { error in (error as? CardTemplateError).map { $0.line == 4 } ?? false }
        #expect {
            _ = try CardTemplate(data: Data(#"{"text": "${name + }"}"#.utf8))
        } throws: { error in (error as? CardTemplateError).map { $0.line == 1 && $0.message.contains("ends too early") } ?? false }
        #expect {
            _ = try CardTemplate(data: Data("{\"body\": [\n  {\"text\": \"${pluralize(name)}\"}]}".utf8))
        } throws: { error in
            (error as? CardTemplateError).map { $0.line == 2 && $0.column == 13 && $0.message.contains("pluralize()") } ?? false
        }
    }
}
