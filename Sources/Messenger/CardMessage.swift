public import Foundation
public import ManifestKit

/// A rendered card as the activity a bot posts: a `message` with one Adaptive Card attachment. Teams refuses a
/// bot message over about 100 KB with 413 `MessageSizeTooBig`; Herald refuses it before sending.
public enum CardMessage {
    /// Teams' limit for a bot message, in bytes of the posted JSON.
    public static let maximumBytes = 100 * 1024

    /// The activity's JSON.
    /// - Parameters:
    ///   - card: the rendered card.
    ///   - summary: the text notifications show (the card's first TextBlock when nil).
    public static func activity(_ card: JSONValue, summary: String? = nil) -> Data {
        var attachment = JSONObject()
        attachment["contentType"] = .string("application/vnd.microsoft.card.adaptive")
        attachment["content"] = card
        var activity = JSONObject()
        activity["type"] = .string("message")
        if let summary = summary ?? firstText(card) { activity["summary"] = .string(String(summary.prefix(200))) }
        activity["attachments"] = .array([.object(attachment)])
        return Data(JSONValue.object(activity).serialized.utf8)
    }

    private static func firstText(_ card: JSONValue) -> String? {
        for element in card["body"]?.arrayValue ?? [] where element["type"]?.stringValue == "TextBlock" {
            if let text = element["text"]?.stringValue, !text.isEmpty { return text }
        }
        return nil
    }
}
