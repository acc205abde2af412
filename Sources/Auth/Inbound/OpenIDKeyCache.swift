import Foundation
import JWTKit
import Synchronization

/// The channel's signing keys, from its OpenID metadata: fetched on first use, refreshed when older than
/// the refresh interval, and on an unknown `kid` at most once per unknown-key interval.
actor OpenIDKeyCache {
    struct Key: Sendable {
        let collection: JWTKeyCollection
        let endorsements: [String]
    }

    private struct Metadata: Decodable {
        let jwks_uri: String
    }

    typealias Fetch = @Sendable (URL) async throws -> Data

    private let configuration: ChannelTokenConfiguration
    private let fetch: Fetch
    private var keys: [String: Key] = [:]
    private var refreshedAt: Date?
    private var forcedAt: Date?
    private var refreshing: Task<[String: Key], any Error>?
    private(set) var fetches = 0
    /// The keys as of the last refresh, readable without waiting for the actor: the common case.
    private let published = Mutex<(keys: [String: Key], refreshedAt: Date?)>(([:], nil))

    init(configuration: ChannelTokenConfiguration, fetch: @escaping Fetch) {
        self.configuration = configuration
        self.fetch = fetch
    }

    /// The key `kid` if it is known and the keys are not due for a refresh; else nil, and ``key(_:now:)`` decides.
    nonisolated func freshKey(_ kid: String, now: Date) -> Key? {
        published.withLock { published in
            guard let refreshedAt = published.refreshedAt, now.timeIntervalSince(refreshedAt) < configuration.refreshInterval else { return nil }
            return published.keys[kid]
        }
    }

    /// The key `kid`, refreshing as the rules allow.
    func key(_ kid: String, now: Date) async throws -> Key? {
        if refreshedAt.map({ now.timeIntervalSince($0) >= configuration.refreshInterval }) ?? true {
            try await refresh(now)
        }
        if let key = keys[kid] { return key }
        if forcedAt.map({ now.timeIntervalSince($0) >= configuration.unknownKeyRefreshInterval }) ?? true {
            forcedAt = now
            try await refresh(now)
        }
        return keys[kid]
    }

    private func refresh(_ now: Date) async throws {
        if let refreshing {
            keys = try await refreshing.value
            publish()
            return
        }
        let task = Task { [configuration, fetch] in try await Self.load(configuration, fetch) }
        refreshing = task
        defer { refreshing = nil }
        keys = try await task.value
        refreshedAt = now
        fetches += 1
        publish()
    }

    private func publish() {
        published.withLock { [keys, refreshedAt] in $0 = (keys, refreshedAt) }
    }

    private static func load(_ configuration: ChannelTokenConfiguration, _ fetch: Fetch) async throws -> [String: Key] {
        let metadata = try JSONDecoder().decode(Metadata.self, from: try await fetch(configuration.openIDMetadataURL))
        guard let jwksURL = URL(string: metadata.jwks_uri) else { throw AuthenticationFailure(.keysUnavailable, "the OpenID metadata names no usable jwks_uri") }
        let document = try JSONDecoder().decode(JWKSDocument.self, from: try await fetch(jwksURL))
        var keys: [String: Key] = [:]
        let parser = DefaultJWTParser(jsonDecoder: RecentJSONDecodings())
        for jwk in document.keys where jwk.kty == "RSA" {
            let collection = JWTKeyCollection(defaultJWTParser: parser)
            await collection.add(rsa: try Insecure.RSA.PublicKey(modulus: jwk.n, exponent: jwk.e), digestAlgorithm: .sha256, kid: JWKIdentifier(string: jwk.kid), parser: parser)
            keys[jwk.kid] = Key(collection: collection, endorsements: jwk.endorsements ?? [])
        }
        return keys
    }
}
