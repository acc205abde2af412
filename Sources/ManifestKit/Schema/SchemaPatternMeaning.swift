/// A schema pattern said in words: "must be a GUID" instead of the regular expression.
struct SchemaPatternMeaning: Sendable {
    /// The requirement, after the quoted value (`must be a GUID`).
    let requirement: String
    /// What to do.
    let hint: String

    /// The patterns the Teams manifest schemas use for GUIDs, URLs, colours and language tags.
    static let known: [String: SchemaPatternMeaning] = [
        "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$": SchemaPatternMeaning(
            requirement: "must be a GUID", hint: "use a GUID such as 6f1c2b4e-8d3a-4c5e-9f70-1a2b3c4d5e6f (`uuidgen` makes one)"),
        "^[Hh][Tt][Tt][Pp][Ss]?://": SchemaPatternMeaning(requirement: "must be an https:// URL", hint: "write the full URL, starting with https://"),
        "^[Hh][Tt][Tt][Pp][Ss]://": SchemaPatternMeaning(requirement: "must be an https:// URL", hint: "write the full URL, starting with https://"),
        "^#[0-9a-fA-F]{6}$": SchemaPatternMeaning(requirement: "must be a colour such as #4464EE", hint: "write # and six hexadecimal digits"),
        "^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8}){0,2}$": SchemaPatternMeaning(
            requirement: "must be a language tag such as en-us", hint: "use a BCP 47 language tag"),
    ]
}
