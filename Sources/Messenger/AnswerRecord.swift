import Foundation
import HeraldCore
import Logging
import ReferenceStore

extension DeliveryQueue {
    /// Records the state a POST's answer led to, trying again on a store error (five tries in all, 400 ms apart and
    /// doubling): the answer is the only record of what Teams did, and a delivery left `sending` turns `uncertain`.
    /// - Returns: whether it was recorded (false: this worker's lease was lost).
    func recordAnswer(
        _ state: DeliveryState, wave: String, user: AADObjectID, owner: String, answer: ServiceAnswer?, requestId: String?,
        clock: any HeraldClock, logger: Logger
    ) async throws -> Bool {
        var tries = 0
        while true {
            do {
                return try await record(
                    state, wave: wave, user: user, owner: owner, status: answer?.status, requestId: requestId, errorCode: answer?.errorCode,
                    at: clock.date)
            } catch {
                tries += 1
                guard tries < 5 else { throw error }
                logger.warning("the answer could not be recorded; trying again", metadata: ["user": "\(user)", "error": "\(error)"])
                try await clock.sleep(until: clock.now.advanced(by: .milliseconds(200 << tries)), tolerance: nil)
            }
        }
    }
}
