import Foundation
import Synchronization

/// Appends to a file at a steady pace on a thread of its own, until stopped or out of time.
final class Trickle: Sendable {
    private let isStopped = Mutex(false)
    private let exited = DispatchSemaphore(value: 0)

    init(site: TemporarySite, path: String, every interval: Duration, for duration: Duration) {
        let thread = Thread { [self] in
            defer { exited.signal() }
            let deadline = ContinuousClock.now + duration
            var text = ""
            while !isStopped.withLock({ $0 }) && ContinuousClock.now < deadline {
                text += "line\n"
                try? site.write(path, text)
                Thread.sleep(
                    forTimeInterval: Double(interval.components.attoseconds) / 1e18
                        + Double(interval.components.seconds))
            }
        }
        thread.start()
    }

    /// Stops writing and waits for the thread to end.
    func stop() {
        isStopped.withLock { $0 = true }
        exited.wait()
    }
}
