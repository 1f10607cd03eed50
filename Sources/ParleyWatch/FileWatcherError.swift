#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A reason a file watcher could not start.
public struct FileWatcherError: Error, CustomStringConvertible {
    /// One sentence saying what went wrong.
    public var description: String

    /// Creates an error with the given message.
    public init(_ description: String) {
        self.description = description
    }

    static func rootNotFound(_ path: String) -> FileWatcherError {
        FileWatcherError("Cannot watch '\(path)': the folder does not exist.")
    }

    static func invalidFolder(_ name: String) -> FileWatcherError {
        FileWatcherError(
            "Cannot watch the folder '\(name)': give the name of a folder directly inside the root, without '/'.")
    }

    static func systemCall(_ call: String, path: String? = nil, errno code: Int32) -> FileWatcherError {
        let target = path.map { " for '\($0)'" } ?? ""
        return FileWatcherError("\(call) failed\(target): \(String(cString: strerror(code))).")
    }
}
