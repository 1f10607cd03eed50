import Dispatch
import Foundation
import ParleyKit
import Synchronization

/// The line that shows how far a long build or check has got, on a terminal: `Building: parse 31,200 / 50,000`,
/// redrawn in place ten times a second once a run has gone on for half a second (a quicker run shows nothing),
/// and erased when the run ends. With `--verbose`, each step's time is printed as it ends (above the line, if
/// shown). It serves one run (`parley build`, `check`) or many (each rebuild of `parley serve`).
final class ProgressLine: @unchecked Sendable {
    // Unchecked: `timer` is set once in `init` and only cancelled after; `busySince` and `idleTicks` are only
    // touched by the timer's handler, which runs one tick at a time; the rest is Sendable.
    let progress: BuildProgress
    private let timer: DispatchSourceTimer?
    /// When the run under way was first seen; nil between runs.
    private var busySince: ContinuousClock.Instant?
    /// Ticks in a row that saw no step under way: two end a run (one may fall between two steps).
    private var idleTicks = 0
    /// Set (under the stream's lock) when the line is erased for good: a redraw already under way then draws nothing.
    private let finished = Atomic<Bool>(false)

    /// - Parameter activity: what the run is doing, as the line starts: `Building`, `Checking`.
    init(_ activity: String) {
        progress = BuildProgress { step, seconds in
            Console.verbose("\(step) " + String(format: "%.3f s", seconds))
        }
        guard Console.settings.showsProgress else {
            timer = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        self.timer = timer
        // PARLEY_PROGRESS_DELAY_MS: the tests' way to see the line on a small site.
        let delay = Duration.milliseconds(
            ProcessInfo.processInfo.environment["PARLEY_PROGRESS_DELAY_MS"].flatMap { Int($0) } ?? 500)
        timer.schedule(deadline: .now(), repeating: .milliseconds(100))
        // The timer holds this object until `finish()` cancels it.
        timer.setEventHandler { [self] in
            let snapshot = progress.snapshot
            let now = ContinuousClock.now
            if snapshot.step.isEmpty {
                idleTicks += 1
                if idleTicks >= 2 { busySince = nil }
                // Between two steps of a run, the line stays as it is.
                guard busySince == nil else { return }
            } else {
                idleTicks = 0
                if busySince == nil { busySince = now }
            }
            let shown = busySince.map { now - $0 >= delay } ?? false
            let line = shown ? Self.text(activity, snapshot) : ""
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
