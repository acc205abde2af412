import Foundation

/// Channel tokens by serviceUrl, reused as Teams reuses one for up to an hour: a token is handed out
/// again until ``refreshMargin`` before it expires, then a fresh one is signed. Entries hold the
/// signing task, so activities posted at once wait for one signature instead of each making their
/// own. A plain value: its owner (``SimKeys``) passes the time in from the simulator's clock.
struct ChannelTokenCache {
    /// How long a channel token lives (Teams': one hour).
    static let lifetime: TimeInterval = 3_600
    /// A token this close to its expiry is not handed out again.
    static let refreshMargin: TimeInterval = 300

    private struct Entry {
        let signing: Task<String, any Error>
        let kid: String
        let expires: TimeInterval
    }

    private var entries: [String: Entry] = [:]

    /// The signing of a token for `serviceUrl` by key `kid` that is still good at `now` plus the margin.
    func token(for serviceUrl: String, kid: String, at now: Date) -> Task<String, any Error>? {
        guard let entry = entries[serviceUrl], entry.kid == kid, now.timeIntervalSince1970 + Self.refreshMargin < entry.expires else { return nil }
        return entry.signing
    }

    /// Remembers the signing of the token for `serviceUrl` by key `kid`, expiring at `expires` (epoch seconds).
    mutating func store(_ signing: Task<String, any Error>, for serviceUrl: String, kid: String, expires: TimeInterval) {
        entries[serviceUrl] = Entry(signing: signing, kid: kid, expires: expires)
    }

    /// Forgets the token for `serviceUrl` (its signing failed).
    mutating func forget(_ serviceUrl: String) {
        entries[serviceUrl] = nil
    }
}
