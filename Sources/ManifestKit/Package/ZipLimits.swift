/// Limits applied while opening a zipped app package, so a hostile archive cannot exhaust the machine.
public struct ZipLimits: Sendable, Equatable {
    /// The most entries an archive may hold.
    public var maximumEntries: Int
    /// The most bytes one entry may inflate to.
    public var maximumEntryBytes: Int
    /// The most bytes all entries together may inflate to.
    public var maximumTotalBytes: Int

    /// Limits; the defaults are far above any real Teams app package (a few files of kilobytes).
    /// - Parameters:
    ///   - maximumEntries: most entries.
    ///   - maximumEntryBytes: most bytes per entry.
    ///   - maximumTotalBytes: most bytes in all.
    public init(maximumEntries: Int = 1_000, maximumEntryBytes: Int = 16 << 20, maximumTotalBytes: Int = 64 << 20) {
        self.maximumEntries = maximumEntries
        self.maximumEntryBytes = maximumEntryBytes
        self.maximumTotalBytes = maximumTotalBytes
    }
}
