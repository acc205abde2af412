/// One page of a Graph collection: `value`, with `@odata.context` naming what it holds and
/// `@odata.nextLink` (an absolute URL) when there is more; a client follows the link as given.
public struct ODataPage<Item: Codable & Sendable>: Codable, Sendable {
    /// What the page holds (`https://graph.microsoft.com/v1.0/$metadata#users`).
    public var context: String?
    /// The items.
    public var value: [Item]
    /// The next page's URL, absent on the last page.
    public var nextLink: String?
    /// The total, when `$count=true` was asked.
    public var count: Int?

    private enum CodingKeys: String, CodingKey {
        case context = "@odata.context"
        case value
        case nextLink = "@odata.nextLink"
        case count = "@odata.count"
    }

    /// A page.
    /// - Parameters:
    ///   - context: what it holds.
    ///   - value: the items.
    ///   - nextLink: the next page's URL.
    ///   - count: the total, if counted.
    public init(context: String?, value: [Item], nextLink: String? = nil, count: Int? = nil) {
        self.context = context
        self.value = value
        self.nextLink = nextLink
        self.count = count
    }
}

extension ODataPage: Equatable where Item: Equatable {}
