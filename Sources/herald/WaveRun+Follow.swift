import ArgumentParser
import Foundation
import HeraldCore
import ManifestKit
import Messenger
import ReferenceStore

extension WaveRun {
    /// `--follow` with `--batch`: welcomes each person of a provisioning batch as their reference lands, until the
    /// batch has ended and every delivery is final. The wave's senders run all along (as the listener's do); this
    /// loop reads the batch (one read a round) and adds the people newly referenced, twenty at a time, or whoever
    /// has waited half a second, or everyone left once the batch has ended: their names are looked up twenty to a
    /// Graph `$batch`.
    static func followBatch(
        _ batch: String, wave: Wave, named waveName: String, store: any HeraldStore, clients: MicrosoftClients, tenantId: TenantID, bot: BotID,
        clock: any HeraldClock
    ) async throws {
        let followingSince = clock.date
        var known = Set(try await store.deliveries(wave: waveName).map(\.user))
        var waitingSince: WallInstant?
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await wave.serve(idle: .milliseconds(50)) }
            while true {
                let (unfinished, _) = try await store.unfinishedTargets(batch: batch)
                let targets = try await store.targets(batch: batch)
                if !targets.isEmpty {
                    let referenced = targets.filter { $0.state.name == .referenced && !known.contains($0.user) }.map(\.user)
                    if !referenced.isEmpty, waitingSince == nil { waitingSince = clock.now }
                    let due =
                        referenced.count >= 20 || unfinished == 0
                        || waitingSince.map { clock.now >= $0.advanced(by: .milliseconds(500)) } ?? false
                    if !referenced.isEmpty, due {
                        let audience = try await WelcomeAudience.resolve(
                            .people(referenced), store: store, graph: clients.graph, tenantId: tenantId, bot: bot)
                        let data = audience.data.mapValues { wave.data($0).serialized }
                        for person in audience.people { _ = try render(wave, data[person], person: person.rawValue) }
                        try await store.enqueueDeliveries(wave: waveName, tenantId: tenantId, users: audience.people, data: data, at: clock.date)
                        known.formUnion(audience.people)
                        waitingSince = nil
                    }
                    if unfinished == 0 {
                        while try await store.unfinishedDeliveries(wave: waveName).count > 0 {
                            try await clock.sleep(until: clock.now.advanced(by: .milliseconds(50)), tolerance: nil)
                        }
                        break
                    }
                } else if clock.date.timeIntervalSince(followingSince) > 300 {
                    throw ValidationError("--batch \(batch): no provisioning batch of that id appeared in the store within 5 minutes")
                }
                try await clock.sleep(until: clock.now.advanced(by: .milliseconds(50)), tolerance: nil)
            }
            group.cancelAll()
        }
    }
}
