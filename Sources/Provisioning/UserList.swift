import Foundation
public import HeraldCore

/// The people of a `--users FILE.csv`: one per row, an Entra object id (a GUID) or a user principal name, in
/// the first column or the one headed `id`, `objectId`, `upn`, `userPrincipalName` or `mail`. A header row is
/// detected; a row that is neither is reported with its line number, never dropped silently.
public struct UserList: Sendable, Equatable {
    /// A row that names nobody.
    public struct BadRow: Sendable, Equatable {
        /// The 1-based line number.
        public let line: Int
        /// What is wrong.
        public let reason: String
    }

    /// People by object id.
    public private(set) var objectIds: [AADObjectID] = []
    /// People by user principal name (resolved through Graph).
    public private(set) var principalNames: [String] = []
    /// Rows that name nobody.
    public private(set) var badRows: [BadRow] = []
    /// Each person's row by header (when the file has a header row), keyed by the lower-cased id or name: the
    /// columns a card may bind.
    public private(set) var columns: [String: [String: String]] = [:]

    /// Parses the text of a CSV file.
    /// - Parameter text: the file's contents.
    public init(csv text: String) {
        var column = 0
        var headers: [String] = []
        var seen = Set<String>()
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = offset + 1
            let fields = Self.fields(String(rawLine).trimmingCharacters(in: CharacterSet(charactersIn: "\r")))
            if fields.allSatisfy({ $0.isEmpty }) { continue }
            if line == 1 || (objectIds.isEmpty && principalNames.isEmpty && badRows.isEmpty) {
                let names = fields.map { $0.lowercased() }
                if let index = names.firstIndex(where: { ["id", "objectid", "upn", "userprincipalname", "mail", "email", "user"].contains($0) }) {
                    column = index
                    headers = fields
                    continue
                }
            }
            guard column < fields.count, case let value = fields[column], !value.isEmpty else {
                badRows.append(BadRow(line: line, reason: "no value in column \(column + 1)"))
                continue
            }
            guard seen.insert(value.lowercased()).inserted else { continue }
            if !headers.isEmpty {
                columns[value.lowercased()] = Dictionary(
                    zip(headers, fields).filter { !$0.0.isEmpty }.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
            }
            if Self.isGUID(value) {
                objectIds.append(AADObjectID(rawValue: value.lowercased()))
            } else if value.contains("@"), !value.contains(" ") {
                principalNames.append(value)
            } else {
                badRows.append(BadRow(line: line, reason: "\"\(value.prefix(60))\" is neither an object id (a GUID) nor a user principal name"))
            }
        }
    }

    /// The fields of one CSV line (double quotes, doubled quotes inside).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var previous: Character?
        for character in line {
            if character == "\"" {
                if quoted, previous == "\"" { current.append("\"") }
                quoted.toggle()
            } else if character == ",", !quoted {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }

    /// Whether `value` is a GUID (an Entra object id).
    public static func isGUID(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
