/// The catalog of rules Herald checks beyond the schema, by group.
///
/// Ids reuse the Teams service's codes (the Graph "Publish teamsApp" error table) where one exists;
/// Herald's own rules have descriptive ids of the same style.
public enum Rules {
    // MARK: package and files
    static let fileNotValidJSON = RuleDescriptor(
        id: "Serialization_FileNotValidJson", severity: .error, group: "package", summary: "Every JSON file in the package parses.",
        hint: "fix the JSON syntax at the line and column given")
    static let trailingComma = RuleDescriptor(
        id: "Serialization_TrailingCommaInManifestJsonFile", severity: .error, group: "package", summary: "JSON files have no trailing commas.",
        hint: "remove the comma after the last member or element")
    static let fileMissing = RuleDescriptor(
        id: "Serialization_FileMissing", severity: .error, group: "package", summary: "Every file the manifest references is in the package.",
        hint: "add the file to the package next to manifest.json, or fix the path")
    static let fileOutsidePackage = RuleDescriptor(
        id: "FileOutsideOfThePackage", severity: .error, group: "package", summary: "Referenced paths stay inside the package.",
        hint: "reference files by a relative path inside the package, without '..'")
    static let manifestNotAtRoot = RuleDescriptor(
        id: "ManifestNotAtPackageRoot", severity: .error, group: "package", summary: "A zipped package holds manifest.json at its root.",
        hint: "zip the folder's contents, not the folder itself")
    static let manifestVersionMissing = RuleDescriptor(
        id: "Serialization_ManifestVersionPropertyMissing", severity: .error, group: "package", summary: "The manifest names its manifestVersion.",
        hint: "add \"manifestVersion\", e.g. \"1.30\"")
    static let fileTooLarge = RuleDescriptor(
        id: "JsonFileTooLarge", severity: .error, group: "package",
        summary: "The manifest and localization files are at most 1 MiB (larger ones are not parsed).",
        hint: "a manifest is a few kilobytes: check that this is the right file, not a generated or concatenated one")
    static let manifestNotObject = RuleDescriptor(
        id: "ManifestIsNotAnObject", severity: .error, group: "package", summary: "The manifest is a JSON object.",
        hint: "the manifest must be a JSON object { … }")
    static let unknownVersion = RuleDescriptor(
        id: "UnknownManifestVersion", severity: .error, group: "schema", summary: "A schema for the manifestVersion is shipped or cached.",
        hint: "use a published version, or run `herald schemas fetch VERSION`")
    static let placeholderFilled = RuleDescriptor(
        id: "PlaceholderFilled", severity: .note, group: "placeholders", summary: "Says where each filled placeholder's value came from.",
        hint: "--env-file wins over the environment")
    static let unresolvedPlaceholder = RuleDescriptor(
        id: "UnresolvedPlaceholder", severity: .error, group: "placeholders", summary: "Every template placeholder is filled.",
        hint: "set the variable in --env-file or the environment")

