import Testing
@testable import ParleyWatch

/// The `poll` timeout: never an endless wait when a deadline has passed, never a wake-up just before it.
@Suite struct WatchLoopTests {
    let now = ContinuousClock.now

    @Test func noDeadlineWaitsForever() {
        #expect(WatchLoop.milliseconds(from: now, until: nil) == -1)
    }

    @Test(arguments: [Duration.zero, .nanoseconds(-1), .milliseconds(-500), .seconds(-3)])
    func passedDeadlineDoesNotWait(late: Duration) {
        #expect(WatchLoop.milliseconds(from: now, until: now + late) == 0)
    }

    @Test func futureDeadlineIsRoundedUp() {
        #expect(WatchLoop.milliseconds(from: now, until: now + .nanoseconds(1)) == 1)
        #expect(WatchLoop.milliseconds(from: now, until: now + .milliseconds(15)) == 15)
        #expect(WatchLoop.milliseconds(from: now, until: now + .microseconds(15_500)) == 16)
        #expect(WatchLoop.milliseconds(from: now, until: now + .seconds(2)) == 2000)
        #expect(WatchLoop.milliseconds(from: now, until: now + .seconds(100_000_000)) == Int32.max)
    }
}
