import Foundation

extension TenantFixture {
    /// One person in the directory.
    ///
    /// In the JSON form every field after `region` may be left out (older fixture files have only
    /// the first three flags; the later ones default to an ordinary licensed member).
    public struct User: Codable, Sendable, Equatable {
        /// The Entra object id.
        public var id: String
        /// The sign-in name (`first.last@contoso.example`; a guest's is `…_fabrikam.example#EXT#@contoso.example`).
        public var userPrincipalName: String
        /// The display name.
        public var displayName: String
        /// The Teams region whose serviceUrl their conversations use (`amer`, `emea`, `apac`).
        public var region: String
        /// An app setup policy blocks installing apps for this user (Graph answers 403).
        public var installBlocked = false
        /// The user blocked the bot (Connector answers 403 ConversationBlockedByUser).
        public var blockedBot = false
        /// The user deleted the chat after install (Connector answers 404 ConversationNotFound).
        public var deletedChat = false
        /// Herald's app is already installed for this user when the simulator starts (an install
        /// answers 409, and no activity is posted for them).
        public var preinstalled = false
        /// Of a preinstalled user: their install activity was delivered before the simulator started,
        /// so a listener that ran then already holds their reference. The simulator treats them as any
        /// preinstalled user; tests read the flag to seed a store.
        public var preinstalledReferenced = false
        /// The user has a Microsoft Teams licence (Graph's `teamsLicensingDetails.hasTeamsLicense`);
        /// without one, Teams calls for them answer 403.
        public var hasTeamsLicense = true
        /// `Member` or `Guest`, as Graph's `userType` (returned only when `$select`ed).
        public var userType = "Member"

        enum CodingKeys: String, CodingKey {
            case id, userPrincipalName, displayName, region, installBlocked, blockedBot, deletedChat
            case preinstalled, preinstalledReferenced, hasTeamsLicense, userType
        }

        /// A user; the quirks default to an ordinary licensed member without the app.
        /// - Parameters:
        ///   - id: the Entra object id.
        ///   - userPrincipalName: the sign-in name.
        ///   - displayName: the display name.
        ///   - region: the serviceUrl region (`amer`, `emea`, `apac`).
        ///   - installBlocked: an app setup policy blocks installs.
        ///   - blockedBot: the user blocked the bot.
        ///   - deletedChat: the user deleted the chat.
        ///   - preinstalled: Herald's app is installed before the simulator starts.
        ///   - preinstalledReferenced: of a preinstalled user, a listener already holds the reference.
        ///   - hasTeamsLicense: the user has a Teams licence.
        ///   - userType: `Member` or `Guest`.
        public init(
            id: String, userPrincipalName: String, displayName: String, region: String, installBlocked: Bool = false, blockedBot: Bool = false,
            deletedChat: Bool = false, preinstalled: Bool = false, preinstalledReferenced: Bool = false, hasTeamsLicense: Bool = true,
            userType: String = "Member"
        ) {
            self.id = id
            self.userPrincipalName = userPrincipalName
            self.displayName = displayName
            self.region = region
            self.installBlocked = installBlocked
            self.blockedBot = blockedBot
            self.deletedChat = deletedChat
            self.preinstalled = preinstalled
            self.preinstalledReferenced = preinstalledReferenced
            self.hasTeamsLicense = hasTeamsLicense
            self.userType = userType
        }

        /// Whether Graph lists this user as a guest.
        public var isGuest: Bool { userType == "Guest" }
    }
}

extension TenantFixture.User {
    /// Decodes a user; everything after `region` is optional.
    /// - Parameter decoder: the decoder.
    /// - Throws: when a required field is missing or a field has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        userPrincipalName = try container.decode(String.self, forKey: .userPrincipalName)
        displayName = try container.decode(String.self, forKey: .displayName)
        region = try container.decode(String.self, forKey: .region)
        installBlocked = try container.decodeIfPresent(Bool.self, forKey: .installBlocked) ?? false
        blockedBot = try container.decodeIfPresent(Bool.self, forKey: .blockedBot) ?? false
        deletedChat = try container.decodeIfPresent(Bool.self, forKey: .deletedChat) ?? false
        preinstalled = try container.decodeIfPresent(Bool.self, forKey: .preinstalled) ?? false
        preinstalledReferenced = try container.decodeIfPresent(Bool.self, forKey: .preinstalledReferenced) ?? false
        hasTeamsLicense = try container.decodeIfPresent(Bool.self, forKey: .hasTeamsLicense) ?? true
        userType = try container.decodeIfPresent(String.self, forKey: .userType) ?? "Member"
    }
}

extension TenantFixture.User {
    /// The mail address Graph lists: a member's sign-in name, a guest's home address
    /// (`name_fabrikam.example#EXT#@…` → `name@fabrikam.example`).
    public var mail: String {
        guard let marker = userPrincipalName.range(of: "#EXT#"), let split = userPrincipalName[..<marker.lowerBound].lastIndex(of: "_") else {
            return userPrincipalName
        }
        let home = userPrincipalName[..<marker.lowerBound]
        return home[..<split] + "@" + home[home.index(after: split)...]
    }
}
