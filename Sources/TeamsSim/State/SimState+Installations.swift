import Foundation
import HeraldCore

/// How installations are made and keyed, and how the Connector names a user: shared by installs
/// through Graph and the tenant's preinstalled users.
extension SimState {
    nonisolated static func installationKey(_ userId: String, _ teamsAppId: String) -> String {
        userId + "|" + teamsAppId
    }

    /// The installation of an app for a user, and the personal chat it opens.
    nonisolated static func installation(
        of teamsAppId: String, for user: TenantFixture.User, fixture: TenantFixture
    ) -> (SimInstallation, SimConversation) {
        let chatId = personalChatId(of: user.id, botAppId: fixture.botAppId)
        let installation = SimInstallation(
            id: Data("\(user.id)##\(teamsAppId)".utf8).base64EncodedString(), teamsAppId: teamsAppId, userId: user.id, chatId: chatId)
        let conversation = SimConversation(id: chatId, userId: user.id, members: [roster(user, tenantId: fixture.tenantId)])
        return (installation, conversation)
    }

    /// Herald's app installed for every preinstalled user before the simulator starts (no activity
    /// is posted for them), keyed as ``installationKey(_:_:)`` and by chat id.
    nonisolated static func preinstalled(_ fixture: TenantFixture) -> ([String: SimInstallation], [String: SimConversation]) {
        var installations: [String: SimInstallation] = [:]
        var conversations: [String: SimConversation] = [:]
        for user in fixture.users where user.preinstalled {
            let (installation, conversation) = installation(of: fixture.app.id, for: user, fixture: fixture)
            installations[installationKey(user.id, fixture.app.id)] = installation
            conversations[installation.chatId] = conversation
        }
        return (installations, conversations)
    }

    /// The user a Connector member id names, as Teams accepts it: the bot-scoped `29:` id, the Entra
    /// object id, or the object id as `8:orgid:<id>`. A user principal name names nobody here.
    func user(memberId: String) -> TenantFixture.User? {
        if let user = user(botScopedId: memberId) { return user }
        let objectId = memberId.lowercased().hasPrefix("8:orgid:") ? String(memberId.dropFirst(8)) : memberId
        guard let user = user(objectId), user.id.lowercased() == objectId.lowercased() else { return nil }
        return user
    }
}
