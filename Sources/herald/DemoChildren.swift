import ArgumentParser
import Foundation
import Synchronization

/// The demo's child processes (the same herald binary): all are stopped at the end or on Ctrl-C;
/// each one's output goes to a log file in the demo's folder.
final class DemoChildren: Sendable {
    private struct Children {
        var started: [Process] = []
        var stopped = false
    }

    private let children = Mutex(Children())

    /// Starts `herald arguments…` unless everything is being stopped: start and stop take turns, so Ctrl-C between
    /// the two cannot leave a child running.
    /// - Parameters:
    ///   - output: where its standard output goes (a `Pipe` or a `FileHandle`).
    ///   - errors: where its standard error goes.
    private func launch(_ binary: String, _ arguments: [String], output: Any, errors: Any) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        try children.withLock { children in
            guard !children.stopped else { throw CancellationError() }
            try process.run()
            children.started.append(process)
        }
        return process
    }

    /// A new, empty log file, open for writing.
    private func newLog(_ log: URL) throws -> FileHandle {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        return try FileHandle(forWritingTo: log)
    }

    /// Starts a long-running command and waits until its output shows `readyWhen`.
    func start(_ binary: String, _ arguments: [String], log: URL, readyWhen marker: String) throws -> Process {
        let pipe = Pipe()
        let process = try launch(binary, arguments, output: pipe, errors: pipe)
        let file = try newLog(log)
        var output = ""
        while !output.contains(marker) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { throw ValidationError("herald \(arguments[0]) stopped before it was ready; see \(log.path)") }
            file.write(chunk)
            output += String(decoding: chunk, as: UTF8.self)
        }
        let reader = pipe.fileHandleForReading
        Thread.detachNewThread {
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                file.write(chunk)
            }
        }
        return process
    }

    /// Runs a command to its end, its output to `log`; returns its exit status.
    func run(_ binary: String, _ arguments: [String], log: URL) throws -> Int32 {
        let file = try newLog(log)
        let process = try launch(binary, arguments, output: file, errors: file)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs a command to its end and returns what it printed.
    func capture(_ binary: String, _ arguments: [String]) throws -> String {
        let pipe = Pipe()
        let process = try launch(binary, arguments, output: pipe, errors: pipe)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs a command to its end, handing each line of its standard output to `line` (its errors go to `log`).
    func stream(_ binary: String, _ arguments: [String], log: URL, _ line: @escaping @Sendable (String) -> Void) async throws -> Int32 {
        let pipe = Pipe()
        let process = try launch(binary, arguments, output: pipe, errors: try newLog(log))
        let reader = pipe.fileHandleForReading
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var buffer = Data()
                while true {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    buffer.append(chunk)
                    while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        line(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                        buffer.removeSubrange(buffer.startIndex...newline)
                    }
                }
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
    }

    /// Stops every child still running (SIGTERM: the sim and the listener stop gracefully), and any started later.
    func stopAll() {
        let started = children.withLock { children in
            children.stopped = true
            return children.started
        }
        for process in started where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
