import Foundation
import HeraldCore

/// A bound parameter, the same for both databases.
enum SQLValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case bool(Bool)
    case null

    static func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }

    static func integer(_ value: Int64?) -> SQLValue { value.map(SQLValue.integer) ?? .null }

    /// Milliseconds since 1970, the stores' time format.
    static func time(_ date: Date) -> SQLValue { .integer(Int64((date.timeIntervalSince1970 * 1000).rounded())) }

    static func date(fromMilliseconds value: Int64) -> Date { Date(timeIntervalSince1970: Double(value) / 1000) }
}

extension ConversationReference {
    /// The arguments of ``StoreSQL/observeReference``.
    var arguments: [SQLValue] {
        [
            .text(tenantId.rawValue), .text(subject.rawValue), .text(bot.appId), .text(subject.kind.rawValue), .text(conversationId.rawValue),
            .text(serviceURL.rawValue), .text(teamsUserId?.rawValue), .text(channelId), .text(conversationType), .text(source.rawValue),
            .time(observedAt),
            .time(observedAt), .bool(true), .time(observedAt),
        ]
    }
}

extension ReferenceKey {
    /// tenant_id, subject_id, bot_id (the bot's app id, as stored).
    var arguments: [SQLValue] { [.text(tenantId.rawValue), .text(subject.rawValue), .text(bot.appId)] }
}