    // MARK: identity and versions
    static let appIdRequired = RuleDescriptor(
        id: "CommonAppIdIsRequiredField", severity: .error, group: "identity", summary: "The app has an id.",
        hint: "add \"id\" with a GUID (a new one for a new app)")
    static let appIdNotGUID = RuleDescriptor(
        id: "CommonAppIdIsNotGuid", severity: .error, group: "identity", summary: "The app id is a GUID.",
        hint: "use a GUID such as 6f1c2b4e-8d3a-4c5e-9f70-1a2b3c4d5e6f")
    static let schemaURLRequired = RuleDescriptor(
        id: "CommonSchemaUrlIsRequiredField", severity: .error, group: "identity", summary: "The manifest names its $schema.",
        hint: "add \"$schema\": \"https://developer.microsoft.com/json-schemas/teams/vX.Y/MicrosoftTeams.schema.json\"")
    static let schemaVersionMismatch = RuleDescriptor(
        id: "ManifestVersionAndSchemaVersionAreNotTheSame", severity: .error, group: "identity",
        summary: "The $schema URL's version equals manifestVersion.", hint: "make the version in the $schema URL and manifestVersion the same")
    static let versionEmpty = RuleDescriptor(
        id: "VersionCannotBeEmpty", severity: .error, group: "identity", summary: "The app version is set.",
        hint: "set \"version\" to a semantic version such as 1.0.0")
    static let versionNotSemver = RuleDescriptor(
        id: "VersionContainsOnlyNumbersDotSeparated", severity: .error, group: "identity", summary: "The app version is MAJOR.MINOR.PATCH digits.",
        hint: "use three dot-separated numbers, such as 1.0.0")
    static let versionMajorZero = RuleDescriptor(
        id: "VersionHasMajorLessThan1", severity: .warning, group: "identity", summary: "The app's major version is at least 1.",
        hint: "publish as 1.0.0 or later")
    static let botIdNotGUID = RuleDescriptor(
        id: "BotIdIsNotGuid", severity: .error, group: "identity", summary: "Each bot id is a GUID (the Entra app id).",
        hint: "use the bot's Microsoft App ID")
    static let composeBotIdNotGUID = RuleDescriptor(
        id: "BotBasedComposeExtensionBotIdNotGuid", severity: .error, group: "identity", summary: "A bot-based message extension's botId is a GUID.",
        hint: "use the bot's Microsoft App ID")
    static let groupChatBotsBefore13 = RuleDescriptor(
        id: "GroupChatForBotsLessThanV13", severity: .error, group: "identity", summary: "The groupChat scope for bots needs manifest 1.3 or later.",
        hint: "raise manifestVersion or drop the groupChat scope")
    static let groupChatTabsBefore13 = RuleDescriptor(
        id: "GroupChatForConfigurableTabsLessThanV13", severity: .error, group: "identity",
        summary: "The groupChat scope for configurable tabs needs manifest 1.3 or later.", hint: "raise manifestVersion or drop the groupChat scope")
    static let packageNameAfter116 = RuleDescriptor(
        id: "PackageNameIsDefinedAfterManifestVersion116", severity: .warning, group: "identity",
        summary: "packageName is not used after manifest 1.16.", hint: "remove \"packageName\"")

    // MARK: names, descriptions, developer
    static let shortNameRequired = RuleDescriptor(
        id: "ShortNameIsRequiredField", severity: .error, group: "names", summary: "name.short is not empty.",
        hint: "give the app a short name of at most 30 characters")
    static let shortNameLength = RuleDescriptor(
        id: "ShortNameLengthCheck", severity: .error, group: "names", summary: "name.short is at most 30 characters.",
        hint: "shorten name.short; put the long form in name.full")
    static let fullNameLength = RuleDescriptor(
        id: "FullNameLengthCheck", severity: .error, group: "names", summary: "name.full is at most 100 characters.", hint: "shorten name.full")
    static let reservedName = RuleDescriptor(
        id: "ShortNameEqualsReservedName", severity: .error, group: "names", summary: "name.short is not a name Teams reserves for its own features.",
        hint: "choose a name that is not a Teams feature or product name")
    static let shortDescriptionEmpty = RuleDescriptor(
        id: "ShortDescriptionCannotBeEmpty", severity: .error, group: "names", summary: "description.short is not empty.",
        hint: "describe the app in at most 80 characters")
    static let shortDescriptionLength = RuleDescriptor(
        id: "ShortDescriptionLengthCheck", severity: .error, group: "names", summary: "description.short is at most 80 characters.",
        hint: "shorten description.short")
    static let fullDescriptionEmpty = RuleDescriptor(
        id: "FullDescriptionCannotBeEmpty", severity: .error, group: "names", summary: "description.full is not empty.",
        hint: "describe the app in at most 4000 characters")
    static let fullDescriptionLength = RuleDescriptor(
        id: "FullDescriptionLengthCheck", severity: .error, group: "names", summary: "description.full is at most 4000 characters.",
        hint: "shorten description.full")
    static let fullContainsShort = RuleDescriptor(
        id: "FullDescriptionContainsShortDescription", severity: .warning, group: "names",
        summary: "description.full does not repeat description.short.", hint: "write a full description that adds to the short one")
    static let developerNameRequired = RuleDescriptor(
        id: "DeveloperNameIsRequiredField", severity: .error, group: "developer", summary: "developer.name is set.",
        hint: "set developer.name to your company or your name")
    static let developerNameLength = RuleDescriptor(
        id: "DeveloperNameLengthCheck", severity: .error, group: "developer", summary: "developer.name is at most 32 characters.",
        hint: "shorten developer.name")
    static let developerURLRequired = RuleDescriptor(
        id: "DeveloperUrlIsRequiredField", severity: .error, group: "developer",
        summary: "developer.websiteUrl, privacyUrl and termsOfUseUrl are set.", hint: "set the URL to a page you publish")
    static let developerURLNotHTTPS = RuleDescriptor(
        id: "DeveloperUrlMustBeHttps", severity: .error, group: "developer", summary: "The developer URLs use https.", hint: "use an https:// URL")
    static let urlNotHTTPS = RuleDescriptor(
        id: "UrlMustBeHttps", severity: .error, group: "urls", summary: "Tab, configuration and other URLs use https.",
        hint: "Teams loads only https:// pages; use https")

