public import Foundation
public import HeraldCore

/// A stored conversation reference: the reference itself (its newest sighting), when Herald first
/// captured it, and whether it still works.
public struct ConversationReferenceRecord: Sendable, Equatable, Codable {
    /// The reference, as last seen (``ConversationReference/observedAt`` is the newest sighting's time).
    public var reference: ConversationReference
    /// When Herald first captured it.
    public var capturedAt: Date
    /// False once the app was removed or the bot left.
    public var active: Bool
    /// The time of the event that last set ``active``.
    public var statusChangedAt: Date

    /// A record.
    /// - Parameters:
    ///   - reference: the reference.
    ///   - capturedAt: the first capture.
    ///   - active: whether it works.
    ///   - statusChangedAt: when ``active`` last changed.
    public init(reference: ConversationReference, capturedAt: Date, active: Bool, statusChangedAt: Date) {
        self.reference = reference
        self.capturedAt = capturedAt
        self.active = active
        self.statusChangedAt = statusChangedAt
    }

    private enum CodingKeys: String, CodingKey { case capturedAt, active, statusChangedAt }

    /// Decodes the flat form ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        reference = try ConversationReference(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        capturedAt = try container.decode(Date.self, forKey: .capturedAt)
        active = try container.decode(Bool.self, forKey: .active)
        statusChangedAt = try container.decode(Date.self, forKey: .statusChangedAt)
    }

    /// One flat object: the reference's fields beside `capturedAt`, `active` and `statusChangedAt` (`herald refs --json`).
    public func encode(to encoder: any Encoder) throws {
        try reference.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capturedAt, forKey: .capturedAt)
        try container.encode(active, forKey: .active)
        try container.encode(statusChangedAt, forKey: .statusChangedAt)
    }
}
