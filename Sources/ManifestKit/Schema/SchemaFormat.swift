/// The `format` values the Teams schemas use. Only `uri` appears (on `$schema`); others pass.
enum SchemaFormat {
    private static let uri = SchemaPattern(#"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"{}|\\^`]*$"#)!

    static func check(_ format: String, _ value: String) -> Bool {
        switch format {
        case "uri": !value.contains("\n") && uri.matches(value)
        default: true
        }
    }
}
