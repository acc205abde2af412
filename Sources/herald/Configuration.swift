import ArgumentParser
import Foundation
import HeraldCore

/// Where settings come from: the environment, then an env file (which wins), then flags.
enum Configuration {
    /// The environment merged with `--env-file` (the file wins).
    static func variables(envFile: String?) throws -> [String: String] {
        var variables = ProcessInfo.processInfo.environment
        guard let envFile else { return variables }
        do {
            let file = try EnvFile(contentsOf: URL(fileURLWithPath: envFile))
            variables.merge(file.values) { _, fromFile in fromFile }
        } catch let error as EnvFile.SyntaxError {
            throw ValidationError("--env-file \(envFile): \(error.message)")
        } catch {
            throw ValidationError("--env-file \(envFile) cannot be read: \(error.localizedDescription)")
        }
        return variables
    }

    /// `$HERALD_CACHE_DIR/schemas`, else `$XDG_CACHE_HOME/herald/schemas`, else `~/.cache/herald/schemas`.
    static func schemaCacheDirectory() -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["HERALD_CACHE_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit).appendingPathComponent("schemas")
        }
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("herald").appendingPathComponent("schemas")
    }
}
