import Foundation
import HeraldCore

/// The Bot Connector v3 under a regional serviceUrl: create conversation, send, reply, members,
/// paged members, with Teams' limits and error shapes.
struct ConnectorService: Sendable {
    let state: SimState
    let speed: Double
    /// Teams refuses messages larger than this (the body as posted).
    static let maximumMessageBytes = 100 * 1024

    /// Handles `segments` after `/teams/{region}/v3/`.
    func handle(method: String, segments: [String], query: [String: String], body: Data?) async -> SimReply {
        switch (method, segments.count) {
        case ("POST", 1) where segments[0] == "conversations":
            return await createConversation(body)
        case ("POST", 3) where segments[0] == "conversations" && segments[2] == "activities",
            ("POST", 4) where segments[0] == "conversations" && segments[2] == "activities":
            return await send(to: segments[1], body: body, replyTo: segments.count == 4 ? segments[3] : nil)
        case ("GET", 3) where segments[0] == "conversations" && segments[2] == "members":
            return await members(segments[1])
        case ("GET", 4) where segments[0] == "conversations" && segments[2] == "members":
            return await member(segments[1], segments[3])
        case ("GET", 3) where segments[0] == "conversations" && segments[2] == "pagedmembers":
            return await pagedMembers(segments[1], query: query)
        case ("GET", 2) where segments[0] == "teams":
            guard let group = await state.team(segments[1]) else { return .connectorError(404, "NotFound", "Team '\(segments[1])' was not found.") }
            return .json(TeamDetails(id: segments[1], name: group.displayName, aadGroupId: group.id))
        case ("GET", 3) where segments[0] == "teams" && segments[2] == "conversations":
            guard await state.team(segments[1]) != nil else { return .connectorError(404, "NotFound", "Team '\(segments[1])' was not found.") }
            return .json(ConversationList(conversations: [.init(id: segments[1], name: "General")]))
        default:
            return .connectorError(404, "NotFound", "No such Connector operation: \(method) v3/\(segments.joined(separator: "/"))")
        }
    }

    private func createConversation(_ body: Data?) async -> SimReply {
        guard let body, let parameters = try? JSONDecoder().decode(ConversationParameters.self, from: body) else {
            return .connectorError(400, "BadArgument", "The body is not ConversationParameters")
        }
        let tenant = parameters.tenantId ?? parameters.channelData?.tenant?.id
        if parameters.isGroup == true, let channel = parameters.channelData?.channel?.id {
            // A new thread in a channel: its id is the channel's with `;messageid=`, and its first message is posted.
            guard let activity = parameters.activity, !activity.type.isEmpty else {
                return .connectorError(400, "BadArgument", "A channel thread needs its first activity")
            }
            if case .throttled(let wait) = await state.acquireBotSend(conversationId: channel) { return throttled(wait) }
            switch await state.createThread(in: channel, tenantId: tenant, first: activity) {
            case .success(let (thread, activityId)): return .json(["id": thread, "activityId": activityId], status: 201)
            case .failure(let failure): return reply(for: failure)
            }
        }
        switch await state.createConversation(memberIds: (parameters.members ?? []).map(\.id), tenantId: tenant) {
        case .success(let conversation):
            if case .throttled(let wait) = await state.acquireBotSend(conversationId: conversation.id) { return throttled(wait) }
            return .json(["id": conversation.id], status: 201)
        case .failure(let failure):
            return reply(for: failure)
        }
    }

