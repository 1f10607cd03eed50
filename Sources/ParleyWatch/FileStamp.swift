#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the polling watcher remembers about one file or folder, from `lstat`.
struct FileStamp: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case directory, file, symbolicLink, other
    }

    let kind: Kind
    let inode: UInt64
    let size: Int64
    let modified: Int64
    let modifiedNanoseconds: Int64
    let changed: Int64
    let changedNanoseconds: Int64

    /// The stamp of the entry at `path` without following a symbolic link, or nil when it cannot be read.
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: kind = .directory
        case S_IFREG: kind = .file
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        inode = UInt64(info.st_ino)
        if kind == .directory {
            // A folder's times change whenever an entry inside it does; those entries are reported themselves.
            (size, modified, modifiedNanoseconds, changed, changedNanoseconds) = (0, 0, 0, 0, 0)
            return
        }
        size = Int64(info.st_size)
        #if canImport(Darwin)
            modified = Int64(info.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtimespec.tv_nsec)
            changed = Int64(info.st_ctimespec.tv_sec)
            changedNanoseconds = Int64(info.st_ctimespec.tv_nsec)
        #else
            modified = Int64(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
            changed = Int64(info.st_ctim.tv_sec)
            changedNanoseconds = Int64(info.st_ctim.tv_nsec)
        #endif
    }

    var isDirectory: Bool { kind == .directory }
}