    // MARK: icons
    static let colorIconSize = RuleDescriptor(
        id: "InvalidColorIconHeightAndWidth", severity: .error, group: "icons", summary: "The colour icon is a 192×192 PNG.",
        hint: "export the colour icon at 192×192 pixels")
    static let outlineIconSize = RuleDescriptor(
        id: "InvalidOutlineIconHeightAndWidth", severity: .error, group: "icons", summary: "The outline icon is a 32×32 PNG.",
        hint: "export the outline icon at 32×32 pixels")
    static let outlineIconTransparency = RuleDescriptor(
        id: "InvalidOutlineIconTransparency", severity: .error, group: "icons",
        summary: "The outline icon is white on a fully transparent background.",
        hint: "draw the outline in white (any alpha, so anti-aliased edges are fine) on fully transparent pixels; no other colour")
    static let color32IconSize = RuleDescriptor(
        id: "InvalidColor32x32IconHeightAndWidth", severity: .error, group: "icons", summary: "The color32x32 icon is a 32×32 PNG.",
        hint: "export the icon at 32×32 pixels")
    static let iconNotPNG = RuleDescriptor(
        id: "IconIsNotPng", severity: .error, group: "icons", summary: "Icons are PNG files.", hint: "save the icon as PNG")

    // MARK: domains
    static let validDomainIsURL = RuleDescriptor(
        id: "ValidDomainsContainsUrl", severity: .error, group: "domains", summary: "validDomains hold host names, not URLs.",
        hint: "write only the host, e.g. contoso.com, without https:// or a path")
    static let validDomainTopLevelWildcard = RuleDescriptor(
        id: "ValidDomainWildcardOnTopLevelDomain", severity: .error, group: "domains", summary: "No wildcard over a whole top-level domain (*.com).",
        hint: "list the domains you own, e.g. *.contoso.com")
    static let validDomainSharedWildcard = RuleDescriptor(
        id: "ValidDomainWildcardOnSharedHost", severity: .warning, group: "domains",
        summary: "No wildcard over a shared hosting domain (*.azurewebsites.net).", hint: "list your own host, e.g. myapp.azurewebsites.net")
    static let validDomainTunnel = RuleDescriptor(
        id: "ValidDomainIsTunnel", severity: .warning, group: "domains", summary: "No tunnelling services in validDomains (the Store rejects them).",
        hint: "fine while developing; use your production domain before publishing")

    // MARK: commands and uniqueness
    static let duplicateCommandId = RuleDescriptor(
        id: "DuplicateCommandId", severity: .error, group: "commands", summary: "Command ids of a message extension are unique.",
        hint: "give each command its own id")
    static let duplicateBotCommand = RuleDescriptor(
        id: "DuplicateBotCommandTitle", severity: .warning, group: "commands", summary: "Bot command titles are unique within a command list.",
        hint: "give each command its own title")
    static let duplicateStaticTabEntityId = RuleDescriptor(
        id: "DuplicateStaticTabEntityId", severity: .error, group: "commands", summary: "Static tab entityIds are unique.",
        hint: "give each static tab its own entityId")
    static let duplicateActivityType = RuleDescriptor(
        id: "UniqueActivityTypeInActivitiesValidation", severity: .error, group: "commands", summary: "Activity types are unique.",
        hint: "give each activity type its own name")
    static let reservedActivity = RuleDescriptor(
        id: "ReservedActivitiesValidation", severity: .error, group: "commands", summary: "The activity type systemDefault is reserved.",
        hint: "rename the activity type")

    // MARK: localization
    static let localizationSchemaMissing = RuleDescriptor(
        id: "LocalizationSchemaIsMissing", severity: .error, group: "localization", summary: "Each localization file names its $schema.",
        hint: "add the localization schema URL of the manifest's version")
    static let localizationSchemaURL = RuleDescriptor(
        id: "LocalizationSchemaDoesNotFollowConventionalSchemaRegex", severity: .error, group: "localization",
        summary: "A localization $schema is a developer.microsoft.com URL.",
        hint: "use https://developer.microsoft.com/json-schemas/teams/vX.Y/MicrosoftTeams.Localization.schema.json")
    static let localizationVersion = RuleDescriptor(
        id: "LocalizationSchemaVersionIsNotTheSameAsTheManifestSchemaVersion", severity: .error, group: "localization",
        summary: "A localization file's schema version equals the manifest's.", hint: "use the localization schema of the manifest's version")

