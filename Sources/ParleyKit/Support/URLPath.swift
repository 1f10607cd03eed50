import Foundation

enum URLPath {
    /// The path of a base URL, always with a leading and trailing slash: `https://example.org/talks` → `/talks/`.
    static func path(ofBase base: String) -> String? {
        guard let components = URLComponents(string: base) else { return nil }
        let trimmed = components.path.trimmingSlashes()
        return trimmed.isEmpty ? "/" : "/" + trimmed + "/"
    }
}

/// What a site's address (site.yaml's `base-url`, `--base-url`) may be: the absolute `http` or `https` address
/// of the folder the site is published in. Every page's address is made by appending a path to it, so it can
/// have no query, fragment or user name, and must not end in a file name.
public enum BaseURL {
    /// Why `text` cannot be a site's address, as a clause (`it has a query ('?')`); nil when it can be one.
    /// The scheme is checked by the callers, with a message of their own.
    public static func problem(_ text: String) -> String? {
        if text.contains(where: \.isWhitespace) { return "it has a space" }
        guard let components = URLComponents(string: text) else { return "it is not a well-formed address" }
        if components.host?.isEmpty ?? true { return "it names no host" }
        if components.query != nil { return "it has a query ('?')" }
        if components.fragment != nil { return "it has a fragment ('#')" }
        if let user = components.user { return "it names a user ('\(user)@')" }
        let path = components.path
        if !path.hasSuffix("/"), let last = path.split(separator: "/").last, let dot = last.lastIndex(of: "."),
            dot != last.startIndex
        {
            let fileExtension = last[last.index(after: dot)...]
            if (2...5).contains(fileExtension.count), fileExtension.allSatisfy({ $0.isASCII && $0.isLetter }) {
                return "its path ends in a file name ('\(last)')"
            }
        }
        return nil
    }
}
