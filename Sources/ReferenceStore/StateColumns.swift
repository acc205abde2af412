import HeraldCore

/// How a typed state is spread over a queue row's columns, and read back: the state's name in `state`,
/// each reason in a column of its own (never the activity id in a reason's column).
struct StateColumns: Equatable {
    var state: String
    var activityId: String? = nil
    var installationId: String? = nil
    var chatId: String? = nil
    var failureReason: String? = nil
    var skipReason: String? = nil
    var uncertainReason: String? = nil
    var status: Int? = nil
}

/// What recording a state takes: the states it may come from, its columns, whether it releases the lease
/// and whether it counts an attempt.
struct StateChange {
    var from: Set<String>
    var columns: StateColumns
    var releasesLease: Bool
    var countsAttempt: Bool
}

extension DeliveryState {
    var change: StateChange {
        var from = Set(Self.predecessors(of: name).map(\.rawValue))
        // Only the answer that the person blocked the bot skips a delivery that is being sent.
        if case .skipped(let reason) = self, reason != .blocked { from.remove(Name.sending.rawValue) }
        return StateChange(from: from, columns: columns, releasesLease: isFinal, countsAttempt: self == .sending)
    }

    var columns: StateColumns {
        switch self {
        case .pending, .sending: StateColumns(state: name.rawValue)
        case .sent(let activityId): StateColumns(state: name.rawValue, activityId: activityId)
        case .failed(let reason, let status): StateColumns(state: name.rawValue, failureReason: reason.rawValue, status: status)
        case .uncertain(let reason): StateColumns(state: name.rawValue, uncertainReason: reason.rawValue)
        case .skipped(let reason): StateColumns(state: name.rawValue, skipReason: reason.rawValue)
        }
    }

    init(_ columns: StateColumns) throws {
        let invalid = StoreError.corrupt(
            "delivery state \(columns.state) with reasons \(columns.failureReason ?? "-")/\(columns.skipReason ?? "-")/\(columns.uncertainReason ?? "-")"
        )
        switch Name(rawValue: columns.state) {
        case .pending: self = .pending
        case .sending: self = .sending
        case .sent: self = .sent(activityId: columns.activityId)
        case .failed:
            guard let reason = columns.failureReason.flatMap(DeliveryFailure.init(rawValue:)) else { throw invalid }
            self = .failed(reason, status: columns.status)
        case .uncertain:
            guard let reason = columns.uncertainReason.flatMap(DeliveryUncertainty.init(rawValue:)) else { throw invalid }
            self = .uncertain(reason)
        case .skipped:
            guard let reason = columns.skipReason.flatMap(DeliverySkipReason.init(rawValue:)) else { throw invalid }
            self = .skipped(reason)
        case nil: throw invalid
        }
    }
}

extension ProvisionState {
    var change: StateChange {
        StateChange(from: Set(Self.predecessors(of: name).map(\.rawValue)), columns: columns, releasesLease: isTerminal, countsAttempt: false)
    }

    var columns: StateColumns {
        switch self {
        case .pending: StateColumns(state: name.rawValue)
        case .installed(let id), .alreadyInstalled(let id): StateColumns(state: name.rawValue, installationId: id)
        case .referenced(let chatId): StateColumns(state: name.rawValue, chatId: chatId?.rawValue)
        case .failed(let reason, let status): StateColumns(state: name.rawValue, failureReason: reason.rawValue, status: status)
        case .skipped(let reason): StateColumns(state: name.rawValue, skipReason: reason.rawValue)
        }
    }

    init(_ columns: StateColumns) throws {
        let invalid = StoreError.corrupt("target state \(columns.state) with reasons \(columns.failureReason ?? "-")/\(columns.skipReason ?? "-")")
        switch Name(rawValue: columns.state) {
        case .pending: self = .pending
        case .installed: self = .installed(installationId: columns.installationId)
        case .alreadyInstalled: self = .alreadyInstalled(installationId: columns.installationId)
        case .referenced: self = .referenced(chatId: columns.chatId.map(ConversationID.init(rawValue:)))
        case .failed:
            guard let reason = columns.failureReason.flatMap(ProvisionFailure.init(rawValue:)) else { throw invalid }
            self = .failed(reason, status: columns.status)
        case .skipped:
            guard let reason = columns.skipReason.flatMap(ProvisionSkipReason.init(rawValue:)) else { throw invalid }
            self = .skipped(reason)
        case nil: throw invalid
        }
    }
}
