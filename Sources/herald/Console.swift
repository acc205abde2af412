import Foundation

/// Standard output and error for the commands.
enum Console {
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func write(_ data: Data) {
        // One write per line: workers print concurrently, and two writes could interleave with another line's.
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
