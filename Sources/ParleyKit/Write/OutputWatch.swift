import Foundation

/// Watches the folders of the output and of its spare (``SpareOutput``) with inotify, for a process that
/// updates the output again and again (the preview), so that it knows whether anyone but Parley changed a folder
/// of the output since its last update without looking at every folder: at 10,000 entries, twelve thousand
/// `fstatat` calls, about 20 ms, against one `read`.
///
/// Each folder belongs to one of the two trees (the output and its spare change places, the folders keep their
/// inodes), so an event says which tree it was in. Events in the output since the last update are someone
/// else's; the events of Parley's own staging, in the tree that becomes the output, are read and forgotten right
/// after the exchange (``settle(output:all:made:)``). Anything in doubt (events lost to an overflowing queue, a
/// watch limit reached, a folder that cannot be watched) makes ``quiet(output:)`` answer no, and the build looks at
/// every folder as it does without a watch.
package final class OutputWatch: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    /// The inode of the top folder of the tree each watched folder is in, by watch descriptor.
    private var trees: [Int32: UInt64] = [:]
    /// How many folders of each tree are watched, and the trees all of whose folders are.
    private var counts: [UInt64: Int] = [:]
    private var whole: Set<UInt64> = []
    private var doubt = false
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    private static let mask = UInt32(
        IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF
            | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW)

    /// Nil where inotify cannot start.
    package init?() {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    /// Watches every folder of a tree (`all`, relative paths below its top folder `root`), unless all are
    /// watched already, and then only `made`.
    func watch(_ root: URL, all: () -> [String]?, made: some Sequence<String> = [String]()) {
        lock.lock()
        defer { lock.unlock() }
        drain { mask in if mask & UInt32(IN_Q_OVERFLOW) != 0 { self.doubt = true } }
        var info = stat()
        guard lstat(root.path, &info) == 0 else { return }
        let tree = UInt64(info.st_ino)
        let known = whole.contains(tree)
        guard let folders = known ? Array(made) : all() else { return }
        for folder in folders {
            let watch = inotify_add_watch(descriptor, root.path + "/" + folder, Self.mask)
            guard watch >= 0 else {
                whole.remove(tree)
                return
            }
            if trees.updateValue(tree, forKey: watch) == nil { counts[tree, default: 0] += 1 }
        }
        whole.insert(tree)
    }

    /// Whether no folder of `output` (below its top) has changed since it was last watched or settled: reads
    /// the events that came meanwhile. No when not every folder of it is watched.
    func quiet(output: URL) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        var info = stat()
        guard lstat(output.path, &info) == 0 else { return false }
        let current = UInt64(info.st_ino)
        var changed = false
        drain { watch, mask in
            if mask & UInt32(IN_Q_OVERFLOW) != 0 || trees[watch] == current { changed = true }
        }
        if changed { doubt = true }
        return !doubt && whole.contains(current)
    }

    /// After an exchange: forgets the events so far (the build's own, in the tree now the output; a build that
    /// was in doubt looked at every folder or staged from the output) and watches the output's folders: those
    /// the build `made`, or `all` when the tree is new to the watch.
    func settle(output: URL, all: () -> [String]?, made: some Sequence<String>) {
        lock.lock()
        drain { _, _ in }
        doubt = false
        lock.unlock()
        watch(output, all: all, made: made)
    }

    private func drain(_ each: (UInt32) -> Void) { drain { _, mask in each(mask) } }

    /// Reads every pending event, giving each one's watch and mask; forgets the watches the system dropped, and
    /// a tree none of whose folders is watched any more (its top folder's inode may be another's next).
    private func drain(_ each: (Int32, UInt32) -> Void) {
        let header = MemoryLayout<inotify_event>.size
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            var events: [(Int32, UInt32)] = []
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset + header <= count {
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    offset += header + Int(event.len)
                    events.append((event.wd, event.mask))
                }
            }
            for (watch, mask) in events {
                each(watch, mask)
                guard mask & UInt32(IN_IGNORED) != 0, let tree = trees.removeValue(forKey: watch) else { continue }
                counts[tree, default: 1] -= 1
                if counts[tree] == 0 {
                    counts[tree] = nil
                    whole.remove(tree)
                }
            }
        }
    }
}
