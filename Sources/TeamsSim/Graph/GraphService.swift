import Foundation
import HeraldCore

/// Microsoft Graph v1.0 as Herald uses it: the org catalog, users and groups with paging, and the
/// personal installation of an app (with its limit, its 409/404/403 answers and the chat it opens).
struct GraphService: Sendable {
    let state: SimState
    let deliveries: ActivityDeliveries
    let speed: Double

    func handle(_ call: GraphCall) async -> SimReply {
        let segments = call.segments
        switch (call.method, segments.count) {
        case ("GET", 2) where segments == ["appCatalogs", "teamsApps"]:
            return await catalog(call)
        case ("GET", 1) where segments[0] == "users":
            return await users(call)
        case ("GET", 2) where segments[0] == "users":
            return await user(segments[1], call)
        case ("GET", 3) where segments[0] == "groups" && segments[2] == "transitiveMembers":
            return await transitiveMembers(segments[1], call)
        case (_, 4) where segments[0] == "users" && segments[2] == "teamwork" && segments[3] == "installedApps":
            if case .throttled(let wait) = await state.acquireGraphInstalledApps(method: call.method) { return throttled(wait, call) }
            if call.method == "GET" { return await installedApps(segments[1], call) }
            if call.method == "POST" { return await install(segments[1], call) }
            return .error(405, "BadRequest", "\(call.method) is not supported here", requestId: call.requestId, at: call.date)
        case ("DELETE", 5) where segments[0] == "users" && segments[3] == "installedApps":
            guard await state.uninstall(segments[4], for: segments[1]) else {
                return .error(404, "NotFound", "Installation '\(segments[4])' was not found for this user.", requestId: call.requestId, at: call.date)
            }
            return SimReply(status: 204, headers: [:], body: nil)
        case ("GET", 6) where segments[0] == "users" && segments[3] == "installedApps" && segments[5] == "chat":
            if case .throttled(let wait) = await state.acquireGraphInstalledApps(method: call.method) { return throttled(wait, call) }
            return await chat(user: segments[1], installation: segments[4], call)
        default:
            return .error(400, "BadRequest", "Resource not found for the segment '\(segments.last ?? "")'.", requestId: call.requestId, at: call.date)
        }
    }

    /// `@odata.context` as Graph writes it: the service root's `$metadata#` and what the answer holds.
    private func metadataContext(_ fragment: String) async -> String {
        await state.baseURL + "/graph/v1.0/$metadata#" + fragment
    }

    private func throttled(_ wait: Duration, _ call: GraphCall) -> SimReply {
        .error(
            429, "TooManyRequests", "Too many requests; retry after the time in Retry-After.", requestId: call.requestId, at: call.date,
            headers: ["Retry-After": SimResponse.retryAfter(wait, speed: speed)])
    }

    // MARK: - Catalog

    private func catalog(_ call: GraphCall) async -> SimReply {
        var apps = state.fixture.catalog
        if let text = call.query["$filter"] {
            guard let filter = ODataFilter(text) else {
                return .error(400, "BadRequest", "Invalid filter clause: \(text)", requestId: call.requestId, at: call.date)
            }
            apps = apps.filter { app in
                filter.matches {
                    ["id": app.id, "externalId": app.externalId, "displayName": app.displayName, "distributionMethod": app.distributionMethod][$0]
                }
            }
        }
        return .json(ODataPage(context: await metadataContext("appCatalogs/teamsApps"), value: apps))
    }

    // MARK: - Directory

    private func users(_ call: GraphCall) async -> SimReply {
        let all = state.fixture.users
        return await page(all, call, context: "users", path: "/users") { userJSON($0, select: call.query["$select"]) }
    }

    private func user(_ id: String, _ call: GraphCall) async -> SimReply {
        guard let user = await state.user(id) else {
            return .error(
                404, "Request_ResourceNotFound", "Resource '\(id)' does not exist or one of its queried reference-property objects are not present.",
                requestId: call.requestId, at: call.date)
        }
        return .json(userJSON(user, select: call.query["$select"]))
    }

    private func transitiveMembers(_ groupId: String, _ call: GraphCall) async -> SimReply {
        guard let group = state.fixture.groups.first(where: { $0.id.lowercased() == groupId.lowercased() }) else {
            return .error(404, "Request_ResourceNotFound", "Resource '\(groupId)' does not exist.", requestId: call.requestId, at: call.date)
        }
        var members: [TenantFixture.User] = []
        for id in group.members { if let user = await state.user(id) { members.append(user) } }
        return await page(members, call, context: "directoryObjects", path: "/groups/\(group.id)/transitiveMembers") { user in
            var json = userJSON(user, select: call.query["$select"])
            if case .object(var members) = json {
                members["@odata.type"] = .string("#microsoft.graph.user")
                json = .object(members)
            }
            return json
        }
    }

    /// `$top` (default 100, 1…999) and `$skiptoken` paging with an absolute `@odata.nextLink`.
    private func page(
        _ items: [TenantFixture.User], _ call: GraphCall, context: String, path: String, render: (TenantFixture.User) -> AnyJSON
    ) async -> SimReply {
        let top = call.query["$top"].map { Int($0) ?? 0 } ?? 100
        guard (1...999).contains(top) else {
            return .error(
                400, "BadRequest", "Invalid page size specified: '\(call.query["$top"] ?? "")'. Must be between 1 and 999 inclusive.",
                requestId: call.requestId, at: call.date)
        }
        let skipped = call.query["$skiptoken"].map { Int($0) ?? -1 } ?? 0
        guard skipped >= 0, skipped <= items.count else {
            return .error(400, "BadRequest", "The $skiptoken is not one this service issued.", requestId: call.requestId, at: call.date)
        }
        let offset = skipped
        let slice = items.dropFirst(offset).prefix(top)
        var nextLink: String? = nil
        if items.count - offset > top {
            var query = ["$top=\(top)", "$skiptoken=\(offset + top)"]
            if let select = call.query["$select"] { query.append("$select=\(select)") }
            nextLink = await state.baseURL + "/graph/v1.0" + path + "?" + query.joined(separator: "&")
        }
        return .json(ODataPage(context: await metadataContext(context), value: slice.map(render), nextLink: nextLink))
    }

