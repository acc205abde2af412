import Provisioning
import Testing

@Suite("How long to wait for an install activity")
struct ActivityWaitTests {
    @Test(
        "the whole timeout until twenty activities have arrived; then four times their 95th percentile, within a tenth of the timeout and the timeout"
    )
    func patience() {
        let wait = ActivityWait()
        let timeout = Duration.seconds(30)
        for _ in 0..<(ActivityWait.enoughSamples - 1) { wait.arrived(after: .milliseconds(500)) }
        #expect(wait.patience(timeout: timeout) == timeout, "too few to judge")
        wait.arrived(after: .milliseconds(500))
        #expect(wait.patience(timeout: timeout) == .seconds(3), "4 × 0.5 s is under the floor of a tenth")
        for _ in 0..<100 { wait.arrived(after: .seconds(2)) }
        #expect(wait.patience(timeout: timeout) == .seconds(8), "4 × the 95th percentile")
        for _ in 0..<300 { wait.arrived(after: .seconds(20)) }
        #expect(wait.patience(timeout: timeout) == timeout, "never over the timeout; only the recent delays count")
    }

    @Test("a few slow activities among many quick ones set the wait")
    func percentile() {
        let wait = ActivityWait()
        for index in 0..<100 { wait.arrived(after: index < 94 ? .milliseconds(100) : .seconds(1)) }
        #expect(wait.patience(timeout: .seconds(30)) == .seconds(4), "the 95th of 100 is one of the six slow ones")
    }
}
