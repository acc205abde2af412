import Foundation

/// Turns a schema document into ``SchemaNode``s, resolving local `$ref`s once each.
struct SchemaCompiler {
    private let document: JSONValue
    private(set) var nodes: [SchemaNode] = []
    private var compiled: [JSONPointer: Int] = [:]

    init(document: JSONValue) {
        self.document = document
    }

    /// Compiles the subschema at `pointer` (memoised, so shared definitions compile once).
    mutating func compile(at pointer: JSONPointer) throws(SchemaCompileError) -> Int {
        if let index = compiled[pointer] { return index }
        guard let value = pointer.resolve(in: document) else {
            throw SchemaCompileError(schemaPointer: pointer, reason: "nothing at this location")
        }
        let index = nodes.count
        nodes.append(SchemaNode())
        compiled[pointer] = index
        nodes[index] = try build(value, at: pointer)
        return index
    }

    private mutating func build(_ value: JSONValue, at pointer: JSONPointer) throws(SchemaCompileError) -> SchemaNode {
        var node = SchemaNode()
        switch value {
        case .bool(let flag):
            node.alwaysValid = flag
            node.alwaysInvalid = !flag
            return node
        case .object(let schema):
            if let ref = schema["$ref"] {
                node.ref = try compile(at: try resolveReference(ref, at: pointer.appending("$ref")))
                return node
            }
            for (keyword, argument) in schema.members {
                try apply(keyword, argument, to: &node, at: pointer.appending(keyword))
            }
            if node.ifSchema == nil {
                node.thenSchema = nil
                node.elseSchema = nil
            }
            // Draft-04 spells the exclusive bounds as booleans that make minimum/maximum exclusive.
            if schema["exclusiveMinimum"] == .bool(true), let minimum = node.minimum {
                node.exclusiveMinimum = minimum
                node.minimum = nil
            }
            if schema["exclusiveMaximum"] == .bool(true), let maximum = node.maximum {
                node.exclusiveMaximum = maximum
                node.maximum = nil
            }
            return node
        default:
            throw SchemaCompileError(schemaPointer: pointer, reason: "a schema must be an object or a boolean")
        }
    }

    private mutating func apply(
        _ keyword: String, _ argument: JSONValue, to node: inout SchemaNode, at pointer: JSONPointer
    ) throws(SchemaCompileError) {
        switch keyword {
        case "type":
            var types = SchemaTypes()
            let names = argument.arrayValue?.compactMap(\.stringValue) ?? [argument.stringValue].compactMap { $0 }
            for name in names {
                guard let type = SchemaTypes(name: name) else { throw SchemaCompileError(schemaPointer: pointer, reason: "unknown type \"\(name)\"") }
                types.formUnion(type)
            }
            node.types = types
        case "enum": node.enumValues = argument.arrayValue
        case "const": node.constValue = argument
        case "minLength": node.minLength = try integer(argument, at: pointer)
        case "maxLength": node.maxLength = try integer(argument, at: pointer)
        case "minItems": node.minItems = try integer(argument, at: pointer)
        case "maxItems": node.maxItems = try integer(argument, at: pointer)
        case "minProperties": node.minProperties = try integer(argument, at: pointer)
        case "maxProperties": node.maxProperties = try integer(argument, at: pointer)
        case "uniqueItems": node.uniqueItems = argument == .bool(true)
        case "minimum": node.minimum = try number(argument, at: pointer)
        case "maximum": node.maximum = try number(argument, at: pointer)
        case "exclusiveMinimum", "exclusiveMaximum":
            // Later drafts give a number; draft-04's boolean form is applied once minimum/maximum are known (in `build`).
            switch argument {
            case .number(let limit): if keyword == "exclusiveMinimum" { node.exclusiveMinimum = limit } else { node.exclusiveMaximum = limit }
            case .bool: break
            default: throw SchemaCompileError(schemaPointer: pointer, reason: "\(keyword) must be a number or a boolean")
            }
        case "multipleOf": node.multipleOf = try number(argument, at: pointer)
        case "pattern":
            guard let source = argument.stringValue else { throw SchemaCompileError(schemaPointer: pointer, reason: "pattern must be a string") }
            guard let pattern = SchemaPattern(source) else {
                throw SchemaCompileError(schemaPointer: pointer, reason: "the pattern \(source) does not compile as ICU")
            }
            node.pattern = pattern
        case "format": node.format = argument.stringValue
        case "items":
            if case .array(let schemas) = argument {
                var indices: [Int] = []
                for offset in schemas.indices { indices.append(try compile(at: pointer.appending(offset))) }
                node.items = .tuple(indices)
            } else {
                node.items = .all(try compile(at: pointer))
            }
        case "additionalItems": node.additionalItems = try additional(argument, at: pointer)
        case "properties":
            for key in try object(argument, at: pointer).keys { node.properties[key] = try compile(at: pointer.appending(key)) }
        case "patternProperties":
            for key in try object(argument, at: pointer).keys {
                guard let pattern = SchemaPattern(key) else {
                    throw SchemaCompileError(schemaPointer: pointer, reason: "the pattern \(key) does not compile as ICU")
                }
                node.patternProperties.append((pattern, try compile(at: pointer.appending(key))))
            }
        case "additionalProperties": node.additionalProperties = try additional(argument, at: pointer)
        case "required": node.required = argument.arrayValue?.compactMap(\.stringValue) ?? []
        case "dependencies":
            for (key, dependency) in try object(argument, at: pointer).members {
                if case .array(let names) = dependency {
                    node.dependencies.append((key, .properties(names.compactMap(\.stringValue))))
                } else {
                    node.dependencies.append((key, .schema(try compile(at: pointer.appending(key)))))
                }
            }
        case "allOf": node.allOf = try list(argument, at: pointer)
        case "anyOf": node.anyOf = try list(argument, at: pointer)
        case "oneOf": node.oneOf = try list(argument, at: pointer)
        case "not": node.not = try compile(at: pointer)
        case "if": node.ifSchema = try compile(at: pointer)
        case "then": node.thenSchema = try compile(at: pointer)
        case "else": node.elseSchema = try compile(at: pointer)
        default:
            break  // annotations ($schema, description, default, definitions…) do not validate
        }
    }

