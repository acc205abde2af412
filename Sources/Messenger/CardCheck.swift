public import ManifestKit

/// The basics of an Adaptive Card as Teams renders it, checked before anything is sent: an `AdaptiveCard` with a
/// `version` Teams supports (1.5 at most), a `body` array, actions that are an array, and a posted message under
/// Teams' size limit.
public enum CardCheck {
    /// The newest Adaptive Card version Teams renders.
    public static let newestTeamsVersion = (major: 1, minor: 5)

    /// What is wrong with a card (rendered, or a template read as JSON), as messages naming the field.
    /// - Parameter card: the card.
    /// - Returns: the problems; empty when the card is fine.
    public static func problems(_ card: JSONValue) -> [String] {
        var problems: [String] = []
        guard card.objectValue != nil else { return ["the card is not a JSON object"] }
        if card["type"]?.stringValue != "AdaptiveCard" { problems.append("/type must be \"AdaptiveCard\"") }
        if let version = card["version"]?.stringValue, !version.contains("${") {
            let parts = version.split(separator: ".").compactMap { Int($0) }
            if parts.count != 2 {
                problems.append("/version \"\(version)\" is not MAJOR.MINOR")
            } else if (parts[0], parts[1]) > newestTeamsVersion {
                problems.append("/version \(version) is newer than Teams renders (1.5 at most)")
            }
        } else if card["version"] == nil {
            problems.append("/version is missing (Teams needs it; use \"1.5\")")
        }
        if let body = card["body"], body.arrayValue == nil { problems.append("/body must be an array") }
        if card["body"] == nil { problems.append("/body is missing") }
        if let actions = card["actions"], actions.arrayValue == nil { problems.append("/actions must be an array") }
        let bytes = CardMessage.activity(card).count
        if bytes > CardMessage.maximumBytes {
            problems.append("the message is \(bytes) bytes; Teams refuses a bot message over \(CardMessage.maximumBytes) (413 MessageSizeTooBig)")
        }
        return problems
    }
}
