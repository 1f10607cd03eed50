import Foundation

/// A value worked out the first time any thread asks for it, then shared.
final class Lazy<Value: Sendable>: @unchecked Sendable {
    // `lock` guards `stored`; `make` is only called under it.
    private let lock = NSLock()
    private var stored: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let value = make()
        stored = value
        return value
    }
}
