/// A template placeholder found in a manifest string, such as `${{TEAMS_APP_ID}}` or `<<botId>>`.
public struct Placeholder: Sendable, Equatable, Hashable {
    /// The placeholder conventions seen in real repositories.
    public enum Syntax: String, Sendable, Equatable, Hashable, CaseIterable {
        /// `${{VAR}}`: Teams Toolkit v5.
        case teamsToolkit = "${{VAR}}"
        /// `{{VAR}}`: older TeamsFx and yo teams.
        case mustache = "{{VAR}}"
        /// `<<VAR>>`: older Teams samples.
        case doubleAngle = "<<VAR>>"
        /// `<VAR>` or `<var with spaces>`: app templates.
        case angle = "<VAR>"
        /// `%VAR%`: SharePoint Framework.
        case percent = "%VAR%"
        /// `[VAR]`: some samples (not `[[key]]`, which is a localization key).
        case bracket = "[VAR]"

        /// `<VAR>` and `[VAR]` look like ordinary text: an unfilled one is reported, but never hides the
        /// field's other findings.
        public var isAmbiguous: Bool { self == .angle || self == .bracket }
    }

    /// The variable name between the delimiters.
    public let name: String
    /// The convention it is written in.
    public let syntax: Syntax
    /// The whole placeholder as written (`${{ BOT_ID }}`).
    public let text: String
}
