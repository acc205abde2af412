import Foundation

/// A bound parameter, the same for both databases.
enum SQLValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case bool(Bool)
    case null

    static func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }

    /// Milliseconds since 1970, the stores' time format.
    static func time(_ date: Date) -> SQLValue { .integer(Int64((date.timeIntervalSince1970 * 1000).rounded())) }

    static func date(fromMilliseconds value: Int64) -> Date { Date(timeIntervalSince1970: Double(value) / 1000) }
}

extension ReferenceObservation {
    /// The arguments of ``StoreSQL/observeReference``.
    var arguments: [SQLValue] {
        [.text(tenantId), .text(subjectId), .text(botId), .text(kind.rawValue), .text(conversationId), .text(serviceUrl), .text(userId),
         .text(channelId), .text(conversationType), .text(source.rawValue), .time(observedAt), .time(observedAt), .bool(true), .time(observedAt)]
    }
}

extension ReferenceKey {
    var arguments: [SQLValue] { [.text(tenantId), .text(subjectId), .text(botId)] }
}
