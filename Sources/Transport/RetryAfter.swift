public import Foundation

/// The `Retry-After` header: seconds (Graph and the Connector send whole seconds; the simulator at a speed
/// other than 1 sends decimals) or an HTTP date.
public enum RetryAfter {
    /// How long to wait, or nil when the header is absent or unreadable.
    /// - Parameters:
    ///   - value: the header's value.
    ///   - now: the current time, for an HTTP date.
    public static func parse(_ value: String?, now: Date) -> Duration? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 { return .milliseconds(Int64((seconds * 1000).rounded(.up))) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }
}
