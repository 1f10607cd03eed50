#if canImport(Glibc)
    import Glibc

    /// Finds changes with inotify: one watch per folder, added as folders appear, since inotify is not recursive.
    final class InotifySource: ChangeSource {
        // All the root needs: it is watched only to see the watched folders appear, vanish or be renamed.
        private static let folderEvents = UInt32(
            IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)
        // IN_CLOSE_WRITE guarantees an event after a writer's last write, so a rebuild that read a half-written file is
        // followed by another; IN_MODIFY is kept for writers that never close (mmap, long-lived handles), and the debounce
        // folds its bursts into one batch; IN_ATTRIB catches `touch`, a common way to ask for a rebuild.
        private static let contentEvents = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB)
        // Watch folders only, and never through a symbolic link, which could lead outside the root.
        private static let folderMask = folderEvents | contentEvents | UInt32(IN_ONLYDIR | IN_DONT_FOLLOW)
        private static let bufferSize = 64 * 1024
        private static let headerSize = MemoryLayout<inotify_event>.size

        let descriptor: Int32?
        let scanInterval: Duration? = nil
        private let inotify: Int32
        private let configuration: WatchConfiguration
        private let buffer: UnsafeMutableRawPointer
        private var rootWatch: Int32 = -1
        /// The root-relative path of each watched folder by watch descriptor. Descriptors follow the folder's inode, and
        /// watching an already watched folder returns its descriptor, so watching a renamed tree again re-maps its paths.
        private var folders: [Int32: String] = [:]
        /// Folders seen leaving (IN_MOVED_FROM) by rename cookie, until their IN_MOVED_TO arrives.
        private var foldersMovedAway: [UInt32: String] = [:]
        private var watchLimitReached = false
        private var isClosed = false

        /// Starts inotify and watches the root and every folder under the watched folders.
        init(configuration: WatchConfiguration) throws(FileWatcherError) {
            self.configuration = configuration
            inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard inotify >= 0 else {
                throw FileWatcherError.systemCall("inotify_init1", errno: errno)
            }
            descriptor = inotify
            buffer = .allocate(byteCount: Self.bufferSize, alignment: MemoryLayout<inotify_event>.alignment)
            rootWatch = inotify_add_watch(inotify, configuration.rootPath, Self.folderEvents | UInt32(IN_ONLYDIR))
            guard rootWatch >= 0 else {
                let code = errno
                close()
                throw FileWatcherError.systemCall("inotify_add_watch", path: configuration.rootPath, errno: code)
            }
            folders[rootWatch] = ""
            for folder in configuration.folders.sorted() {
                watchTree(folder)
            }
            if watchLimitReached {
                close()
                throw FileWatcherError(
                    "The inotify watch limit (fs.inotify.max_user_watches) is too low to watch '\(configuration.rootPath)'."
                )
            }
        }

        deinit {
            close()
            buffer.deallocate()
        }

        func collect(into pending: inout PendingChanges) {
            while true {
                let count = read(inotify, buffer, Self.bufferSize)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                let now = ContinuousClock.now
                var offset = 0
                while offset + Self.headerSize <= count {
                    let event = buffer.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameBytes = UnsafeRawBufferPointer(
                        start: buffer + offset + Self.headerSize, count: Int(event.len))
                    let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                    offset += Self.headerSize + Int(event.len)
                    handle(event, name: name, at: now, into: &pending)
                }
            }
            // A folder whose IN_MOVED_TO never came left the watched tree (or took an ignored name): stop watching it.
            for (_, path) in foldersMovedAway {
                unwatchTree(path)
            }
            foldersMovedAway = [:]
            if watchLimitReached {
                watchLimitReached = false
                pending.markOverflow(at: .now)
            }
        }

        func close() {
            guard !isClosed else { return }
            isClosed = true
            _ = systemClose(inotify)
        }

        private func handle(
            _ event: inotify_event, name: String, at now: ContinuousClock.Instant, into pending: inout PendingChanges
        ) {
            let mask = event.mask
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                pending.markOverflow(at: now)
                recoverFromOverflow()
                return
            }
            guard let folder = folders[event.wd] else { return }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders[event.wd] = nil
                if event.wd == rootWatch { pending.markOverflow(at: now) }
                return
            }
            if name.isEmpty {
                // The watched folder itself: its parent reports it vanishing or moving, except for the root, which has none.
                if event.wd == rootWatch && mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                    pending.markOverflow(at: now)
                }
                return
            }
            guard let path = configuration.child(name, of: folder) else { return }
            let isFolder = mask & UInt32(IN_ISDIR) != 0
            // A folder's own attributes mean nothing to a build; polling ignores them too.
            if isFolder && mask & UInt32(IN_ATTRIB) != 0 { return }
            pending.insert(path, at: now)
            guard isFolder else { return }
            if mask & UInt32(IN_CREATE) != 0 {
                // Entries may have been created before the watch existed.
                for found in watchTree(path) { pending.insert(found, at: now) }
            } else if mask & UInt32(IN_MOVED_FROM) != 0 {
                foldersMovedAway[event.cookie] = path
            } else if mask & UInt32(IN_MOVED_TO) != 0 {
                if let oldPath = foldersMovedAway.removeValue(forKey: event.cookie) {
                    // Renamed inside the tree: report what it holds under both names, as polling does.
                    for found in watchTree(path) {
                        pending.insert(found, at: now)
                        pending.insert(oldPath + found.dropFirst(path.count), at: now)
                    }
                } else {
                    for found in watchTree(path) { pending.insert(found, at: now) }
                }
            }
        }

        /// Watches the folder at `path` and every folder under it, and returns the paths found under it.
        @discardableResult
        private func watchTree(_ path: String) -> [String] {
            var found: [String] = []
            var pendingFolders = [path]
            while let folder = pendingFolders.popLast() {
                let absolute = configuration.absolutePath(folder)
                // Watch before listing: an entry created in between is then both listed and reported, never missed.
                let watch = inotify_add_watch(inotify, absolute, Self.folderMask)
                guard watch >= 0 else {
                    // Gone, not a folder, a symbolic link or unreadable: nothing to watch.
                    if errno == ENOSPC { watchLimitReached = true }
                    continue
                }
                folders[watch] = folder
                for name in DirectoryListing.names(atPath: absolute) {
                    guard let child = configuration.child(name, of: folder) else { continue }
                    found.append(child)
                    if FileStamp(path: configuration.absolutePath(child))?.isDirectory == true {
                        pendingFolders.append(child)
                    }
                }
            }
            return found
        }

        private func unwatchTree(_ root: String) {
            for (watch, path) in folders where Self.isPath(path, inside: root) {
                inotify_rm_watch(inotify, watch)
                folders[watch] = nil
            }
        }

        /// After lost events, drops watches on folders that are gone and watches every folder there is now.
        private func recoverFromOverflow() {
            for (watch, path) in folders where watch != rootWatch {
                if FileStamp(path: configuration.absolutePath(path))?.isDirectory != true {
                    inotify_rm_watch(inotify, watch)
                    folders[watch] = nil
                }
            }
            for folder in configuration.folders.sorted() {
                watchTree(folder)
            }
        }

        private static func isPath(_ path: String, inside folder: String) -> Bool {
            path == folder || path.hasPrefix(folder + "/")
        }
    }
#endif
