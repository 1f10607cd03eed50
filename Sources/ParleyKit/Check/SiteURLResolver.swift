import Foundation

/// Resolves a URL found in a page to the place in the site's output it leads to.
struct SiteURLResolver: Sendable {
    /// Where a URL leads.
    enum Target: Sendable, Hashable {
        /// Not a link into the site: another scheme (`https:`, `mailto:`), a host (`//example.org/`), or empty.
        case notChecked
        /// A path in the output folder (`rounds/first-round/`, `assets/site.css`; `""` is the root folder) and the
        /// `#fragment`, if any, both percent-decoded.
        case site(path: String, fragment: String?)
        /// A relative URL with more `../` than the page is deep.
        case aboveRoot
        /// An absolute path that is not under the site's base path.
        case outsideBasePath(String)
    }

    /// The path the site is published under, with a leading and trailing slash: `/`, `/talks/`.
    let basePath: String

    init(basePath: String = "/") {
        self.basePath = basePath.hasSuffix("/") ? basePath : basePath + "/"
    }

    /// Where `url`, written on the page at `pagePath` (in the output folder: `rounds/first-round/index.html`),
    /// leads: relative URLs from the page's folder, absolute paths from the base path.
    func resolve(_ url: String, onPage pagePath: String) -> Target {
        let url = url.trimmingHTMLSpaces
        guard !url.isEmpty, !url.hasPrefix("//"), !Self.hasScheme(url) else { return .notChecked }
        var reference = url[...]
        var fragment: String?
        if let hash = reference.firstIndex(of: "#") {
            let text = String(reference[reference.index(after: hash)...])
            fragment = text.removingPercentEncoding ?? text
            reference = reference[..<hash]
        }
        if let query = reference.firstIndex(of: "?") { reference = reference[..<query] }
        let written = String(reference)
        let path = written.removingPercentEncoding ?? written
        if path.isEmpty {
            // `#id` or `?query` alone: this very page.
            return fragment == nil && url.hasPrefix("?") ? .notChecked : .site(path: pagePath, fragment: fragment)
        }
        let joined: String
        if path.hasPrefix("/") {
            if path.hasPrefix(basePath) {
                joined = String(path.dropFirst(basePath.count))
            } else if path + "/" == basePath {
                joined = ""
            } else {
                return .outsideBasePath(written)
            }
        } else {
            joined = Self.folder(of: pagePath) + path
        }
        guard let normalized = Self.removingDotSegments(joined) else { return .aboveRoot }
        return .site(path: normalized, fragment: fragment)
    }

    /// The folder part of an output path, with its trailing slash: `rounds/a/index.html` → `rounds/a/`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// `a/./b/../c/` → `a/c/`, keeping a trailing slash (a folder URL); nil when `..` climbs above the start.
    static func removingDotSegments(_ path: String) -> String? {
        var parts: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { parts.append("") }
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                if isLast { parts.append("") }
            case "" where !isLast:
                continue
            default:
                parts.append(segment)
            }
        }
        let result = parts.joined(separator: "/")
        return result == "/" ? "" : result
    }

    /// A URL leading from the folder of `pagePath` to `target` (both output paths): `../alpha/` from
    /// `rounds/beta/index.html` to `rounds/alpha/`.
    static func relative(from pagePath: String, to target: String) -> String {
        let from = folder(of: pagePath).split(separator: "/")
        let to = target.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let up = String(repeating: "../", count: from.count - common)
        let down = to[common...].joined(separator: "/")
        let result = up + down
        return result.isEmpty ? "./" : result
    }

    /// Whether a URL starts with a scheme (`https:`, `mailto:`), as RFC 3986 defines one.
    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), let first = url.first, first.isASCII, first.isLetter else {
            return false
        }
        return url[..<colon].allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".")
        }
    }
}
