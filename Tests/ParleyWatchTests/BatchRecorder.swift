import ParleyWatch
import Synchronization

/// Collects the batches of a watcher's stream as they arrive, so tests can wait for them with a timeout.
final class BatchRecorder: Sendable {
    private let state = Mutex<(batches: [FileChangeBatch], finished: Bool)>(([], false))

    /// Starts recording `stream` in a task of its own.
    static func record(_ stream: AsyncStream<FileChangeBatch>) -> BatchRecorder {
        let recorder = BatchRecorder()
        Task {
            for await batch in stream {
                recorder.state.withLock { $0.batches.append(batch) }
            }
            recorder.state.withLock { $0.finished = true }
        }
        return recorder
    }

    var batches: [FileChangeBatch] { state.withLock { $0.batches } }
    var isFinished: Bool { state.withLock { $0.finished } }

    /// Waits up to `timeout` for `condition` to hold; timing never decides a test, only how long a failure takes.
    func wait(timeout: Duration = .seconds(5), until condition: ([FileChangeBatch], Bool) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (batches, finished) = state.withLock { ($0.batches, $0.finished) }
            if condition(batches, finished) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        let (batches, finished) = state.withLock { ($0.batches, $0.finished) }
        return condition(batches, finished)
    }

    /// The paths of the batches from index `first` on, once they include all of `expected`, after a pause long enough
    /// for any wrongly reported extra paths to arrive too (or whatever arrived when the wait timed out).
    func paths(
        from first: Int = 0, including expected: Set<String>, settle: Duration = .milliseconds(300)
    ) async -> Set<String> {
        _ = await wait { batches, _ in Self.union(batches.dropFirst(first)).isSuperset(of: expected) }
        try? await Task.sleep(for: settle)
        return Self.union(batches.dropFirst(first))
    }

    static func union(_ batches: some Sequence<FileChangeBatch>) -> Set<String> {
        batches.reduce(into: []) { $0.formUnion($1.paths) }
    }
}
