import Synchronization

/// A value worked out the first time any thread asks for it, then shared.
final class Lazy<Value: Sendable>: Sendable {
    // `make` is only called while the value is held.
    private let stored = Mutex<Value?>(nil)
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        stored.withLock { stored in
            if let stored { return stored }
            let value = make()
            stored = value
            return value
        }
    }
}
