import Foundation

/// A request target checked so that it can only name something inside the output folder.
///
/// Each segment is percent-decoded once, on its own, so that an encoded `/` or `..` can never
/// become a separator or a step up; a segment that is empty (`//`), starts with a dot (`.`, `..`,
/// dotfiles), or holds a backslash, a control character or bytes that are not UTF-8 is refused.
/// A double-encoded `%252e` decodes to the harmless literal name `%2e`.
struct SitePath: Equatable {
    /// The decoded segments, never empty strings, never starting with a dot.
    var segments: [String]
    /// Whether the path ends with `/` (always true for the root).
    var hasTrailingSlash: Bool
    /// The path as requested, still encoded, without the query.
    var rawPath: String
    /// The query string without its `?`, if there was one.
    var query: String?

    /// Parses a request target such as `/a/b/?x=1`; nil when it must be refused.
    init?(target: String) {
        var path = Substring(target)
        var query: String?
        if let mark = path.firstIndex(of: "?") {
            query = String(path[path.index(after: mark)...])
            path = path[..<mark]
        }
        if let hash = path.firstIndex(of: "#") {
            path = path[..<hash]
        }
        guard path.first == "/" else { return nil }
        var parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let trailing = parts.isEmpty || parts.last == ""
        if trailing, !parts.isEmpty {
            parts.removeLast()
        }
        var segments: [String] = []
        for part in parts {
            guard let segment = Self.decode(part) else { return nil }
            segments.append(segment)
        }
        self.segments = segments
        self.hasTrailingSlash = trailing
        self.rawPath = String(path)
        self.query = query
    }

    /// The path relative to the output folder, `/`-separated.
    var relativePath: String { segments.joined(separator: "/") }

    /// The last segment, used for the content type.
    var name: String? { segments.last }

    /// Whether this names a page rather than an asset: a folder, an `.html` file, or a name with no extension.
    var looksLikePage: Bool {
        guard !hasTrailingSlash, let name else { return true }
        return !name.contains(".") || ContentTypes.isHTML(name)
    }

    private static func decode(_ part: Substring) -> String? {
        guard !part.isEmpty, let decoded = String(part).removingPercentEncoding else { return nil }
        guard isAllowed(decoded) else { return nil }
        return decoded
    }

    /// Whether a decoded file name may be served: not empty, no leading dot, no separators or control characters.
    static func isAllowed(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "." else { return false }
        return !name.unicodeScalars.contains { scalar in
            scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
        }
    }
}
