import Foundation
@testable import ParleyServer

/// Runs a `PreviewServer` on a free port for the length of a test, then shuts it down the way Ctrl-C does.
enum LiveServer {
    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }

    /// Calls `body` with the bound port; afterwards triggers a graceful shutdown and waits for `run` to return.
    static func with<T: Sendable>(
        _ server: PreviewServer,
        _ body: @Sendable (_ port: Int, _ shutdown: ShutdownSwitch) async throws -> T
    ) async throws -> T {
        let shutdown = ShutdownSwitch()
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let running = Task {
            defer { portSink.finish() }
            try await server.run(onReady: { port in portSink.yield(port) }, signals: [], shutdown: shutdown)
        }
        guard let port = await ports.first(where: { _ in true }) else {
            // run ended before the server was ready: report its error.
            try await running.value
            throw Timeout(what: "the server to start")
        }
        do {
            let value = try await body(port, shutdown)
            await shutdown.trigger()
            try await waitFor(running, what: "the server to shut down")
            return value
        } catch {
            await shutdown.trigger()
            _ = try? await waitFor(running, what: "the server to shut down")
            throw error
        }
    }

    static func with<T: Sendable>(
        _ server: PreviewServer, _ body: @Sendable (_ port: Int) async throws -> T
    ) async throws -> T {
        try await with(server) { port, _ in try await body(port) }
    }

    /// Waits for `task`, failing after a generous limit instead of hanging the test run.
    static func waitFor(_ task: Task<Void, any Error>, what: String, limit: Duration = .seconds(60)) async throws {
        let outcome = Outcome()
        // Awaiting a task's value ignores cancellation, so watch it from outside and poll.
        Task { await outcome.set(await task.result) }
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let result = await outcome.result {
                return try result.get()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Timeout(what: what)
    }

    private actor Outcome {
        var result: Result<Void, any Error>?
        func set(_ result: Result<Void, any Error>) { self.result = result }
    }
}
