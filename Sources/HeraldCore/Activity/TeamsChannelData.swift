/// The Teams-specific part of an activity.
public struct TeamsChannelData: Codable, Sendable, Equatable {
    /// A tenant, team or channel reference.
    public struct Reference: Codable, Sendable, Equatable {
        public var id: String
        public var name: String?
        public var aadGroupId: String?

        /// A reference.
        public init(id: String, name: String? = nil, aadGroupId: String? = nil) {
            self.id = id
            self.name = name
            self.aadGroupId = aadGroupId
        }
    }

    /// Where an install came from (`source.name`).
    public struct Source: Codable, Sendable, Equatable {
        public var name: String
        /// A source.
        public init(name: String) { self.name = name }
    }

    /// Settings of an install into a team: the channel the installer chose.
    public struct Settings: Codable, Sendable, Equatable {
        /// The channel chosen at install (`settings.selectedChannel.id`).
        public var selectedChannel: Reference?
        /// Settings.
        public init(selectedChannel: Reference? = nil) { self.selectedChannel = selectedChannel }
    }

    public var tenant: Reference?
    public var team: Reference?
    public var channel: Reference?
    public var eventType: String?
    public var source: Source?
    /// Install settings (on a team install).
    public var settings: Settings?

    /// Channel data.
    public init(
        tenant: Reference? = nil, team: Reference? = nil, channel: Reference? = nil, eventType: String? = nil, source: Source? = nil,
        settings: Settings? = nil
    ) {
        self.settings = settings
        self.tenant = tenant
        self.team = team
        self.channel = channel
        self.eventType = eventType
        self.source = source
    }
}
