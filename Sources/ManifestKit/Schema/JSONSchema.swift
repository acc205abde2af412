/// A compiled JSON Schema, ready to validate many instances.
///
/// Covers every keyword the Teams manifest schemas use, whatever draft they declare: `type`,
/// `properties`, `required`, `additionalProperties`, `patternProperties`, `items`, `additionalItems`,
/// `enum`, `const`, `pattern` (ICU: lookahead, `\p{L}`), `min/maxLength`, `min/maxItems`,
/// `uniqueItems`, `minimum`/`maximum`, `exclusiveMinimum`/`exclusiveMaximum` (draft-04's boolean form and later
/// drafts' numbers), `multipleOf`, `min/maxProperties`,
/// local `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `dependencies` and `format: uri`.
/// Errors are reported where the keyword applies, as python-jsonschema reports them.
public struct JSONSchema: Sendable {
    let nodes: [SchemaNode]
    let root: Int

    /// Compiles a schema document.
    /// - Parameter document: the schema as parsed JSON.
    /// - Throws: ``SchemaCompileError`` for a keyword whose argument is unusable (a pattern ICU cannot
    ///   compile included: it is reported, never skipped) or a reference that does not resolve.
    public init(document: JSONValue) throws(SchemaCompileError) {
        var compiler = SchemaCompiler(document: document)
        root = try compiler.compile(at: .root)
        nodes = compiler.nodes
    }

    /// Every violation of this schema by `instance`.
    /// - Parameter instance: the value to validate.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var evaluation = SchemaEvaluation(nodes: nodes, collecting: true)
        _ = evaluation.evaluate(root, instance)
        return evaluation.violations
    }

    /// Whether `instance` is valid; stops at the first failure.
    /// - Parameter instance: the value to validate.
    public func isValid(_ instance: JSONValue) -> Bool {
        var evaluation = SchemaEvaluation(nodes: nodes, collecting: false)
        return evaluation.evaluate(root, instance)
    }
}
