/// `id`, `$schema`, `version`, bot ids, version-gated features.
enum IdentityRules {
    static func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let root = JSONPointer.root
        if context.manifest["id"] == nil {
            findings.append(Rules.appIdRequired.finding("the manifest has no \"id\"", at: root))
        } else if let id = context.string(root.appending("id")), !isGUID(id) {
            findings.append(Rules.appIdNotGUID.finding("\"id\" is \"\(id)\", which is not a GUID", at: root.appending("id")))
        }
        if context.manifest["$schema"] == nil {
            findings.append(Rules.schemaURLRequired.finding("the manifest has no \"$schema\"", at: root))
        } else if let url = context.string(root.appending("$schema")), let version = context.version,
            let named = schemaVersion(inURL: url), named != version.description
        {
            findings.append(
                Rules.schemaVersionMismatch.finding(
                    "\"$schema\" names version \(named) but manifestVersion is \(version)", at: root.appending("$schema")))
        }
        findings += checkVersion(context)
        for bot in context.elements(root.appending("bots")) {
            let pointer = bot.pointer.appending("botId")
            if let id = context.string(pointer), !isGUID(id) {
                findings.append(Rules.botIdNotGUID.finding("botId \"\(id)\" is not a GUID", at: pointer))
            }
        }
        for extensionEntry in context.elements(root.appending("composeExtensions")) {
            let pointer = extensionEntry.pointer.appending("botId")
            if let id = context.string(pointer), !isGUID(id) {
                findings.append(Rules.composeBotIdNotGUID.finding("botId \"\(id)\" is not a GUID", at: pointer))
            }
        }
        if let version = context.version {
            findings += checkVersionGates(context, version)
        }
        return findings
    }

    private static func checkVersion(_ context: RuleContext) -> [Finding] {
        let pointer = JSONPointer.root.appending("version")
        guard !context.isPlaceholder(pointer), let value = context.manifest["version"] else { return [] }
        guard let version = value.stringValue, !version.isEmpty else {
            return [Rules.versionEmpty.finding("\"version\" is empty", at: pointer)]
        }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            return [Rules.versionNotSemver.finding("\"version\" is \"\(version)\", not three dot-separated numbers", at: pointer)]
        }
        if Int(parts[0]) == 0 {
            return [Rules.versionMajorZero.finding("\"version\" \(version) has major version 0", at: pointer)]
        }
        return []
    }

    private static func checkVersionGates(_ context: RuleContext, _ version: ManifestVersion) -> [Finding] {
        var findings: [Finding] = []
        let root = JSONPointer.root
        if !version.isAtLeast(1, 3) {
            for (collection, rule) in [("bots", Rules.groupChatBotsBefore13), ("configurableTabs", Rules.groupChatTabsBefore13)] {
                for entry in context.elements(root.appending(collection)) {
                    for scope in context.elements(entry.pointer.appending("scopes")) where scope.value.stringValue?.lowercased() == "groupchat" {
                        findings.append(rule.finding("the groupChat scope needs manifest 1.3 or later; this is \(version)", at: scope.pointer))
                    }
                }
            }
        }
        if version.isAtLeast(1, 17), context.manifest["packageName"] != nil {
            findings.append(Rules.packageNameAfter116.finding("\"packageName\" is not used after manifest 1.16", at: root.appending("packageName")))
        }
        let personalBots = Set(
            context.elements(root.appending("bots")).compactMap { bot -> String? in
                let scopes = bot.value["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []
                return scopes.contains("personal") ? bot.value["botId"]?.stringValue?.lowercased() : nil
            })
        for agent in context.elements(root.appending("copilotAgents").appending("customEngineAgents")) {
            let pointer = agent.pointer.appending("id")
            if let id = context.string(pointer), !personalBots.contains(id.lowercased()) {
                findings.append(
                    Rules.customEngineAgentBot.finding(
                        "custom engine agent id \"\(id)\" is not the botId of a bot with the personal scope", at: pointer))
            }
        }
        return findings
    }

    /// Whether `text` is a GUID in the 8-4-4-4-12 form.
    static func isGUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                if byte != UInt8(ascii: "-") { return false }
            } else if !(byte >= 0x30 && byte <= 0x39 || byte >= 0x41 && byte <= 0x46 || byte >= 0x61 && byte <= 0x66) {
                return false
            }
        }
        return true
    }

    /// The version a schema URL names: `…/teams/v1.16/…` → `1.16`, `…/vDevPreview/…` → `devPreview`.
    /// The manifest version a `$schema` URL names, in each published form: `…/teams/v1.16/MicrosoftTeams.schema.json`,
    /// `…/teams/vDevPreview/…`, and the schema repository's raw form `…/preview/DevPreview/MicrosoftTeams.schema.json`.
    static func schemaVersion(inURL url: String) -> String? {
        for component in url.split(separator: "/") {
            if component.lowercased() == "devpreview" || component.lowercased() == "vdevpreview" { return "devPreview" }
            guard component.hasPrefix("v") else { continue }
            let rest = component.dropFirst()
            if ManifestVersion(String(rest)) != nil { return String(rest) }
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
