import Foundation
import HeraldCore

/// A `conversation_refs` row as both stores read it (``StoreSQL/referenceColumns``), before it becomes a record.
struct StoredReferenceRow {
    var tenantId: String
    var subjectId: String
    var botAppId: String
    var kind: String
    var conversationId: String
    var serviceURL: String
    var teamsUserId: String?
    var channelId: String
    var conversationType: String
    var source: String
    var capturedAt: Int64
    var observedAt: Int64
    var active: Bool
    var statusChangedAt: Int64

    func record() throws -> ConversationReferenceRecord {
        guard let kind = ReferenceSubject.Kind(rawValue: kind), let source = ConversationReference.Source(rawValue: source) else {
            throw StoreError.corrupt("unknown kind \(kind) or source \(source)")
        }
        let reference = ConversationReference(
            tenantId: TenantID(rawValue: tenantId), subject: ReferenceSubject(kind: kind, rawValue: subjectId), bot: BotID(appId: botAppId),
            conversationId: ConversationID(rawValue: conversationId), serviceURL: ServiceURL(rawValue: serviceURL),
            teamsUserId: teamsUserId.map(TeamsUserID.init(rawValue:)), channelId: channelId, conversationType: conversationType, source: source,
            observedAt: SQLValue.date(fromMilliseconds: observedAt))
        return ConversationReferenceRecord(
            reference: reference, capturedAt: SQLValue.date(fromMilliseconds: capturedAt), active: active,
            statusChangedAt: SQLValue.date(fromMilliseconds: statusChangedAt))
    }
}
