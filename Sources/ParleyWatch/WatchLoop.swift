#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a change source on the watcher's thread and turns what it finds into debounced batches.
final class WatchLoop {
    private let source: any ChangeSource
    private let wake: WakePipe
    private let debounce: Duration
    private let continuation: AsyncStream<FileChangeBatch>.Continuation

    init(
        source: any ChangeSource, wake: WakePipe, debounce: Duration,
        continuation: AsyncStream<FileChangeBatch>.Continuation
    ) {
        self.source = source
        self.wake = wake
        self.debounce = debounce
        self.continuation = continuation
    }

    /// Waits for changes and yields batches until the wake pipe is signalled.
    func run() {
        defer {
            source.close()
            continuation.finish()
        }
        var pending = PendingChanges()
        var nextScan = source.scanInterval.map { ContinuousClock.now + $0 }
        while true {
            let due = pending.dueTime(debounce: debounce)
            var descriptors = [pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0)]
            if let descriptor = source.descriptor {
                descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
            }
            let timeout = Self.milliseconds(from: .now, until: [due, nextScan].compactMap { $0 }.min())
            let result = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if result < 0 && errno != EINTR { return }
            if descriptors[0].revents != 0 { return }
            if descriptors.count > 1 && descriptors[1].revents != 0 {
                if descriptors[1].revents & Int16(POLLERR | POLLNVAL) != 0 {
                    // The kernel gave up on the descriptor: say so, so the consumer rescans, and stop.
                    continuation.yield(FileChangeBatch(paths: pending.paths, isOverflow: true))
                    return
                }
                source.collect(into: &pending)
            }
            if let interval = source.scanInterval, let scanAt = nextScan {
                let now = ContinuousClock.now
                // A timed source scans once more before a batch goes out, so a batch is only sent after a quiet scan.
                if now >= scanAt || due.map({ now >= $0 }) == true {
                    source.collect(into: &pending)
                    nextScan = ContinuousClock.now + interval
                }
            }
            if let flushAt = pending.dueTime(debounce: debounce), ContinuousClock.now >= flushAt {
                continuation.yield(pending.takeBatch())
            }
        }
    }

    /// A `poll` timeout reaching `deadline`, rounded up so the loop never wakes just before it.
    static func milliseconds(from now: ContinuousClock.Instant, until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        let remaining = deadline - now
        // A deadline missed by less than a second has components (0, negative), which would become an endless wait.
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
