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
        #expect(wait.patience(timeout: timeout) == timeout, "never over the timeout")
        for _ in 0..<256 { wait.arrived(after: .milliseconds(500)) }
        #expect(wait.patience(timeout: timeout) == .seconds(3), "only the recent 256 delays count")
    }

    @Test("the 95th percentile by nearest rank: six slow activities in a hundred set the wait, five do not")
    func percentile() {
        let six = ActivityWait(), five = ActivityWait()
        for index in 0..<100 {
            six.arrived(after: index < 94 ? .milliseconds(100) : .seconds(1))
            five.arrived(after: index < 95 ? .milliseconds(100) : .seconds(1))
        }
        #expect(six.patience(timeout: .seconds(30)) == .seconds(4), "the 95th of 100 is the first of the six slow ones")
        #expect(five.patience(timeout: .seconds(30)) == .seconds(3), "the 95th is a quick one: 4 × 0.1 s, raised to the floor")
    }

    @Test("waits that end without the activity lengthen the next ones when activities slow down; one lost activity does not")
    func slowingDown() {
        let wait = ActivityWait()
        let timeout = Duration.seconds(30)
        for _ in 0..<100 { wait.arrived(after: .milliseconds(200)) }
        wait.timedOut(after: .seconds(3))
        #expect(wait.patience(timeout: timeout) == .seconds(3), "one lost activity among a hundred: still the floor")
        var steps: [Duration] = []
        for _ in 0..<3 {
            let patience = wait.patience(timeout: timeout)
            for _ in 0..<10 { wait.timedOut(after: patience) }
            steps.append(wait.patience(timeout: timeout))
        }
        #expect(steps == [.seconds(12), .seconds(30), .seconds(30)], "each round of timeouts multiplies the wait by four, up to the timeout")
    }
}