    // MARK: proactive install readiness (what `herald provision` needs)
    static let proactiveNoBot = RuleDescriptor(
        id: "ProactiveInstallNeedsBot", severity: .warning, group: "proactive-install",
        summary: "The app has a bot, so installing it gives Herald a conversation.", hint: "add a bot to \"bots\"")
    static let proactiveNotPersonal = RuleDescriptor(
        id: "ProactiveInstallNeedsPersonalScope", severity: .warning, group: "proactive-install", summary: "The bot has the personal scope.",
        hint: "add \"personal\" to the bot's scopes")
    static let proactiveNoWebApplicationInfo = RuleDescriptor(
        id: "ProactiveInstallNeedsWebApplicationInfo", severity: .warning, group: "proactive-install", summary: "webApplicationInfo.id is set.",
        hint: "add \"webApplicationInfo\": {\"id\": \"<the bot's app id>\", \"resource\": …}")
    static let proactiveIdMismatch = RuleDescriptor(
        id: "ProactiveInstallWebApplicationInfoIdMismatch", severity: .warning, group: "proactive-install",
        summary: "webApplicationInfo.id is the bot's app id.", hint: "set webApplicationInfo.id to the bot's botId")
    static let customEngineAgentBot = RuleDescriptor(
        id: "CustomEngineAgentIdNotPersonalBot", severity: .error, group: "identity",
        summary: "Each custom engine agent id is the id of a bot with the personal scope.", hint: "use the botId of a personal-scope bot")

    /// The rules that restate a schema constraint in Teams' words, with the schema keywords they restate (a GUID
    /// rule restates a pattern, a length rule maxLength): where one fires, the schema's own finding of those
    /// keywords at the same pointer says the same thing and is dropped. Nothing else is.
    static let restatingSchema: [String: Set<SchemaKeyword>] = [
        appIdNotGUID.id: [.pattern], botIdNotGUID.id: [.pattern], composeBotIdNotGUID.id: [.pattern],
        versionEmpty.id: [.minLength, .pattern], versionNotSemver.id: [.pattern],
        shortNameRequired.id: [.minLength, .pattern], shortNameLength.id: [.maxLength], fullNameLength.id: [.maxLength],
        shortDescriptionEmpty.id: [.minLength, .pattern], shortDescriptionLength.id: [.maxLength],
        fullDescriptionEmpty.id: [.minLength, .pattern], fullDescriptionLength.id: [.maxLength], developerNameLength.id: [.maxLength],
        developerURLNotHTTPS.id: [.pattern, .format], urlNotHTTPS.id: [.pattern, .format],
    ]

    /// Every rule, for `herald validate --list-rules` and the SARIF rule table.
    public static let all: [RuleDescriptor] = [
        fileNotValidJSON, trailingComma, fileMissing, fileOutsidePackage, manifestNotAtRoot, manifestVersionMissing, manifestNotObject,
        fileTooLarge,
        unknownVersion, placeholderFilled, unresolvedPlaceholder,
        appIdRequired, appIdNotGUID, schemaURLRequired, schemaVersionMismatch, versionEmpty, versionNotSemver, versionMajorZero,
        botIdNotGUID, composeBotIdNotGUID, groupChatBotsBefore13, groupChatTabsBefore13, packageNameAfter116, customEngineAgentBot,
        shortNameRequired, shortNameLength, fullNameLength, reservedName, shortDescriptionEmpty, shortDescriptionLength,
        fullDescriptionEmpty, fullDescriptionLength, fullContainsShort,
        developerNameRequired, developerNameLength, developerURLRequired, developerURLNotHTTPS, urlNotHTTPS,
        colorIconSize, outlineIconSize, outlineIconTransparency, color32IconSize, iconNotPNG,
        validDomainIsURL, validDomainTopLevelWildcard, validDomainSharedWildcard, validDomainTunnel,
        duplicateCommandId, duplicateBotCommand, duplicateStaticTabEntityId, duplicateActivityType, reservedActivity,
        localizationSchemaMissing, localizationSchemaURL, localizationVersion,
        proactiveNoBot, proactiveNotPersonal, proactiveNoWebApplicationInfo, proactiveIdMismatch,
    ]
}
