/// A former address of an entry (`aliases:`), as a path in the output folder.
///
/// Written as the address's path below the site's root, with or without the leading `/`:
/// `/rounds/old-name/` and `rounds/old-name` are the folder `rounds/old-name/`, whose page is its `index.html`;
/// `/old-name.html` is that page. Percent-escapes are decoded (`/Old%20Name.html` is the file `Old Name.html`,
/// which a web server serves at that address). Anything that could lead out of the output folder or that a
/// static file cannot answer (a query, a fragment, a file that is not HTML) is refused with its reason.
enum AliasPath {
    struct Problem: Error, Equatable {
        var reason: String
        var hint: String
    }

    static let example = "write the old address's path, e.g. aliases: [/rounds/old-name/]"

    static func normalize(_ text: String) -> Result<String, Problem> {
        var path = text.trimmingWhitespace
        if path.hasPrefix("http://") || path.hasPrefix("https://") || path.hasPrefix("//") {
            return .failure(Problem(reason: "it is a whole URL", hint: "write only its path below the site's root, e.g. /rounds/old-name/"))
        }
        if path.contains("?") || path.contains("#") {
            return .failure(Problem(reason: "a static page cannot answer a query or a fragment ('?' or '#')", hint: example))
        }
        if path.contains("\\") {
            return .failure(Problem(reason: "it has a backslash", hint: "separate folders with '/', e.g. /rounds/old-name/"))
        }
        if path.contains("%") {
            guard let decoded = path.removingPercentEncoding else {
                return .failure(Problem(reason: "it has a '%' that is not a percent-escape", hint: "write '%25' for a '%', or the character itself"))
            }
            path = decoded
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .failure(Problem(reason: "it has a control character", hint: example))
        }
        let folder = path.hasSuffix("/")
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.first == "" { segments.removeFirst() }
        if folder, segments.last == "" { segments.removeLast() }
        if segments.isEmpty {
            return .failure(Problem(reason: "it is the site's home page", hint: "an entry cannot take over the home page's address; " + example))
        }
        if segments.contains("") {
            return .failure(Problem(reason: "it has an empty folder name ('//')", hint: example))
        }
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(Problem(reason: "it has a '.' or '..' folder, which could lead out of the site", hint: example))
        }
        let last = segments[segments.count - 1]
        if !folder, let dot = last.lastIndex(of: "."), dot != last.startIndex {
            let fileExtension = last[last.index(after: dot)...].lowercased()
            guard fileExtension == "html" || fileExtension == "htm" else {
                return .failure(Problem(
                    reason: "a redirect is an HTML page, and a '.\(fileExtension)' address cannot be one",
                    hint: "keep the old file in Templates/assets/ instead, or redirect on the web server"))
            }
            return .success(segments.joined(separator: "/"))
        }
        return .success(segments.joined(separator: "/") + "/")
    }

    /// The file the redirect is written to: the page itself, or `index.html` in the folder.
    static func file(_ alias: String) -> String { alias.hasSuffix("/") ? alias + "index.html" : alias }
}
