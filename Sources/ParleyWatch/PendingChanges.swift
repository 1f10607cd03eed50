/// Changes seen since the last batch, with the times that decide when the batch is due.
struct PendingChanges {
    private(set) var paths: Set<String> = []
    private(set) var isOverflow = false
    private var first: ContinuousClock.Instant?
    private var last: ContinuousClock.Instant?

    var isEmpty: Bool { paths.isEmpty && !isOverflow }

    mutating func insert(_ path: String, at now: ContinuousClock.Instant) {
        paths.insert(path)
        noteEvent(at: now)
    }

    mutating func markOverflow(at now: ContinuousClock.Instant) {
        isOverflow = true
        noteEvent(at: now)
    }

    /// When the batch should go out: `debounce` after the last event, but no later than ten debounces after the first,
    /// so that a steady trickle of events still flushes.
    func dueTime(debounce: Duration) -> ContinuousClock.Instant? {
        guard let first, let last else { return nil }
        return min(last + debounce, first + debounce * 10)
    }

    /// Takes the pending changes as a batch and starts afresh.
    mutating func takeBatch() -> FileChangeBatch {
        let batch = FileChangeBatch(paths: paths, isOverflow: isOverflow)
        self = PendingChanges()
        return batch
    }

    private mutating func noteEvent(at now: ContinuousClock.Instant) {
        if first == nil { first = now }
        last = now
    }
}