    private func userJSON(_ user: TenantFixture.User, select: String?) -> AnyJSON {
        let parts = user.displayName.split(separator: " ")
        var all: [String: AnyJSON] = [
            "id": .string(user.id), "displayName": .string(user.displayName), "userPrincipalName": .string(user.userPrincipalName),
            "mail": .string(user.mail), "givenName": .string(parts.first.map(String.init) ?? ""),
            "surname": .string(parts.dropFirst().first.map(String.init) ?? ""), "officeLocation": .string(user.region),
        ]
        if let select {
            let wanted = Set(select.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            // userType is not in Graph's default property set: only a $select brings it.
            all["userType"] = .string(user.userType)
            all = all.filter { wanted.contains($0.key) || $0.key == "id" }
        }
        return .object(all)
    }

    // MARK: - Installations

    private func installedApps(_ userId: String, _ call: GraphCall) async -> SimReply {
        guard let installs = await state.installations(of: userId) else {
            return .error(404, "NotFound", "User '\(userId)' was not found.", requestId: call.requestId, at: call.date)
        }
        if await state.user(userId)?.hasTeamsLicense == false { return .noTeamsLicense(call) }
        var filter: ODataFilter? = nil
        if let text = call.query["$filter"] {
            guard let parsed = ODataFilter(text) else {
                return .error(400, "BadRequest", "Invalid filter clause: \(text)", requestId: call.requestId, at: call.date)
            }
            filter = parsed
        }
        let expand = Set(
            (call.query["$expand"] ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let catalog = state.fixture.catalog
        let items: [GraphTeamsAppInstallation] = installs.compactMap { install in
            guard let app = catalog.first(where: { $0.id == install.teamsAppId }) else { return nil }
            let properties = [
                "id": install.id, "teamsApp/id": app.id, "teamsApp/externalId": app.externalId, "teamsApp/displayName": app.displayName,
            ]
            if let filter, !filter.matches({ properties[$0] }) { return nil }
            return GraphTeamsAppInstallation(
                id: install.id,
                teamsApp: expand.contains("teamsApp")
                    ? GraphTeamsApp(id: app.id, externalId: app.externalId, displayName: app.displayName, distributionMethod: app.distributionMethod)
                    : nil,
                teamsAppDefinition: expand.contains("teamsAppDefinition")
                    ? GraphTeamsAppDefinition(id: install.id + "-def", teamsAppId: app.id, displayName: app.displayName, version: "1.0.0") : nil)
        }
        let expanded = expand.isEmpty ? "" : "(" + expand.sorted().map { $0 + "()" }.joined(separator: ",") + ")"
        return .json(ODataPage(context: await metadataContext("users('\(userId)')/teamwork/installedApps" + expanded), value: items))
    }

    private func install(_ userId: String, _ call: GraphCall) async -> SimReply {
        guard let body = call.body, let request = try? JSONDecoder().decode(InstallRequest.self, from: body), let bind = request.bind,
            let appId = bind.split(separator: "/").last.map(String.init)
        else {
            return .error(
                400, "BadRequest", "The body must bind teamsApp@odata.bind to an app in appCatalogs/teamsApps.", requestId: call.requestId,
                at: call.date)
        }
        switch await state.install(app: appId, for: userId) {
        case .created(let installation):
            await deliveries.installed(installation)
            return SimReply(status: 201, headers: [:], body: nil)
        case .alreadyInstalled:
            return .error(409, "Conflict", "The app is already installed for this user.", requestId: call.requestId, at: call.date)
        case .appNotInCatalog:
            return .error(404, "NotFound", "The app '\(appId)' is not in the organization's app catalog.", requestId: call.requestId, at: call.date)
        case .blockedByPolicy:
            return .error(
                403, "Forbidden", "An app setup policy does not allow installing this app for this user.", requestId: call.requestId, at: call.date)
        case .noTeamsLicense:
            return .noTeamsLicense(call)
        case .userNotFound:
            return .error(404, "NotFound", "User '\(userId)' was not found.", requestId: call.requestId, at: call.date)
        }
    }

    private func chat(user userId: String, installation installationId: String, _ call: GraphCall) async -> SimReply {
        guard let install = await state.installations(of: userId)?.first(where: { $0.id == installationId }) else {
            return .error(404, "NotFound", "Installation '\(installationId)' was not found for this user.", requestId: call.requestId, at: call.date)
        }
        return .json(
            GraphChat(context: await metadataContext("chats/$entity"), id: install.chatId, chatType: "oneOnOne", tenantId: state.fixture.tenantId))
    }
}

/// The body of an install: `{"teamsApp@odata.bind": "…/appCatalogs/teamsApps/{id}"}`.
struct InstallRequest: Decodable {
    let bind: String?

    enum CodingKeys: String, CodingKey { case bind = "teamsApp@odata.bind" }
}