    private func resolveReference(_ ref: JSONValue, at pointer: JSONPointer) throws(SchemaCompileError) -> JSONPointer {
        guard let text = ref.stringValue, text.hasPrefix("#"), let target = JSONPointer(String(text.dropFirst()).removingPercentEncodingIfPossible)
        else {
            throw SchemaCompileError(schemaPointer: pointer, reason: "only local references (#/…) are supported, not \(ref.excerpt)")
        }
        return target
    }

    private mutating func list(_ argument: JSONValue, at pointer: JSONPointer) throws(SchemaCompileError) -> [Int] {
        guard case .array(let schemas) = argument, !schemas.isEmpty else {
            throw SchemaCompileError(schemaPointer: pointer, reason: "must be a non-empty array of schemas")
        }
        var indices: [Int] = []
        for offset in schemas.indices { indices.append(try compile(at: pointer.appending(offset))) }
        return indices
    }

    private mutating func additional(_ argument: JSONValue, at pointer: JSONPointer) throws(SchemaCompileError) -> SchemaNode.Additional {
        switch argument {
        case .bool(true): return .allowed
        case .bool(false): return .forbidden
        default: return .schema(try compile(at: pointer))
        }
    }

    private func object(_ argument: JSONValue, at pointer: JSONPointer) throws(SchemaCompileError) -> JSONObject {
        guard case .object(let object) = argument else { throw SchemaCompileError(schemaPointer: pointer, reason: "must be an object") }
        return object
    }

    private func integer(_ argument: JSONValue, at pointer: JSONPointer) throws(SchemaCompileError) -> Int {
        guard case .number(let value) = argument, value >= 0, value.rounded() == value else {
            throw SchemaCompileError(schemaPointer: pointer, reason: "must be a non-negative integer")
        }
        return Int(value)
    }

    private func number(_ argument: JSONValue, at pointer: JSONPointer) throws(SchemaCompileError) -> Double {
        guard case .number(let value) = argument else { throw SchemaCompileError(schemaPointer: pointer, reason: "must be a number") }
        return value
    }
}

extension String {
    fileprivate var removingPercentEncodingIfPossible: String {
        contains("%") ? (removingPercentEncoding ?? self) : self
    }
}
