/// One failure of a JSON Schema keyword at one place in the instance.
public struct SchemaViolation: Sendable, Equatable, Hashable {
    /// Where the failing keyword was applied (for `required` and `additionalProperties`, the object).
    public let pointer: JSONPointer
    /// The member the failure is about, for `required`, `additionalProperties` and `dependencies`.
    public let member: String?
    /// The keyword that failed.
    public let keyword: SchemaKeyword
    /// What failed, with the offending value and the limit.
    public let message: String
    /// Extra lines: for `anyOf`/`oneOf`, what the closest alternative still lacks.
    public let details: [String]
    /// What to do, when the failure says more than its keyword (a GUID or URL pattern).
    public let hint: String?

    /// A violation.
    /// - Parameters:
    ///   - pointer: where the keyword was applied.
    ///   - member: the member concerned, if any.
    ///   - keyword: the failing keyword.
    ///   - message: the human message.
    ///   - details: extra lines.
    ///   - hint: what to do, if more precise than the keyword's hint.
    public init(pointer: JSONPointer, member: String? = nil, keyword: SchemaKeyword, message: String, details: [String] = [], hint: String? = nil) {
        self.pointer = pointer
        self.member = member
        self.keyword = keyword
        self.message = message
        self.details = details
        self.hint = hint
    }

    /// The Teams service's name for this failure.
    public var code: String { keyword.teamsCode }

    /// The most precise place to show: the member itself when it exists.
    public var focus: JSONPointer {
        guard let member, keyword != .required else { return pointer }
        return pointer.appending(member)
    }
}
