extension SchemaEvaluation {
    // MARK: - Arrays

    mutating func checkArray(_ node: SchemaNode, _ items: [JSONValue]) -> Bool {
        var valid = true
        if let limit = node.maxItems, items.count > limit {
            if !record(.maxItems, "the array has \(items.count) items; the maximum is \(limit)") { return false }
            valid = false
        }
        if let limit = node.minItems, items.count < limit {
            if !record(.minItems, "the array has \(items.count) item\(items.count == 1 ? "" : "s"); the minimum is \(limit)") { return false }
            valid = false
        }
        if node.uniqueItems, let duplicate = firstDuplicate(items) {
            if !record(.uniqueItems, "items \(duplicate.0) and \(duplicate.1) are equal; items must be unique") { return false }
            valid = false
        }
        switch node.items {
        case .all(let schema):
            for (offset, item) in items.enumerated() {
                path.append(String(offset))
                let held = evaluate(schema, item)
                path.removeLast()
                if !held {
                    if !collecting { return false }
                    valid = false
                }
            }
        case .tuple(let schemas):
            for (offset, item) in items.enumerated() {
                path.append(String(offset))
                defer { path.removeLast() }
                if offset < schemas.count {
                    if !evaluate(schemas[offset], item) {
                        if !collecting { return false }
                        valid = false
                    }
                } else {
                    switch node.additionalItems {
                    case .allowed: break
                    case .forbidden:
                        path.removeLast()
                        let stop = !record(.additionalItems, "item \(offset) is beyond the \(schemas.count) allowed")
                        path.append(String(offset))
                        if stop { return false }
                        valid = false
                    case .schema(let extra):
                        if !evaluate(extra, item) {
                            if !collecting { return false }
                            valid = false
                        }
                    }
                }
            }
        case nil:
            break
        }
        return valid
    }

    private func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
        var seen: [JSONValue: Int] = [:]
        for (offset, item) in items.enumerated() {
            if let first = seen[item] { return (first, offset) }
            seen[item] = offset
        }
        return nil
    }

    // MARK: - Objects

    mutating func checkObject(_ node: SchemaNode, _ object: JSONObject) -> Bool {
        guard node.hasObjectKeywords else { return true }
        var valid = true
        for name in node.required where object[name] == nil {
            if !record(.required, "the required property \"\(name)\" is missing", member: name) { return false }
            valid = false
        }
        if let limit = node.maxProperties, object.count > limit {
            if !record(.maxProperties, "the object has \(object.count) properties; the maximum is \(limit)") { return false }
            valid = false
        }
        if let limit = node.minProperties, object.count < limit {
            if !record(.minProperties, "the object has \(object.count) propert\(object.count == 1 ? "y" : "ies"); the minimum is \(limit)") {
                return false
            }
            valid = false
        }
        for (key, value) in object.members {
            var known = false
            if let schema = node.properties[key] {
                known = true
                path.append(key)
                let held = evaluate(schema, value)
                path.removeLast()
                if !held {
                    if !collecting { return false }
                    valid = false
                }
            }
            for (pattern, schema) in node.patternProperties where pattern.matches(key) {
                known = true
                path.append(key)
                let held = evaluate(schema, value)
                path.removeLast()
                if !held {
                    if !collecting { return false }
                    valid = false
                }
            }
            guard !known else { continue }
            switch node.additionalProperties {
            case .allowed: break
            case .forbidden:
                if !record(.additionalProperties, "the property \"\(key)\" is not allowed here", member: key) { return false }
                valid = false
            case .schema(let schema):
                path.append(key)
                let held = evaluate(schema, value)
                path.removeLast()
                if !held {
                    if !collecting { return false }
                    valid = false
                }
            }
        }
        for (key, dependency) in node.dependencies where object[key] != nil {
            switch dependency {
            case .properties(let names):
                for name in names where object[name] == nil {
                    if !record(.dependencies, "\"\(name)\" is required when \"\(key)\" is present", member: name) { return false }
                    valid = false
                }
            case .schema(let schema):
                if !evaluate(schema, .object(object)) {
                    if !collecting { return false }
                    valid = false
                }
            }
        }
        return valid
    }

    // MARK: - Combinators

    mutating func checkCombinators(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        var valid = true
        for schema in node.allOf where !evaluate(schema, value) {
            if !collecting { return false }
            valid = false
        }
        if !node.anyOf.isEmpty, !node.anyOf.contains(where: { probe($0, value) }) {
            if !record(
                .anyOf, "\(value.excerpt) matches none of the \(node.anyOf.count) allowed forms", details: closestAlternative(node.anyOf, value))
            {
                return false
            }
            valid = false
        }
        if !node.oneOf.isEmpty {
            let matching = node.oneOf.filter { probe($0, value) }
            if matching.count != 1 {
                let message =
                    matching.isEmpty
                    ? "\(value.excerpt) matches none of the \(node.oneOf.count) allowed forms"
                    : "\(value.excerpt) matches \(matching.count) of the forms; exactly one is allowed"
                if !record(.oneOf, message, details: matching.isEmpty ? closestAlternative(node.oneOf, value) : []) { return false }
                valid = false
            }
        }
        if let negated = node.not, probe(negated, value) {
            if !record(.not, "\(value.excerpt) matches a form that is not allowed here") { return false }
            valid = false
        }
        if let condition = node.ifSchema {
            let branch = probe(condition, value) ? node.thenSchema : node.elseSchema
            if let branch, !evaluate(branch, value) {
                if !collecting { return false }
                valid = false
            }
        }
        return valid
    }

    /// Checks a subschema without recording anything.
    private func probe(_ schema: Int, _ value: JSONValue) -> Bool {
        var check = SchemaEvaluation(nodes: nodes, collecting: false)
        return check.evaluate(schema, value)
    }

    /// The messages of the alternative with the fewest violations, to say what is closest to valid.
    private func closestAlternative(_ schemas: [Int], _ value: JSONValue) -> [String] {
        guard collecting else { return [] }
        // A branch that wants another type altogether is the least helpful to show.
        let here = JSONPointer(tokens: path)
        func distance(_ violations: [SchemaViolation]) -> Int {
            violations.count + (violations.contains { $0.keyword == .type && $0.pointer == here } ? 1_000 : 0)
        }
        var best: [SchemaViolation]? = nil
        for schema in schemas {
            var attempt = SchemaEvaluation(nodes: nodes, collecting: true, path: path)
            _ = attempt.evaluate(schema, value)
            if best == nil || distance(attempt.violations) < distance(best!) { best = attempt.violations }
        }
        return (best ?? []).prefix(3).map { violation in
            let place = violation.focus.description
            return place.isEmpty ? violation.message : "\(place): \(violation.message)"
        }
    }

    private mutating func record(_ keyword: SchemaKeyword, _ message: String, member: String? = nil, details: [String] = []) -> Bool {
        guard collecting else { return false }
        violations.append(SchemaViolation(pointer: JSONPointer(tokens: path), member: member, keyword: keyword, message: message, details: details))
        return true
    }
}
