/// Names, descriptions, the developer block and https everywhere.
enum NameRules {
    private static let reservedNames: Set<String> = [
        "teams", "microsoft teams", "chat", "contacts", "calendar", "calls", "files", "activity", "apps", "help", "store",
    ]

    static func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let name = JSONPointer.root.appending("name"), description = JSONPointer.root.appending("description")
        if let short = context.string(name.appending("short")) {
            let trimmed = short.trimmingSpaces
            if trimmed.isEmpty {
                findings.append(Rules.shortNameRequired.finding("name.short is empty", at: name.appending("short")))
            } else if short.unicodeScalars.count > 30 {
                findings.append(
                    Rules.shortNameLength.finding(
                        "name.short \"\(short)\" is \(short.unicodeScalars.count) characters; the limit is 30", at: name.appending("short")))
            }
            if reservedNames.contains(trimmed.lowercased()) {
                findings.append(Rules.reservedName.finding("name.short \"\(short)\" is reserved by Teams", at: name.appending("short")))
            }
        }
        if let full = context.string(name.appending("full")), full.unicodeScalars.count > 100 {
            findings.append(
                Rules.fullNameLength.finding("name.full is \(full.unicodeScalars.count) characters; the limit is 100", at: name.appending("full")))
        }
        let short = context.string(description.appending("short"))
        let full = context.string(description.appending("full"))
        if let short {
            if short.trimmingSpaces.isEmpty {
                findings.append(Rules.shortDescriptionEmpty.finding("description.short is empty", at: description.appending("short")))
            } else if short.unicodeScalars.count > 80 {
                findings.append(
                    Rules.shortDescriptionLength.finding(
                        "description.short is \(short.unicodeScalars.count) characters; the limit is 80", at: description.appending("short")))
            }
        }
        if let full {
            if full.trimmingSpaces.isEmpty {
                findings.append(Rules.fullDescriptionEmpty.finding("description.full is empty", at: description.appending("full")))
            } else if full.unicodeScalars.count > 4000 {
                findings.append(
                    Rules.fullDescriptionLength.finding(
                        "description.full is \(full.unicodeScalars.count) characters; the limit is 4000", at: description.appending("full")))
            }
            if let short, !short.trimmingSpaces.isEmpty, full.contains(short.trimmingSpaces) {
                findings.append(Rules.fullContainsShort.finding("description.full repeats description.short", at: description.appending("full")))
            }
        }
        let developer = JSONPointer.root.appending("developer")
        if let developerName = context.string(developer.appending("name")) {
            if developerName.trimmingSpaces.isEmpty {
                findings.append(Rules.developerNameRequired.finding("developer.name is empty", at: developer.appending("name")))
            } else if developerName.unicodeScalars.count > 32 {
                findings.append(
                    Rules.developerNameLength.finding(
                        "developer.name is \(developerName.unicodeScalars.count) characters; the limit is 32", at: developer.appending("name")))
            }
        }
        for member in ["websiteUrl", "privacyUrl", "termsOfUseUrl"] {
            let pointer = developer.appending(member)
            if let url = context.string(pointer), url.trimmingSpaces.isEmpty {
                findings.append(Rules.developerURLRequired.finding("developer.\(member) is empty", at: pointer))
            }
        }
        findings += insecureURLs(context)
        return findings
    }

    /// Every `…Url` string that starts with `http://`.
    private static func insecureURLs(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        func walk(_ value: JSONValue, _ pointer: JSONPointer) {
            switch value {
            case .object(let object):
                for (key, member) in object.members {
                    let child = pointer.appending(key)
                    if case .string(let text) = member, key.lowercased().hasSuffix("url"), !context.isPlaceholder(child),
                        text.lowercased().hasPrefix("http://")
                    {
                        let isDeveloper = pointer == JSONPointer.root.appending("developer")
                        let rule = isDeveloper ? Rules.developerURLNotHTTPS : Rules.urlNotHTTPS
                        findings.append(rule.finding("\(key) \"\(text)\" is not https", at: child))
                    } else {
                        walk(member, child)
                    }
                }
            case .array(let items):
                for (offset, item) in items.enumerated() { walk(item, pointer.appending(offset)) }
            default:
                break
            }
        }
        walk(context.manifest, .root)
        return findings
    }
}

extension String {
    var trimmingSpaces: String {
        String(
            String.UnicodeScalarView(
                unicodeScalars.drop(while: \.properties.isWhitespace).reversed().drop(while: \.properties.isWhitespace).reversed()))
    }
}
