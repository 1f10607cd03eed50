import Dispatch
import Foundation
import ParleyKit
import Synchronization

/// The line that shows how far a long build or check has got, on a terminal: `Building: parse 31,200 / 50,000`,
/// redrawn in place ten times a second from half a second after the start (a quicker run shows nothing), and
/// erased at the end. With `--verbose`, each step's time is printed as it ends (above the line, if shown).
final class ProgressLine: @unchecked Sendable {
    // Unchecked: `timer` is set once in `init` and only cancelled after; the rest is Sendable.
    let progress: BuildProgress
    private let timer: DispatchSourceTimer?
    /// Set (under the stream's lock) when the line is erased for good: a redraw already under way then draws nothing.
    private let finished = Atomic<Bool>(false)

    /// - Parameter activity: what the run is doing, as the line starts: `Building`, `Checking`.
    init(_ activity: String) {
        progress = BuildProgress { step, seconds in
            Console.verbose("\(step) " + String(format: "%.3f s", seconds))
        }
        guard Console.settings.showsProgress else { timer = nil; return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        self.timer = timer
        // PARLEY_PROGRESS_DELAY_MS: the tests' way to see the line on a small site.
        let delay = ProcessInfo.processInfo.environment["PARLEY_PROGRESS_DELAY_MS"].flatMap { Int($0) } ?? 500
        timer.schedule(deadline: .now() + .milliseconds(delay), repeating: .milliseconds(100))
        // The timer holds this object until `finish()` cancels it.
        timer.setEventHandler { [self] in
            let line = Self.text(activity, progress.snapshot)
            Console.errorStream.withLock { if !finished.load(ordering: .relaxed) { $0.showProgress(line) } }
        }
        timer.resume()
    }

    /// `Building: parse 31,200 / 50,000`; a step not counted shows its name alone.
    static func text(_ activity: String, _ snapshot: BuildProgress.Snapshot) -> String {
        guard !snapshot.step.isEmpty else { return "" }
        let counts = snapshot.total > 0 ? " \(Console.count(snapshot.done)) / \(Console.count(snapshot.total))" : ""
        return "\(activity): \(snapshot.step)\(counts)"
    }

    /// Stops redrawing and erases the line.
    func finish() {
        guard let timer else { return }
        timer.cancel()
        Console.errorStream.withLock { stream in
            finished.store(true, ordering: .relaxed)
            stream.showProgress("")
        }
    }
}
