import Foundation
import Synchronization

/// Watches folders inside a root, recursively, and reports what changed as debounced batches.
public final class FileWatcher: Sendable {
    /// How a watcher finds changes.
    public enum Mode: Sendable {
        /// inotify on Linux; polling every 250 ms where inotify is unavailable or cannot start.
        case automatic
        /// inotify only: the initializer throws where it is unavailable.
        case inotify
        /// Compares snapshots of the folders (size, modification time, inode) every `interval`.
        case polling(interval: Duration)
    }

    /// The batches of changes in the order they happened; the stream finishes when the watcher stops.
    public let changes: AsyncStream<FileChangeBatch>
    /// Whether the watcher compares snapshots on a timer instead of using inotify.
    public let usesPolling: Bool

    private let wake: WakePipe
    private let handshake: StartupHandshake
    private let continuation: AsyncStream<FileChangeBatch>.Continuation
    private let isStopped = Mutex(false)

    /// Starts watching `folders` (folders directly inside `root`, which need not exist yet) and everything under them,
    /// except the files and folders whose name `ignore` accepts.
    public init(
        root: URL,
        folders: [String],
        debounce: Duration = .milliseconds(15),
        mode: Mode = .automatic,
        ignore: @escaping @Sendable (String) -> Bool = { _ in false }
    ) throws {
        var rootPath = root.standardizedFileURL.path
        while rootPath.count > 1 && rootPath.hasSuffix("/") {
            rootPath.removeLast()
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FileWatcherError.rootNotFound(rootPath)
        }
        for folder in folders where folder.isEmpty || folder == "." || folder == ".." || folder.contains("/") {
            throw FileWatcherError.invalidFolder(folder)
        }
        let configuration = WatchConfiguration(
            rootPath: rootPath, folders: Set(folders), debounce: debounce, ignore: ignore)
        let (stream, continuation) = AsyncStream.makeStream(of: FileChangeBatch.self, bufferingPolicy: .unbounded)
        let wake = try WakePipe()
        let handshake = StartupHandshake()
        let polls: Bool
        do {
            polls = try WatchThread.start(
                configuration: configuration, mode: mode, wake: wake, handshake: handshake, continuation: continuation
            )
        } catch {
            handshake.waitForExit()
            wake.close()
            throw error
        }
        self.changes = stream
        self.continuation = continuation
        self.usesPolling = polls
        self.wake = wake
        self.handshake = handshake
    }

    deinit {
        stop()
    }

    /// Stops watching and waits for the watcher's thread to end; the `changes` stream then finishes.
    public func stop() {
        let alreadyStopped = isStopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }
        wake.signal()
        handshake.waitForExit()
        wake.close()
        continuation.finish()
    }
}
