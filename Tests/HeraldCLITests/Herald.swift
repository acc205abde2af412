import Foundation

/// Runs the built `herald` binary, as a user would.
enum Herald {
    struct Result {
        let status: Int32
        let output: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let manifests = repositoryRoot.appendingPathComponent("manifests")

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("herald")
    }

    /// Runs herald with `arguments`; stdout and stderr together.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Starts herald with `arguments` and reads its output until `marker` appears (a long-running
    /// command's banner); the caller stops the process.
    static func start(
        _ arguments: [String], environment: [String: String] = [:], readingUntil marker: String
    ) throws -> (process: Process, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        var output = ""
        while !output.contains(marker) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output += String(decoding: chunk, as: UTF8.self)
        }
        // Keep draining: a full pipe would block the process on its next log line.
        let reader = pipe.fileHandleForReading
        Thread.detachNewThread {
            while !reader.availableData.isEmpty {}
        }
        return (process, output)
    }

    /// A temporary copy of manifests/ that a test may break.
    static func copyOfSample() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["manifest.json", "color.png", "outline.png"] {
            try FileManager.default.copyItem(at: manifests.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }
}
