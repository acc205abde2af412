import ArgumentParser
import Foundation
import HeraldCore
import ReferenceStore

/// The options every command that talks to Microsoft or the store shares: `--env-file` and `--store`.
///
/// Every setting resolves the same way (DESIGN.md, "Configuration"): the environment, then the env file,
/// then a flag; the later wins. Secrets (the app passwords, a store password) belong in the environment or
/// the env file, never on the command line.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("env-file"),
        help: "A .env file of settings (MicrosoftAppId, HERALD_STORE, …); it wins over the environment. `herald sim` writes .herald/sim.env.")
    var envFile: String?

    @Option(
        name: .customLong("store"),
        help:
            "sqlite:PATH or postgres://user@host:port/database (else HERALD_STORE, else sqlite:.herald/herald.db). Put a password in HERALD_STORE, not here."
    )
    var store: String?

    /// The settings, resolved.
    func settings() throws -> Settings {
        var flags: [String: String] = [:]
        if let store { flags["HERALD_STORE"] = store }
        return Settings(variables: try Configuration.variables(envFile: envFile), flags: flags, envFile: envFile)
    }
}

/// Resolved settings: flags over the env file over the environment.
struct Settings: Sendable {
    /// The environment merged with the env file (the file wins).
    let variables: [String: String]
    /// The values given as flags, by variable name.
    let flags: [String: String]
    /// The env file, for messages.
    let envFile: String?

    /// A setting's value; empty counts as unset.
    func value(_ name: String) -> String? {
        if let flag = flags[name], !flag.isEmpty { return flag }
        if let value = variables[name], !value.isEmpty { return value }
        return nil
    }

    /// A setting that must be there.
    /// - Parameters:
    ///   - name: the variable.
    ///   - meaning: what it is, for the message.
    func required(_ name: String, _ meaning: String) throws -> String {
        guard let value = value(name) else {
            throw ValidationError(
                "\(name) is not set: put \(meaning) in the environment or in \(envFile.map { "--env-file \($0)" } ?? "an --env-file")")
        }
        return value
    }

    /// Where the store is: `--store`, else `HERALD_STORE`, else `sqlite:.herald/herald.db`.
    func storeLocation() throws -> StoreLocation {
        do { return try StoreLocation(value("HERALD_STORE") ?? StoreLocation.defaultURL) } catch let error as StoreError {
            throw ValidationError(error.description)
        }
    }
}
