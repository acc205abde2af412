import Foundation
import JWTKit
import Logging
import Synchronization

/// The channel's signing keys, from its OpenID metadata: fetched on first use, refreshed when older than
/// the refresh interval, and on an unknown `kid` at most once per unknown-key interval.
///
/// A fetch that fails is logged with its URL, the HTTP status when there was one (``KeyFetchHTTPError``)
/// and the error; a key that cannot be used (another type, malformed) is skipped and logged, and the rest
/// of the set still serves.
actor OpenIDKeyCache {
    struct Key: Sendable {
        let collection: JWTKeyCollection
        let endorsements: [String]
    }

    typealias Fetch = @Sendable (URL) async throws -> Data

    private let configuration: ChannelTokenConfiguration
    private let fetch: Fetch
    private let logger: Logger
    private var keys: [String: Key] = [:]
    private var refreshedAt: Date?
    private var forcedAt: Date?
    private var refreshing: Task<[String: Key], any Error>?
    private(set) var fetches = 0
    /// The keys as of the last refresh, readable without waiting for the actor: the common case.
    private let published = Mutex<(keys: [String: Key], refreshedAt: Date?)>(([:], nil))

    init(configuration: ChannelTokenConfiguration, fetch: @escaping Fetch, logger: Logger) {
        self.configuration = configuration
        self.fetch = fetch
        self.logger = logger
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
        let task = Task { [configuration, fetch, logger] in try await Self.load(configuration, fetch, logger) }
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

    private static func load(_ configuration: ChannelTokenConfiguration, _ fetch: Fetch, _ logger: Logger) async throws -> [String: Key] {
        let metadataURL = configuration.openIDMetadataURL
        let metadata = try await document(OpenIDMetadata.self, at: metadataURL, fetch, logger)
        guard let jwksURL = URL(string: metadata.jwksURI), jwksURL.scheme != nil else {
            logger.error("channel OpenID metadata names no usable jwks_uri", metadata: ["url": "\(metadataURL)", "jwks_uri": "\(metadata.jwksURI)"])
            throw AuthenticationFailure(.keysUnavailable, "the OpenID metadata names no usable jwks_uri")
        }
        let set = try await document(JWKSDocument.self, at: jwksURL, fetch, logger)
        for skipped in set.skipped {
            logger.warning(
                "channel key skipped: it does not decode",
                metadata: ["url": "\(jwksURL)", "index": "\(skipped.index)", "kid": "\(skipped.kid ?? "-")", "reason": "\(skipped.reason)"])
        }
        var keys: [String: Key] = [:]
        let parser = DefaultJWTParser(jsonDecoder: RecentJSONDecodings())
        for jwk in set.keys {
            let note: Logger.Metadata = ["url": "\(jwksURL)", "kid": "\(jwk.kid)"]
            switch jwk.rsaComponents {
            case .success(let components):
                do {
                    let publicKey = try Insecure.RSA.PublicKey(modulus: components.modulus, exponent: components.exponent)
                    let collection = JWTKeyCollection(defaultJWTParser: parser)
                    await collection.add(rsa: publicKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: jwk.kid), parser: parser)
                    keys[jwk.kid] = Key(collection: collection, endorsements: jwk.endorsements ?? [])
                } catch {
                    logger.warning("channel key skipped: not a usable RSA key", metadata: note.merging(["reason": "\(error)"]) { $1 })
                }
            case .failure(.otherKeyType(let kty)):
                logger.debug("channel key skipped: not RSA", metadata: note.merging(["kty": "\(kty)"]) { $1 })
            case .failure(let unusable):
                logger.warning("channel key skipped", metadata: note.merging(["reason": "\(unusable)"]) { $1 })
            }
        }
        if keys.isEmpty {
            logger.error(
                "the channel key set holds no usable RS256 key",
                metadata: ["url": "\(jwksURL)", "keys": "\(set.keys.count)", "skipped": "\(set.skipped.count)"])
        } else {
            logger.info(
                "channel keys loaded",
                metadata: ["url": "\(jwksURL)", "usable": "\(keys.count)", "published": "\(set.keys.count + set.skipped.count)"])
        }
        return keys
    }

    /// Fetches and decodes one document, logging where and why it failed.
    private static func document<Document: Decodable>(_ type: Document.Type, at url: URL, _ fetch: Fetch, _ logger: Logger) async throws -> Document {
        let what = type == OpenIDMetadata.self ? "channel OpenID metadata" : "channel key set"
        let data: Data
        do {
            data = try await fetch(url)
        } catch let error as KeyFetchHTTPError {
            logger.error("\(what) fetch failed", metadata: ["url": "\(url)", "status": "\(error.status)"])
            throw error
        } catch {
            logger.error("\(what) fetch failed", metadata: ["url": "\(url)", "error": "\(error)"])
            throw error
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            logger.error("\(what) does not decode", metadata: ["url": "\(url)", "bytes": "\(data.count)", "error": "\(error)"])
            throw error
        }
    }
}
