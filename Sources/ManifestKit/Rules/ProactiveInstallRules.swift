/// What `herald provision` and `herald listen` need: installing the app for a user must give the bot
/// a personal conversation, and `webApplicationInfo.id` must be the bot's app id.
enum ProactiveInstallRules {
    static func check(_ context: RuleContext) -> [Finding] {
        let root = JSONPointer.root
        let bots = context.elements(root.appending("bots"))
        guard !bots.isEmpty else {
            return [Rules.proactiveNoBot.finding("the app has no bot, so installing it opens no conversation to greet the user in", at: root)]
        }
        let personal = bots.filter { bot in
            bot.value["scopes"]?.arrayValue?.contains(where: { $0.stringValue?.lowercased() == "personal" }) ?? false
        }
        var findings: [Finding] = []
        if personal.isEmpty {
            findings.append(Rules.proactiveNotPersonal.finding("no bot has the personal scope", at: bots[0].pointer.appending("scopes")))
        }
        let applicationId = root.appending("webApplicationInfo").appending("id")
        guard let webId = context.manifest["webApplicationInfo"]?["id"]?.stringValue else {
            findings.append(
                Rules.proactiveNoWebApplicationInfo.finding(
                    "webApplicationInfo.id is missing", at: context.manifest["webApplicationInfo"] == nil ? root : applicationId.dropLastToken))
            return findings
        }
        let botIds = (personal.isEmpty ? bots : personal).compactMap { $0.value["botId"]?.stringValue }
        let matches = botIds.contains { $0.lowercased() == webId.lowercased() }
        let undecidable =
            context.isPlaceholder(applicationId)
            || (personal.isEmpty ? bots : personal).contains { context.isPlaceholder($0.pointer.appending("botId")) }
        if !matches && !undecidable {
            findings.append(
                Rules.proactiveIdMismatch.finding(
                    "webApplicationInfo.id \"\(webId)\" is not the bot's app id (\(botIds.joined(separator: ", ")))", at: applicationId))
        }
        return findings
    }
}

extension JSONPointer {
    var dropLastToken: JSONPointer { JSONPointer(tokens: Array(tokens.dropLast())) }
}
