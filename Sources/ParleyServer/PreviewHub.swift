import Foundation

/// Fans out build results to every open page (SSE subscribers).
public actor PreviewHub {
    /// Names this hub in every event, so that a page that reconnects to a restarted `parley serve`,
    /// whose generations may count from 1 again, knows to reload.
    nonisolated let session = UUID().uuidString
    /// The last status published, sent first to every new subscriber.
    public private(set) var current: BuildStatus?
    private var subscribers: [Int: AsyncStream<BuildStatus>.Continuation] = [:]
    private var nextID = 0

    /// Creates a hub with no status yet.
    public init() {}

    /// Remembers `status` as `current` and sends it to every subscriber.
    public func publish(_ status: BuildStatus) {
        current = status
        for subscriber in subscribers.values {
            subscriber.yield(status)
        }
    }

    /// A stream that yields `current` first, if there is one, then every later publish.
    public func subscribe() -> AsyncStream<BuildStatus> {
        // A page only needs the latest statuses; a stalled reader must not make the hub hold every build.
        let (stream, continuation) = AsyncStream.makeStream(of: BuildStatus.self, bufferingPolicy: .bufferingNewest(16))
        let id = nextID
        nextID += 1
        if let current {
            continuation.yield(current)
        }
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    /// How many streams are open, for tests.
    var subscriberCount: Int { subscribers.count }

    private func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }
}
