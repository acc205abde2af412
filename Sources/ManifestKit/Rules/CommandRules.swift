/// Ids and titles that must be unique, and reserved activity types.
enum CommandRules {
    static func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let root = JSONPointer.root
        for extensionEntry in context.elements(root.appending("composeExtensions")) {
            findings += duplicates(
                context, context.elements(extensionEntry.pointer.appending("commands")), member: "id", rule: Rules.duplicateCommandId,
                what: "command id")
        }
        for list in context.elements(root.appending("bots"), "commandLists") {
            findings += duplicates(
                context, context.elements(list.pointer.appending("commands")), member: "title", rule: Rules.duplicateBotCommand, what: "command title"
            )
        }
        findings += duplicates(
            context, context.elements(root.appending("staticTabs")), member: "entityId", rule: Rules.duplicateStaticTabEntityId, what: "entityId")
        let activityTypes = context.elements(root.appending("activities").appending("activityTypes"))
        findings += duplicates(context, activityTypes, member: "type", rule: Rules.duplicateActivityType, what: "activity type")
        for activity in activityTypes {
            let pointer = activity.pointer.appending("type")
            if context.string(pointer) == "systemDefault" {
                findings.append(Rules.reservedActivity.finding("the activity type \"systemDefault\" is reserved", at: pointer))
            }
        }
        return findings
    }

    private static func duplicates(
        _ context: RuleContext, _ entries: [(pointer: JSONPointer, value: JSONValue)], member: String, rule: RuleDescriptor, what: String
    ) -> [Finding] {
        var seen: [String: JSONPointer] = [:]
        var findings: [Finding] = []
        for entry in entries {
            let pointer = entry.pointer.appending(member)
            guard let value = context.string(pointer) else { continue }
            if let first = seen[value.lowercased()] {
                findings.append(rule.finding("\(what) \"\(value)\" is used again (first at \(first))", at: pointer))
            } else {
                seen[value.lowercased()] = pointer
            }
        }
        return findings
    }
}
