import ArgumentParser

/// The options of a wave command (`herald welcome`, `herald notify`): which wave, which people, how to run it.
struct WaveOptions: ParsableArguments {
    @Option(help: "The wave's name: rerun with the same name to continue it.")
    var wave: String?

    @Option(help: "The Adaptive Card template (default: the command's card in manifests/).")
    var card: String?

    @Option(help: "A CSV of people (object ids or user principal names; every column can be bound in the card).")
    var targets: String?

    @Option(help: "The people a provisioning batch referenced.")
    var batch: String?

    @Flag(help: "Every person with a stored conversation reference for this bot.")
    var all = false

    @Option(help: "Every member of a team the bot was added to (its roster, paged); conversations are created where none is stored.")
    var roster: String?

    @Option(help: "Start a new thread in this team's General channel (the card, once), kept under --thread's name (else the wave's).")
    var team: String?

    @Option(help: "With --team: the name to keep the new thread under. Alone: reply into the thread kept under this name.")
    var thread: String?

    @Option(help: "With --team: start the thread in this channel instead of the team's General channel.")
    var channel: String?

    @Flag(help: "Say who would get the card, and who would be skipped; send nothing.")
    var dryRun = false

    @Option(help: "Print the card as USER (object id or user principal name) would get it, and stop.")
    var preview: String?

    @Flag(help: "Send again the deliveries whose outcome is unknown (they may reach the person twice).")
    var resendUncertain = false

    @Flag(help: "Send again the deliveries that failed.")
    var resendFailed = false

    @Flag(help: "With --batch: keep sending to people as their references land, until the batch has ended.")
    var follow = false

    @Flag(help: "Join an existing wave (its card and people are in the store): several workers on PostgreSQL share it.")
    var worker = false

    @Option(help: "Deliveries handled at once (each waits for the tenant's budget before it is marked sending).")
    var concurrency = 32

    @Option(help: "Seconds a worker holds a delivery; one found sending after that is uncertain.")
    var lease: Double = 120

    @Flag(help: "Print JSON lines (each person's outcome, then the summary) instead of a live line and a table.")
    var json = false

    @Option(help: "Write every person not sent to this CSV file (user, state, reason, status, Teams error code).")
    var report: String?

    func validate() throws {
        guard let wave, !wave.isEmpty else { throw ValidationError("name the wave with --wave NAME") }
        let sources = [targets != nil, batch != nil, all, roster != nil, team != nil || thread != nil].filter { $0 }.count
        guard worker || preview != nil ? sources <= 1 : sources == 1 else {
            throw ValidationError(
                "name the people with exactly one of --targets FILE.csv, --batch ID, --all, --roster TEAM_ID, --team TEAM_ID or --thread NAME (or join a wave with --worker)"
            )
        }
        guard !follow || batch != nil else { throw ValidationError("--follow needs --batch ID: it follows a provisioning batch") }
        guard concurrency > 0, lease > 0 else { throw ValidationError("--concurrency and --lease must be positive") }
    }

}
