import Dispatch
import Synchronization

/// Lets the watcher's initializer wait for its thread to start watching, and `stop()` wait for the thread to end.
final class StartupHandshake: Sendable {
    private let outcome = Mutex<Result<Bool, FileWatcherError>?>(nil)
    private let ready = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)

    /// Called by the thread once: whether it polls, or why it could not start.
    func report(_ result: Result<Bool, FileWatcherError>) {
        outcome.withLock { $0 = result }
        ready.signal()
    }

    /// Called by the thread as it ends.
    func reportExit() {
        exited.signal()
    }

    /// Waits for the thread's report and returns whether it polls.
    func waitUntilReady() throws(FileWatcherError) -> Bool {
        ready.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Waits for the thread to end.
    func waitForExit() {
        exited.wait()
    }
}
