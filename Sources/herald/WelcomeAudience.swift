import ArgumentParser
import BotConnector
import Foundation
import GraphAPI
import HeraldCore
import ManifestKit
import Provisioning
import ReferenceStore
import Transport

/// Who a wave is for, and each person's binding data: the rows of `--targets FILE.csv` (every column, by its
/// header), the people a provisioning batch referenced (`--batch`), or every stored reference of the bot (`--all`).
/// Each person's `name` and `givenName` come from the CSV (`name`, `displayName`, `givenName`) or from Graph
/// (`displayName`, twenty to a `$batch`).
struct WelcomeAudience {
    /// The people, in order.
    var people: [AADObjectID] = []
    /// Each person's binding data, as JSON text.
    var data: [AADObjectID: String] = [:]

    enum Source {
        case targets(path: String)
        case batch(String)
        /// People already chosen (a followed batch's newly referenced).
        case people([AADObjectID])
        case all
        /// A team's members, from the Connector's roster at the serviceUrl of the team's stored reference.
        case roster(TeamID, ConnectorClient)
    }

    static func resolve(
        _ source: Source, store: any HeraldStore, graph: GraphClient, tenantId: TenantID, bot: BotID
    ) async throws -> WelcomeAudience {
        var audience = WelcomeAudience()
        var rows: [AADObjectID: [String: String]] = [:]
        switch source {
        case .targets(let path):
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ValidationError("--targets \(path) cannot be read: \(error.localizedDescription)")
            }
            let list = UserList(csv: text)
            guard list.badRows.isEmpty else {
                throw ValidationError(
                    list.badRows.map { "--targets \(path):\($0.line): \($0.reason)" }.joined(separator: "\n")
                        + "\n(fix the rows or remove them: nothing was sent)")
            }
            for id in list.objectIds {
                audience.people.append(id)
                rows[id] = list.columns[id.rawValue] ?? [:]
            }
            let users = try await graph.users(list.principalNames)
            var unknown: [String] = []
            for (name, user) in zip(list.principalNames, users) {
                guard let user else {
                    unknown.append(name)
                    continue
                }
                let id = AADObjectID(user.id)
                audience.people.append(id)
                var row = list.columns[name.lowercased()] ?? [:]
                if row["displayName"] == nil, let displayName = user.displayName { row["displayName"] = displayName }
                rows[id] = row
            }
            guard unknown.isEmpty else {
                throw ValidationError("--targets \(path): Graph knows no user \(unknown.joined(separator: ", ")) (nothing was sent)")
            }
        case .batch(let batch):
            let targets = try await store.targets(batch: batch)
            guard !targets.isEmpty else { throw ValidationError("--batch \(batch) has nobody in the store: check the id herald provision printed") }
            audience.people = targets.filter { $0.state.name == .referenced }.map(\.user)
        case .people(let people):
            audience.people = people
        case .roster(let team, let connector):
            guard let reference = try await store.reference(ReferenceKey(tenantId: tenantId, subject: .team(team), bot: bot)) else {
                throw ValidationError(
                    "--roster \(team.rawValue): the store has never seen this team; add the app to the team while herald listen runs, then try again")
            }
            let members: [TeamsChannelAccount]
            do {
                members = try await connector.teamMembers(team, serviceURL: reference.reference.serviceURL)
            } catch let error as TransportError {
                throw ValidationError("--roster \(team.rawValue): \(error.description)")
            }
            for member in members {
                guard let id = member.aadObjectId ?? member.objectId else { continue }
                let person = AADObjectID(rawValue: id.lowercased())
                guard rows[person] == nil else { continue }
                audience.people.append(person)
                var row: [String: String] = [:]
                if let name = member.name { row["displayName"] = name }
                if let given = member.givenName { row["givenName"] = given }
                rows[person] = row
            }
        case .all:
            audience.people = try await store.references(tenantId: tenantId)
                .filter { $0.active && $0.reference.bot == bot }
                .compactMap { if case .user(let id) = $0.reference.subject { id } else { nil } }
        }
        try await audience.bind(rows: rows, graph: graph)
        return audience
    }

    /// Each person's data: their row, and a name from it or from Graph.
    private mutating func bind(rows: [AADObjectID: [String: String]], graph: GraphClient) async throws {
        let nameless = people.filter { person in
            let row = rows[person] ?? [:]
            return row["name"] == nil && row["displayName"] == nil && row["givenName"] == nil
        }
        var displayNames: [AADObjectID: String] = [:]
        if !nameless.isEmpty {
            for (person, user) in zip(nameless, try await graph.users(nameless.map(\.rawValue))) {
                if let name = user?.displayName { displayNames[person] = name }
            }
        }
        for person in people { data[person] = Self.data(row: rows[person] ?? [:], graphName: displayNames[person]) }
    }

    /// A person's binding data: every column of their row, `name` (the row's `name` or `displayName`, else Graph's),
    /// and `givenName` (the row's, else the name's first word).
    static func data(row: [String: String], graphName: String?) -> String {
        var object = JSONObject()
        for (key, value) in row.sorted(by: { $0.key < $1.key }) { object[key] = .string(value) }
        if let name = row["name"] ?? row["displayName"] ?? graphName {
            object["name"] = .string(name)
            if object["givenName"] == nil, let given = name.split(separator: " ").first { object["givenName"] = .string(String(given)) }
        }
        return JSONValue.object(object).serialized
    }
}
