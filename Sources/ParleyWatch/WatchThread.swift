import Foundation

/// Starts the thread that watches for changes, outside the Swift concurrency pool because it blocks in `poll`.
enum WatchThread {
    static let defaultPollingInterval = Duration.milliseconds(250)

    /// Starts the thread and waits until it watches, so every change after this returns is seen; returns whether it polls.
    static func start(
        configuration: WatchConfiguration,
        mode: FileWatcher.Mode,
        wake: WakePipe,
        handshake: StartupHandshake,
        continuation: AsyncStream<FileChangeBatch>.Continuation
    ) throws(FileWatcherError) -> Bool {
        let thread = Thread {
            defer { handshake.reportExit() }
            let source: any ChangeSource
            do throws(FileWatcherError) {
                source = try makeSource(configuration: configuration, mode: mode)
            } catch {
                handshake.report(.failure(error))
                return
            }
            handshake.report(.success(source.scanInterval != nil))
            WatchLoop(source: source, wake: wake, debounce: configuration.debounce, continuation: continuation).run()
        }
        thread.name = "ParleyWatch"
        thread.start()
        return try handshake.waitUntilReady()
    }

    private static func makeSource(
        configuration: WatchConfiguration, mode: FileWatcher.Mode
    ) throws(FileWatcherError) -> any ChangeSource {
        switch mode {
        case .polling(let interval):
            return PollingSource(configuration: configuration, interval: interval)
        case .inotify:
            #if canImport(Glibc)
                return try InotifySource(configuration: configuration)
            #else
                throw FileWatcherError("inotify is only available on Linux; use the automatic or polling mode.")
            #endif
        case .automatic:
            #if canImport(Glibc)
                if let source = try? InotifySource(configuration: configuration) {
                    return source
                }
            #endif
            return PollingSource(configuration: configuration, interval: defaultPollingInterval)
        }
    }
}
