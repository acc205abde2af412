/// A schema that the engine cannot use, with the place inside the schema.
public struct SchemaCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the schema document the problem is.
    public let schemaPointer: JSONPointer
    /// What is wrong.
    public let reason: String

    public var description: String { "schema \(schemaPointer.description.isEmpty ? "root" : schemaPointer.description): \(reason)" }
}
