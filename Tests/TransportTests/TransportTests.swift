import Foundation
import HeraldCore
import HeraldTesting
import Testing
import Transport

@Suite("Transport")
struct TransportTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let noJitter = Backoff(base: .milliseconds(200), cap: .seconds(20), random: { 0.5 })

    private func transport(_ executor: ScriptedExecutor, _ clock: ManualClock, _ policy: RetryPolicy = RetryPolicy(backoff: noJitter)) -> Transport {
        Transport(executor: executor, clock: clock, configuration: .init(timeout: .seconds(5), retry: policy))
    }

    private static let install = OutboundRequest(
        method: "POST", url: "http://127.0.0.1:1/users/u/teamwork/installedApps", idempotent: true, operation: "graph.installApp")
    private static let send = OutboundRequest(
        method: "POST", url: "http://127.0.0.1:1/v3/conversations/c/activities", idempotent: false, operation: "connector.send")

    @Test("a 429 with Retry-After waits that long on the clock, then the retry succeeds")
    func retryAfter() async throws {
        let clock = ManualClock(Self.start)
        let executor = ScriptedExecutor([.answer(429, headers: ["Retry-After": "2"]), .answer(201)], clock: clock)
        let response = try await drive(clock) { [self] in try await transport(executor, clock).send(Self.install) }
        #expect(response.status == 201)
        let times = executor.sendTimes
        #expect(times.count == 2)
        #expect(times[1].timeIntervalSince(times[0]) >= 2 && times[1].timeIntervalSince(times[0]) < 2.1, "\(times)")
    }

    @Test("an idempotent request is retried after 5xx with a jittered back-off, and the last answer comes back when the tries run out")
    func serverErrors() async throws {
        let clock = ManualClock(Self.start)
        let executor = ScriptedExecutor(Array(repeating: .answer(503), count: 10), clock: clock)
        let policy = RetryPolicy(maximumAttempts: 3, backoff: Self.noJitter)
        let response = try await drive(clock) { [self] in try await transport(executor, clock, policy).send(Self.install) }
        #expect(response.status == 503)
        #expect(executor.sendCount == 3)
        let times = executor.sendTimes
        #expect(abs(times[1].timeIntervalSince(times[0]) - 0.1) < 0.02, "half of the first ceiling (200 ms)")
        #expect(abs(times[2].timeIntervalSince(times[1]) - 0.2) < 0.02, "half of the second ceiling (400 ms)")
    }

    @Test("a request that is not idempotent is not retried after an answer that may have taken effect, or after a lost answer")
    func notIdempotent() async throws {
        for status in [500, 503, 504, 429] {
            let clock = ManualClock(Self.start)
            let executor = ScriptedExecutor([.answer(status), .answer(201)], clock: clock)
            let response = try await drive(clock) { [self] in try await transport(executor, clock).send(Self.send) }
            #expect(response.status == status)
            #expect(executor.sendCount == 1, "HTTP \(status) is not retried")
        }
        let clock = ManualClock(Self.start)
        let lost = ScriptedExecutor([.fail(.noAnswer("reset after write")), .answer(201)], clock: clock)
        await #expect(throws: TransportError.self) {
            let _: OutboundResponse = try await drive(clock) { [self] in try await transport(lost, clock).send(Self.send) }
        }
        #expect(lost.sendCount == 1)
    }

    @Test("a request that was never sent is retried, whatever it is; the Connector's not-accepted answers are retried too")
    func provablyNotTaken() async throws {
        let clock = ManualClock(Self.start)
        let refused = ScriptedExecutor([.fail(.notSent("connection refused")), .answer(201)], clock: clock)
        let resent: OutboundResponse = try await drive(clock) { [self] in try await transport(refused, clock).send(Self.send) }
        #expect(resent.status == 201)
        #expect(refused.sendCount == 2)
        for status in [412, 429, 502, 503] {
            let clock = ManualClock(Self.start)
            let executor = ScriptedExecutor([.answer(status), .answer(201)], clock: clock)
            let response: OutboundResponse = try await drive(clock) { [self] in
                try await transport(executor, clock, RetryPolicy.connector(backoff: Self.noJitter)).send(Self.send)
            }
            #expect(response.status == 201, "Connector \(status) is retried")
        }
        let gateway = ScriptedExecutor([.answer(504), .answer(201)], clock: clock)
        let timedOut: OutboundResponse = try await drive(clock) { [self] in
            try await transport(gateway, clock, RetryPolicy.connector(backoff: Self.noJitter)).send(Self.send)
        }
        #expect(timedOut.status == 504, "a gateway timeout may have been delivered: never resent")
    }

    @Test("a never-sent request that stays unreachable ends as a typed error naming the operation")
    func unreachable() async throws {
        let clock = ManualClock(Self.start)
        let executor = ScriptedExecutor(Array(repeating: .fail(.notSent("connection refused")), count: 10), clock: clock)
        do {
            let _: OutboundResponse = try await drive(clock) { [self] in
                try await transport(executor, clock, RetryPolicy(maximumAttempts: 2, backoff: Self.noJitter)).send(Self.install)
            }
            Issue.record("no error")
        } catch let error as TransportError {
            #expect(error.reason == .unreachable)
            #expect(error.message.contains("graph.installApp"))
        }
    }

    @Test("an error answer is read for Graph's code, message and request id, and Retry-After")
    func errorBodies() {
        let body =
            #"{"error":{"code":"TooManyRequests","message":"Too many requests","innerError":{"date":"2024-05-01T10:00:00","request-id":"5f1e","client-request-id":"5f1e"}}}"#
        let error = TransportError(
            OutboundResponse(status: 429, headers: ["Retry-After": "10"], body: Data(body.utf8)), operation: "graph.installApp", now: Self.start)
        #expect(error.httpStatus == 429)
        #expect(error.serviceErrorCode == "TooManyRequests")
        #expect(error.requestId == "5f1e")
        #expect(error.retryAfter == .seconds(10))
        #expect(error.description.contains("request-id 5f1e"))
        let connector = TransportError(
            OutboundResponse(
                status: 404, headers: ["X-Correlating-OperationId": "op-1"],
                body: Data(#"{"error":{"code":"ConversationNotFound","message":"gone"}}"#.utf8)),
            operation: "connector.send", now: Self.start)
        #expect(connector.serviceErrorCode == "ConversationNotFound")
        #expect(connector.requestId == "op-1")
    }
}

@Suite("Retry-After and back-off")
struct RetryAfterTests {
    @Test(
        "seconds, decimal seconds from the simulator, an HTTP date, and garbage",
        arguments: [
            ("10", Duration.seconds(10)), ("0.25", .milliseconds(250)), ("Tue, 14 Nov 2023 22:13:30 GMT", .seconds(10)), ("soon", nil), ("", nil),
            ("-3", nil),
        ] as [(String, Duration?)])
    func parse(_ text: String, _ expected: Duration?) {
        #expect(RetryAfter.parse(text, now: Date(timeIntervalSince1970: 1_700_000_000)) == expected)
    }

    @Test("full jitter stays under an exponential ceiling with a cap")
    func backoff() {
        let high = Backoff(base: .milliseconds(100), cap: .seconds(1), random: { 0.999 })
        #expect(high.delay(retry: 1) < .milliseconds(100))
        #expect(high.delay(retry: 3) < .milliseconds(400) && high.delay(retry: 3) > .milliseconds(390))
        #expect(high.delay(retry: 30) < .seconds(1))
        #expect(Backoff(random: { 0 }).delay(retry: 5) == .zero)
    }
}
