public import Foundation
public import HeraldCore

/// What a key fetcher throws when the metadata or key set answered with a status other than 200, so the
/// validator's log can say which URL answered what. Any other error a fetcher throws is logged as is.
public struct KeyFetchHTTPError: HeraldError, Equatable {
    /// The URL fetched.
    public let url: URL
    /// The HTTP status it answered with.
    public let status: Int

    /// An error.
    /// - Parameters:
    ///   - url: the URL fetched.
    ///   - status: the HTTP status.
    public init(url: URL, status: Int) {
        self.url = url
        self.status = status
    }

    public var code: String { "KeyFetchFailed" }
    public var message: String { "GET \(url.absoluteString) answered \(status)" }
    public var httpStatus: Int? { status }
}
