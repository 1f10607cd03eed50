import ParleyWatch

/// The two ways of watching, so each behaviour is tested with both.
enum WatchBackend: String, Sendable, CustomStringConvertible {
    case inotify, polling

    /// The backends this platform has.
    static var available: [WatchBackend] {
        #if canImport(Glibc)
            [.inotify, .polling]
        #else
            [.polling]
        #endif
    }

    var mode: FileWatcher.Mode {
        switch self {
        case .inotify: .inotify
        case .polling: .polling(interval: .milliseconds(50))
        }
    }

    var description: String { rawValue }

    /// The names Parley's site loader skips: hidden files and editors' leftovers.
    static let isIgnored: @Sendable (String) -> Bool = { name in
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name.hasSuffix(".swp")
            || name.hasSuffix(".tmp")
    }
}
