public import Foundation

/// Activity timestamps, which may carry up to 7 fractional digits (`2022-10-28T17:19:39.4615413Z`)
/// and an offset (`…+02:00`). Parsed by hand: formatter objects cost more than the rest of a request.
public enum ActivityTimestamp {
    /// The instant `text` names, or nil when it is not an ISO 8601 date-time with `Z` or an offset.
    /// - Parameter text: the timestamp as the activity carries it.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2), let minute = number(14, 2),
            let second = number(17, 2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"), let hours = number(index + 1, 2),
                let minutes = number(index + 4, 2)
            else { return nil }
            offset = (hours * 3_600 + minutes * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}

extension ActivityTimestamp {
    /// The offset from UTC that `text` was written in, in seconds (`-07:00` is -25200, `Z` is 0), or nil
    /// when `text` is not a timestamp.
    /// - Parameter text: the timestamp (a `localTimestamp` carries the sender's offset).
    public static func utcOffset(_ text: String) -> Int? {
        guard parse(text) != nil else { return nil }
        let bytes = Array(text.utf8)
        guard let last = bytes.last, last != UInt8(ascii: "Z"), last != UInt8(ascii: "z") else { return 0 }
        let sign = bytes[bytes.count - 6] == UInt8(ascii: "-") ? -1 : 1
        let digits = bytes.suffix(5).filter { $0 != UInt8(ascii: ":") }.map { Int($0) - 0x30 }
        return sign * ((digits[0] * 10 + digits[1]) * 3_600 + (digits[2] * 10 + digits[3]) * 60)
    }
}

extension Activity {
    /// When the activity was sent (`timestamp`, UTC), parsed with up to 7 fractional digits.
    public var sentAt: Date? { timestamp.flatMap(ActivityTimestamp.parse) }

    /// When the activity was sent as the sender's clock wrote it (`localTimestamp`, with its offset).
    public var sentAtLocal: Date? { localTimestamp.flatMap(ActivityTimestamp.parse) }
}
