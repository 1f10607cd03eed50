/// A former address of an entry (`aliases:`), as a path in the output folder.
///
/// Written as the address's path below the site's root, with or without the leading `/`:
/// `/rounds/old-name/` and `rounds/old-name` are the folder `rounds/old-name/`, whose page is its `index.html`;
/// `/old-name.html` is that page. Percent-escapes are decoded (`/Old%20Name.html` is the file `Old Name.html`,
/// which a web server serves at that address). Anything that could lead out of the output folder or that a
/// static file cannot answer (a query, a fragment, a file that is not HTML) is refused with its reason, and
/// so is what a file system cannot hold or could confuse: a URL scheme (`javascript:`), control and invisible
/// formatting characters, a name over 255 bytes, and Parley's own `.parley…` names.
enum AliasPath {
    struct Problem: Error, Equatable {
        var reason: String
        var hint: String
    }

    static let example = "write the old address's path, e.g. aliases: [/rounds/old-name/]"

    static func normalize(_ text: String) -> Result<String, Problem> {
        var path = text.trimmingWhitespace
        if path.hasPrefix("http://") || path.hasPrefix("https://") || path.hasPrefix("//") {
            return .failure(
                Problem(
                    reason: "it is a whole URL",
                    hint: "write only its path below the site's root, e.g. /rounds/old-name/"))
        }
        if let scheme = scheme(of: path) {
            return .failure(Problem(reason: "it starts with a URL scheme ('\(scheme):')", hint: example))
        }
        // Decoded first, so that an escaped '?', '#' or '\\' (%3F, %23, %5C) is refused as the character is.
        if path.contains("%") {
            guard let decoded = path.removingPercentEncoding else {
                return .failure(
                    Problem(
                        reason: "it has a '%' that is not a percent-escape",
                        hint: "write '%25' for a '%', or the character itself"))
            }
            path = decoded
        }
        if path.contains("?") || path.contains("#") {
            return .failure(
                Problem(reason: "a static page cannot answer a query or a fragment ('?' or '#')", hint: example))
        }
        if path.contains("\\") {
            return .failure(
                Problem(reason: "it has a backslash", hint: "separate folders with '/', e.g. /rounds/old-name/"))
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return .failure(Problem(reason: "it has a control character", hint: example))
        }
        if let invisible = path.unicodeScalars.first(where: \.isInvisibleFormat) {
            return .failure(
                Problem(
                    reason: "it has an invisible formatting character (\(invisible.escapedCode))",
                    hint:
                        "such characters (right-to-left overrides, zero-width spaces) make an address look like another; "
                        + example))
        }
        let folder = path.hasSuffix("/")
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.first == "" { segments.removeFirst() }
        if folder, segments.last == "" { segments.removeLast() }
        if segments.isEmpty {
            return .failure(
                Problem(
                    reason: "it is the site's home page",
                    hint: "an entry cannot take over the home page's address; " + example))
        }
        if segments.contains("") {
            return .failure(Problem(reason: "it has an empty folder name ('//')", hint: example))
        }
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(
                Problem(reason: "it has a '.' or '..' folder, which could lead out of the site", hint: example))
        }
        if segments.contains(where: { $0.hasPrefix(".parley") }) {
            return .failure(
                Problem(reason: "Parley keeps its own files under names that start with '.parley'", hint: example))
        }
        if let long = segments.first(where: { $0.utf8.count > maximumNameBytes }) {
            return .failure(
                Problem(
                    reason:
                        "the name '\(long.prefix(40))…' is \(long.utf8.count) bytes long, and file systems allow \(maximumNameBytes)",
                    hint: "shorten each folder and file name of the address to at most \(maximumNameBytes) bytes"))
        }
        let last = segments[segments.count - 1]
        if !folder, let dot = last.lastIndex(of: "."), dot != last.startIndex {
            let fileExtension = last[last.index(after: dot)...].lowercased()
            guard fileExtension == "html" || fileExtension == "htm" else {
                return .failure(
                    Problem(
                        reason: "a redirect is an HTML page, and a '.\(fileExtension)' address cannot be one",
                        hint: "keep the old file in Templates/assets/ instead, or redirect on the web server"))
            }
            return .success(segments.joined(separator: "/"))
        }
        return .success(segments.joined(separator: "/") + "/")
    }

    /// The longest file or folder name, in bytes of UTF-8, that common file systems (ext4, APFS, NTFS) allow.
    static let maximumNameBytes = 255

    /// The scheme an address starts with (`javascript` in `javascript:alert(1)`), or nil: letters, digits,
    /// `+`, `-` and `.` after a letter, before the first `:`, and before any `/`.
    static func scheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon]
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        guard let first = name.unicodeScalars.first, isLetter(first),
            name.unicodeScalars.allSatisfy({
                isLetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
            })
        else { return nil }
        return String(name)
    }
}
