import Foundation

/// The lock that lets one Parley process at a time write an output folder: `parley build` and `parley serve`
/// take it before they read the build cache or touch the output, and keep it to the end (`serve` for as long as
/// it runs). It is an advisory lock (`flock(2)`) on a file beside the output, never inside it, so it is never
/// published: `.Public.parley-lock` for `Public/`. The file holds the holder's process id and command, for a
/// second process to say whom it waits for.
///
/// The kernel releases the lock when its holder ends, however it ends, so a killed build never leaves a stale
/// lock: the file it leaves is taken by the next process and removed when that one is done.
public final class BuildLock {
    /// Who holds a lock: its process id and command (`parley build`, `parley serve`).
    public struct Holder: Equatable, Sendable {
        public var pid: Int32
        public var command: String
    }

    /// Why a lock was not taken.
    public enum Refusal: Error, Equatable {
        /// The lock is held by a process that keeps it for as long as it runs (`parley serve`).
        case held(by: Holder?)
        /// The lock file could not be opened or locked.
        case failed(String)
    }

    /// The lock file of `output` (the folder it links to, when it is a link): beside it, named after it.
    public static func file(for output: URL) -> URL {
        let output = ((try? OutputWriter.resolve(output)) ?? output).standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(
            "." + output.lastPathComponent + ".parley-lock")
    }

    /// Where the lock of `output` is kept when the folder holding the output cannot hold the lock file (a
    /// folder the user may write into, in one that belongs to someone else): in the temporary folder, named
    /// after the output's path.
    static func fallbackFile(for output: URL) -> URL {
        let path = ((try? OutputWriter.resolve(output)) ?? output).standardizedFileURL.path
        let key = KeyHasher.contents(path)
        return FileManager.default.temporaryDirectory.appendingPathComponent("parley-lock-\(key)")
    }

    public let file: URL
    private var descriptor: Int32

    private init(file: URL, descriptor: Int32) {
        self.file = file
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Takes the lock of `output` for `command`. When another process holds it, `waitsFor` decides: true to wait
    /// until it is free (`waiting` is called once, with the holder, before the wait), false to refuse.
    public static func acquire(
        output: URL, command: String, waitsFor: (Holder?) -> Bool, waiting: (Holder?) -> Void
    ) throws(Refusal) -> BuildLock {
        var file = file(for: output)
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var told = false
        while true {
            var fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if fd < 0, errno == EACCES || errno == EROFS || errno == EPERM {
                file = fallbackFile(for: output)
                fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            }
            guard fd >= 0 else { throw .failed("could not open \(file.path): \(String(cString: strerror(errno)))") }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw .failed("could not lock \(file.path): \(reason)")
                }
                let holder = readHolder(fd)
                guard waitsFor(holder) else {
                    close(fd)
                    throw .held(by: holder)
                }
                if !told {
                    waiting(holder)
                    told = true
                }
                while flock(fd, LOCK_EX) != 0 {
                    guard errno == EINTR else {
                        let reason = String(cString: strerror(errno))
                        close(fd)
                        throw .failed("could not lock \(file.path): \(reason)")
                    }
                }
            }
            // The holder before may have removed the file on its way out: then this lock is on a file no one
            // else opens, and the lock is taken again on the file at the path.
            var opened = stat(), atPath = stat()
            guard fstat(fd, &opened) == 0, stat(file.path, &atPath) == 0,
                opened.st_ino == atPath.st_ino, opened.st_dev == atPath.st_dev
            else {
                close(fd)
                continue
            }
            let text = "\(getpid()) \(command)\n"
            _ = ftruncate(fd, 0)
            _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
            return BuildLock(file: file, descriptor: fd)
        }
    }

    /// The holder a lock file names, if it names one.
    static func readHolder(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let line = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n").first ?? ""
        let parts = line.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let pid = Int32(parts[0]) else { return nil }
        return Holder(pid: pid, command: String(parts[1]))
    }

    /// Removes the lock file and releases the lock (also done when the lock is freed, and by the kernel when the
    /// process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(file.path)
        close(descriptor)
        descriptor = -1
    }
}
