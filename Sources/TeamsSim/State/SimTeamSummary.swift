/// One team in `GET /_sim/teams`.
struct SimTeamSummary: Codable, Sendable {
    let id: String
    let name: String
    let members: Int
}
