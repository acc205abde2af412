/// Plausible stand-in values for placeholders, chosen from the variable name, so a template can be
/// checked as if it had been filled (`--placeholders sample`). The differential test's reference
/// script applies the same rule.
public enum PlaceholderSample {
    /// A GUID-shaped stand-in.
    public static let guid = "00000000-0000-0000-0000-000000000000"
    /// A host-name stand-in.
    public static let host = "contoso.example.com"
    /// A URL stand-in.
    public static let url = "https://contoso.example.com"

    /// A version stand-in that satisfies `MAJOR.MINOR.PATCH`.
    public static let version = "1.0.0"
    /// A colour stand-in that satisfies `#RRGGBB`.
    public static let colour = "#FFFFFF"

    /// The stand-in for a variable, chosen to satisfy the field it usually fills: empty for `…SUFFIX`,
    /// `1.0.0` for `…VERSION`, `#FFFFFF` for `…COLOR`, a host for `…DOMAIN`/`HOST`, a URL for `…URL`/`URI`/`ENDPOINT`, a GUID for
    /// `…ID`, otherwise `x`.
    /// - Parameter name: the placeholder's variable name.
    public static func value(for name: String) -> String {
        let tokens = Set(words(of: name))
        if tokens.contains("SUFFIX") { return "" }
        if tokens.contains("VERSION") { return version }
        if !tokens.isDisjoint(with: ["COLOR", "COLOUR"]) { return colour }
        if !tokens.isDisjoint(with: ["DOMAIN", "HOST", "HOSTNAME", "FQDN"]) { return host }
        if !tokens.isDisjoint(with: ["URL", "URI", "ENDPOINT"]) { return url }
        if !tokens.isDisjoint(with: ["ID", "GUID"]) { return guid }
        return "x"
    }

    /// The stand-in for a placeholder that is a whole value, chosen by the field it fills when the field says
    /// what it holds (the app id and bot ids are GUIDs, `version` a version, `…Url` a URL, `…Color` a colour, a
    /// `validDomains` entry a host), else by the variable's name.
    /// - Parameters:
    ///   - name: the placeholder's variable name.
    ///   - field: the JSON pointer tokens of the value it fills.
    ///   - wholeValue: whether the placeholder is the whole value (else only the name decides).
    public static func value(for name: String, field: [String], wholeValue: Bool) -> String {
        guard wholeValue, let key = field.last?.lowercased() else { return value(for: name) }
        if field == ["id"] || field == ["webApplicationInfo", "id"] || key == "botid" { return guid }
        if key == "version" { return version }
        if key.hasSuffix("url") { return url }
        if key.hasSuffix("color") { return colour }
        if field.count >= 2, field[field.count - 2] == "validDomains" { return host }
        return value(for: name)
    }

    /// `value` with every placeholder filled with its stand-in (`--placeholders sample`, and the differential
    /// test's "filled" verdicts, which the reference script computes the same way).
    /// - Parameter value: a parsed document.
    public static func fill(_ value: JSONValue) -> JSONValue {
        PlaceholderFill(value) { placeholder, field, whole in Self.value(for: placeholder.name, field: field, wholeValue: whole) }.value
    }

    /// Splits `MicrosoftAppId` or `BOT_DOMAIN` into upper-cased words.
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for scalar in name.unicodeScalars {
            let isLetterOrDigit = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            guard isLetterOrDigit else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            let isUpper = ("A"..."Z").contains(scalar)
            if isUpper && previousWasLower && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            previousWasLower = ("a"..."z").contains(scalar)
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.uppercased() }
    }
}
