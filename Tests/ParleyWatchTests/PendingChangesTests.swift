import Testing
@testable import ParleyWatch

/// When a batch is due: a quiet debounce after the last event, but never later than ten debounces after the first.
@Suite struct PendingChangesTests {
    let start = ContinuousClock.now
    let debounce = Duration.milliseconds(20)

    @Test func nothingPendingIsNeverDue() {
        #expect(PendingChanges().dueTime(debounce: debounce) == nil)
        #expect(PendingChanges().isEmpty)
    }

    @Test func dueADebounceAfterTheLastEvent() {
        var pending = PendingChanges()
        pending.insert("Content/a.md", at: start)
        pending.insert("Content/b.md", at: start + .milliseconds(5))
        #expect(pending.dueTime(debounce: debounce) == start + .milliseconds(25))
    }

    @Test func aSteadyTrickleIsCappedAtTenDebounces() {
        var pending = PendingChanges()
        for step in 0..<100 {
            pending.insert("Content/a.md", at: start + .milliseconds(step * 10))
        }
        #expect(pending.dueTime(debounce: debounce) == start + .milliseconds(200))
    }

    @Test func takingTheBatchStartsAfresh() {
        var pending = PendingChanges()
        pending.insert("Content/a.md", at: start)
        pending.markOverflow(at: start)
        #expect(pending.takeBatch() == FileChangeBatch(paths: ["Content/a.md"], isOverflow: true))
        #expect(pending.isEmpty)
        #expect(pending.dueTime(debounce: debounce) == nil)
    }
}