    private func send(to conversationId: String, body: Data?, replyTo: String?) async -> SimReply {
        guard let body else { return .connectorError(400, "BadArgument", "The body must be an Activity") }
        if body.count > Self.maximumMessageBytes {
            return .connectorError(413, "MessageSizeTooBig", "Message size too large: \(body.count) bytes, the limit is \(Self.maximumMessageBytes)")
        }
        guard var activity = try? JSONDecoder().decode(Activity.self, from: body), !activity.type.isEmpty else {
            return .connectorError(400, "BadArgument", "The body is not an Activity with a type")
        }
        guard await state.conversation(conversationId) != nil else {
            return .connectorError(404, "ConversationNotFound", "Conversation not found.")
        }
        if case .throttled(let wait) = await state.acquireBotSend(conversationId: conversationId) { return throttled(wait) }
        if let replyTo { activity.replyToId = replyTo }
        switch await state.send(activity, to: conversationId) {
        case .success(let id): return .json(["id": id], status: 201)
        case .failure(let failure): return reply(for: failure)
        }
    }

    private func members(_ conversationId: String) async -> SimReply {
        guard let conversation = await state.conversation(conversationId) else {
            return .connectorError(404, "ConversationNotFound", "Conversation not found.")
        }
        return .json(conversation.members)
    }

    private func member(_ conversationId: String, _ memberId: String) async -> SimReply {
        guard let conversation = await state.conversation(conversationId) else {
            return .connectorError(404, "ConversationNotFound", "Conversation not found.")
        }
        guard let member = conversation.members.first(where: { $0.id == memberId || $0.aadObjectId == memberId }) else {
            return .connectorError(404, "MemberNotFoundInConversation", "The member is not in this conversation.")
        }
        return .json(member)
    }

    private func pagedMembers(_ conversationId: String, query: [String: String]) async -> SimReply {
        guard let conversation = await state.conversation(conversationId) else {
            return .connectorError(404, "ConversationNotFound", "Conversation not found.")
        }
        let size = min(max(query["pageSize"].flatMap(Int.init) ?? 200, 50), 500)
        let token = query["continuationToken"].map { Int($0) ?? -1 } ?? 0
        guard token >= 0, token <= conversation.members.count else {
            return .connectorError(400, "BadArgument", "The continuation token is not one this service issued.")
        }
        let start = token
        let page = Array(conversation.members.dropFirst(start).prefix(size))
        let next = conversation.members.count - start > size ? String(start + size) : nil
        return .json(PagedMembers(continuationToken: next, members: page))
    }

    private func throttled(_ wait: Duration) -> SimReply {
        .connectorError(429, "Throttled", "Too many requests.", headers: ["Retry-After": SimResponse.retryAfter(wait, speed: speed)])
    }

    private func reply(for failure: SimState.ConnectorFailure) -> SimReply {
        switch failure {
        case .badArgument(let message): return .connectorError(400, "BadArgument", message)
        case .notInstalled: return .connectorError(403, "ForbiddenOperationException", "Bot is not installed in user's personal scope")
        case .conversationNotFound: return .connectorError(404, "ConversationNotFound", "Conversation not found.")
        case .blockedByUser: return .connectorError(403, "ConversationBlockedByUser", "User blocked the conversation with the bot.")
        case .uninstalled:
            return SimReply(status: 403, headers: ["Content-Type": "application/json"], body: try? SimResponse.encoder.encode(MessageWritesBlocked()))
        }
    }
}

/// `ConversationParameters` as bots post it.
struct ConversationParameters: Decodable {
    let isGroup: Bool?
    let bot: ChannelAccount?
    let members: [ChannelAccount]?
    let tenantId: String?
    let channelData: TeamsChannelData?
    /// The first message of a new channel thread.
    let activity: Activity?
}

/// `PagedMembersResult`.
struct PagedMembers: Encodable {
    let continuationToken: String?
    let members: [TeamsChannelAccount]
}

/// `TeamDetails` for `GET v3/teams/{teamId}`.
struct TeamDetails: Encodable {
    let id: String
    let name: String
    let aadGroupId: String
}

/// The channels of a team for `GET v3/teams/{teamId}/conversations`.
struct ConversationList: Encodable {
    struct Channel: Encodable {
        let id: String
        let name: String
    }

    let conversations: [Channel]
}
