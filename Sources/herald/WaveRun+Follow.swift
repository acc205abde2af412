import ArgumentParser
import Foundation
import HeraldCore
import ManifestKit
import Messenger
import ReferenceStore

extension WaveRun {
    /// `--follow` with `--batch`: welcomes each person of a provisioning batch as their reference lands, until the
    /// batch has ended and every delivery is final. The wave's senders run all along (as the listener's do); this
    /// loop reads the batch (one query a round, whose snapshot also says whether the batch has ended; a round every
    /// 50 ms, or four times as long as the read took) and adds the people newly referenced.
    ///
    /// Names are looked up ahead: each round, every referenced person still without one, and up to twenty more
    /// (one Graph `$batch`), those installed first (their reference is on its way), then those still pending. So a
    /// person's welcome waits for no Graph call once their reference lands, and the batch's last welcome follows
    /// its last install closely.
    static func followBatch(
        _ batch: String, wave: Wave, named waveName: String, store: any HeraldStore, clients: MicrosoftClients, tenantId: TenantID, bot: BotID,
        clock: any HeraldClock
    ) async throws {
        let followingSince = clock.date
        var known = Set(try await store.deliveries(wave: waveName).map(\.user))
        var named: [AADObjectID: String] = [:]
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await wave.serve(idle: .milliseconds(50)) }
            while true {
                let reading = clock.now
                let targets = try await store.targets(batch: batch)
                let readFor = reading.duration(to: clock.now)
                let unfinished = targets.filter { [.pending, .installed, .alreadyInstalled].contains($0.state.name) }.count
                if !targets.isEmpty {
                    let open = targets.filter { ![.failed, .skipped].contains($0.state.name) && !known.contains($0.user) }
                    let referenced = open.filter { $0.state.name == .referenced }.map(\.user)
                    let ahead =
                        open.filter { [.installed, .alreadyInstalled].contains($0.state.name) && named[$0.user] == nil }
                        + open.filter { $0.state.name == .pending && named[$0.user] == nil }
                    let unnamed = referenced.filter { named[$0] == nil } + ahead.prefix(20).map(\.user)
                    if !unnamed.isEmpty {
                        let audience = try await WelcomeAudience.resolve(
                            .people(unnamed), store: store, graph: clients.graph, tenantId: tenantId, bot: bot)
                        for person in audience.people { named[person] = wave.data(audience.data[person]).serialized }
                    }
                    if !referenced.isEmpty {
                        var data: [AADObjectID: String] = [:]
                        for person in referenced {
                            data[person] = named.removeValue(forKey: person)
                            _ = try render(wave, data[person], person: person.rawValue)
                        }
                        try await store.enqueueDeliveries(wave: waveName, tenantId: tenantId, users: referenced, data: data, at: clock.date)
                        known.formUnion(referenced)
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
                // A large batch is read less often: the loop spends at most a fifth of its time reading it.
                try await clock.sleep(until: clock.now.advanced(by: max(.milliseconds(50), readFor * 4)), tolerance: nil)
            }
            group.cancelAll()
        }
    }
}
