import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output folder on disk, and the only place the server reads site files from.
///
/// Every path is resolved with `realpath` and must stay inside the real path of the folder, with no
/// segment starting with a dot, so a symbolic link can point within the site but never out of it.
struct SiteFolder: Sendable {
    /// What a request path names.
    enum Lookup: Equatable {
        /// A regular file: its real path, and the name (as requested) that decides its content type.
        case file(realPath: String, name: String)
        /// A folder asked for without its trailing slash.
        case redirect(location: String)
        case missing
    }

    let path: String

    init(_ url: URL) {
        path = url.path
    }

    /// The real path of the folder, or nil if it does not exist.
    func realRoot() -> String? {
        Self.realPath(path)
    }

    /// Whether a build has written the home page yet.
    var isBuilt: Bool {
        guard let root = realRoot() else { return false }
        return regularFile("index.html", in: root) != nil
    }

    /// Resolves a checked request path to a file, a redirect, or nothing.
    func lookup(_ request: SitePath) -> Lookup {
        guard let root = realRoot() else { return .missing }
        let relative = request.relativePath
        if request.hasTrailingSlash {
            guard let folder = confine(relative, in: root), Self.kind(folder) == S_IFDIR else { return .missing }
            let index = relative.isEmpty ? "index.html" : relative + "/index.html"
            guard let real = regularFile(index, in: root) else { return .missing }
            return .file(realPath: real, name: "index.html")
        }
        if let real = confine(relative, in: root) {
            switch Self.kind(real) {
            case S_IFDIR:
                let query = request.query.map { "?" + $0 } ?? ""
                return .redirect(location: request.rawPath + "/" + query)
            case S_IFREG:
                return .file(realPath: real, name: request.name ?? "")
            default:
                return .missing
            }
        }
        // Clean URLs: `/404` is `404.html` when nothing else has that name.
        if let name = request.name, let real = regularFile(relative + ".html", in: root) {
            return .file(realPath: real, name: name + ".html")
        }
        return .missing
    }

    /// The real path of a regular file at a path relative to the folder, if it is inside it.
    func regularFile(_ relative: String, in root: String) -> String? {
        guard let real = confine(relative, in: root), Self.kind(real) == S_IFREG else { return nil }
        return real
    }

    private func confine(_ relative: String, in root: String) -> String? {
        guard let real = Self.realPath(relative.isEmpty ? root : root + "/" + relative) else { return nil }
        if real == root { return real }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard real.hasPrefix(prefix) else { return nil }
        // A link inside the site may still point at a dotfile inside it.
        let inside = real.dropFirst(prefix.count).split(separator: "/")
        guard inside.allSatisfy({ !$0.hasPrefix(".") }) else { return nil }
        return real
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func kind(_ path: String) -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }
}
