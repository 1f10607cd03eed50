import Dispatch

/// Whether the per-entry work runs on all cores (the default) or on the calling thread alone, for the tests
/// that check a parallel build writes exactly what a serial one does.
enum Parallelism {
    @TaskLocal static var serial = false
}

extension Array where Element: Sendable {
    /// Maps every element on all cores, keeping the order: the result is the same as `map`'s,
    /// whatever the scheduling.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 || Parallelism.serial { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let output = SendableBuffer(base: results)
        self.withUnsafeBufferPointer { input in
            let source = SendableInput(base: input)
            // Each index is written by exactly one iteration, so the writes never overlap.
            DispatchQueue.concurrentPerform(iterations: count) { index in
                output.base[index] = transform(source.base[index])
            }
        }
        return results.map { $0! }
    }
}

private struct SendableBuffer<T>: @unchecked Sendable { let base: UnsafeMutableBufferPointer<T?> }
private struct SendableInput<T>: @unchecked Sendable { let base: UnsafeBufferPointer<T> }
