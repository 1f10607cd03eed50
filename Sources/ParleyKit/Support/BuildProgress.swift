import Synchronization

/// How far a run has got, for a progress line: the step it is in, and the items of that step done out of its
/// total. The pipeline moves it on from its worker threads; a reader (the command line's progress line)
/// takes a ``snapshot`` at any time. Each step's end is also told to `stepEnded`, with its wall time.
public final class BuildProgress: Sendable {
    /// The step under way, and how much of it is done; `total` is 0 for a step that is not counted.
    public struct Snapshot: Sendable, Equatable {
        public var step: String
        public var done: Int
        public var total: Int
    }

    private let current = Mutex<(step: String, total: Int)>(("", 0))
    private let done = Atomic<Int>(0)
    private let stepEnded: @Sendable (_ step: String, _ seconds: Double) -> Void

    public init(stepEnded: @escaping @Sendable (_ step: String, _ seconds: Double) -> Void = { _, _ in }) {
        self.stepEnded = stepEnded
    }

    public var snapshot: Snapshot {
        let (step, total) = current.withLock { $0 }
        return Snapshot(step: step, done: min(done.load(ordering: .relaxed), total), total: total)
    }

    /// A step starts, not yet counted.
    func begin(_ step: String) {
        current.withLock { $0 = (step, 0) }
        done.store(0, ordering: .relaxed)
    }

    /// The step under way has `total` items (entries, pages) to go through.
    func count(_ total: Int) {
        done.store(0, ordering: .relaxed)
        current.withLock { $0.total = total }
    }

    /// One more item of the step done (from any thread).
    func advance() { done.add(1, ordering: .relaxed) }

    func end(_ step: String, seconds: Double) {
        current.withLock { $0 = ("", 0) }
        stepEnded(step, seconds)
    }

    /// A step run outside the pipeline (the search index, saving the cache), timed and told like the pipeline's.
    public func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        begin(name)
        defer {
            let elapsed = ContinuousClock.now - start
            end(name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return try body()
    }
}

extension Optional where Wrapped == BuildProgress {
    /// A step timed and told when there is a progress to tell, else just run.
    func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        switch self {
        case .some(let progress): try progress.step(name, body)
        case .none: try body()
        }
    }
}
