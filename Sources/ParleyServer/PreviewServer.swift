import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Serves the built site over HTTP for preview, with live reload and build errors shown in the browser.
public struct PreviewServer: Sendable {
    /// The folder the site is built into (`Public/`).
    public let outputFolder: URL
    /// The address to listen on; the default, 127.0.0.1, keeps the preview on this machine.
    public let host: String
    /// The port to listen on; 0 lets the system choose.
    public let port: Int
    /// Where the build results that pages receive come from.
    public let hub: PreviewHub
    /// How often the event stream sends a `: ping` comment.
    var pingInterval: Duration = .seconds(15)
    /// How long a graceful shutdown may take before the rest is cancelled; open event streams end at once,
    /// so this only bounds a stuck file transfer (tests turn it off to prove the streams do end).
    var gracefulShutdownLimit: Duration? = .seconds(5)

    /// Creates a server for `outputFolder`; port 0 asks the system for a free port, which `onReady` reports.
    public init(outputFolder: URL, host: String = "127.0.0.1", port: Int = 8080, hub: PreviewHub) {
        self.outputFolder = outputFolder
        self.host = host
        self.port = port
        self.hub = hub
    }

    /// The Hummingbird application (for in-process tests, and for `run`).
    public func makeApplication(
        onReady: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = PreviewResponder(site: SiteFolder(outputFolder), hub: hub, pingInterval: pingInterval)
        let fallbackPort = port
        // Hummingbird logs its start at info; the serve command says where it listens itself, and requests are never logged.
        var logger = Logger(label: "parley.server")
        logger.logLevel = .warning
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                await onReady(channel.localAddress?.port ?? fallbackPort)
            },
            logger: logger
        )
    }

    /// Runs until SIGINT/SIGTERM (graceful shutdown). A busy port throws `PreviewServerError.portInUse(port)`
    /// whose description names the port and suggests `--port`.
    ///
    /// While it runs, SIGINT and SIGTERM no longer end the process: they make `run` close the listener,
    /// end open event streams and return normally (within 5 seconds at most). Run the rebuild loop beside it
    /// in a task group and cancel the group when `run` returns:
    ///
    ///     try await withThrowingTaskGroup(of: Void.self) { group in
    ///         group.addTask { try await rebuildOnChanges(publishingTo: hub) }  // must stop when cancelled
    ///         try await server.run { port in print("Serving on http://127.0.0.1:\(port)/") }
    ///         group.cancelAll()
    ///     }
    public func run(onReady: @escaping @Sendable (_ port: Int) async -> Void) async throws {
        try await run(onReady: onReady, signals: Self.shutdownSignals, shutdown: nil)
    }

    /// Ctrl-C and `kill`: both shut down gracefully.
    static let shutdownSignals: [UnixSignal] = [.sigint, .sigterm]

    /// `run` with the signals to handle and an optional switch for tests to stop it.
    func run(
        onReady: @escaping @Sendable (_ port: Int) async -> Void,
        signals: [UnixSignal],
        shutdown: ShutdownSwitch?
    ) async throws {
        let application = makeApplication(onReady: onReady)
        var configuration = ServiceGroupConfiguration(
            services: [application],
            gracefulShutdownSignals: signals,
            logger: application.logger
        )
        configuration.maximumGracefulShutdownDuration = gracefulShutdownLimit
        let group = ServiceGroup(configuration: configuration)
        await shutdown?.attach(group)
        do {
            try await group.run()
        } catch {
            throw Self.describe(error, host: host, port: port)
        }
    }

    /// Bind failures as `PreviewServerError`; anything else unchanged.
    static func describe(_ error: any Error, host: String, port: Int) -> any Error {
        if error is SocketAddressError {
            return PreviewServerError.cannotBind(host: host, port: port, reason: "the host name cannot be resolved")
        }
        guard let error = error as? IOError else { return error }
        if error.errnoCode == EADDRINUSE {
            return PreviewServerError.portInUse(host: host, port: port)
        }
        return PreviewServerError.cannotBind(host: host, port: port, reason: String(cString: strerror(error.errnoCode)))
    }
}
