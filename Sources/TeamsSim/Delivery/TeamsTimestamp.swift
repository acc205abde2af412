import Foundation

/// Timestamps as Teams writes them on activities: UTC with 7 fractional digits
/// (`2024-05-01T10:00:00.1234567Z`), and the sender's local time with its offset
/// (`2024-05-01T03:00:00.1234567-07:00`).
enum TeamsTimestamp {
    /// The UTC form.
    static func utc(_ date: Date) -> String { format(date, offsetMinutes: 0) }

    /// The local form at `offsetMinutes` east of UTC.
    static func local(_ date: Date, offsetMinutes: Int) -> String { format(date, offsetMinutes: offsetMinutes) }

    /// A plausible offset for a serviceUrl region (`amer` -07:00, `emea` +01:00, `apac` +05:30).
    static func offsetMinutes(region: String) -> Int {
        switch region {
        case "amer": -7 * 60
        case "emea": 60
        case "apac": 5 * 60 + 30
        default: 0
        }
    }

    private static func format(_ date: Date, offsetMinutes: Int) -> String {
        let shifted = date.timeIntervalSince1970 + Double(offsetMinutes * 60)
        let seconds = shifted.rounded(.down)
        let ticks = min(Int(((shifted - seconds) * 10_000_000).rounded(.down)), 9_999_999)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let stamp =
            "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(ticks, 7))"
        guard offsetMinutes != 0 else { return stamp + "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        return stamp + sign + pad(abs(offsetMinutes) / 60, 2) + ":" + pad(abs(offsetMinutes) % 60, 2)
    }
}
