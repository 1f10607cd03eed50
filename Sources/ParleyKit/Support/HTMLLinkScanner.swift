/// Finds the URL-valued attributes and the `id`s of an HTML page, each URL with its line and column.
///
/// This is a small scan of tags and attributes, not an HTML parser: it reads Parley's own output, which is
/// well formed, and templates written for it. It knows what the check needs, as the HTML5 tokenizer reads it:
/// attribute values in double or single quotes, unquoted or absent, the first of repeated attributes,
/// character references decoded, comments (`<!-->` too), doctypes and the text of `<script>`, `<style>`,
/// `<title>`, `<textarea>`, `<iframe>`, `<xmp>`, `<noembed>`, `<noframes>` and `<plaintext>` skipped. It does
/// not build a tree, repair mistakes or honour `<base href>`, and of named character references it decodes
/// the few Parley and templates write (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`). A differential
/// test holds it to an HTML5 parser (html5lib) on the real site's pages and on generated ones.
enum HTMLLinkScanner {
    /// One URL in a page: the attribute it is in and its decoded value.
    struct Link: Sendable, Hashable {
        /// The element's name, lowercased: `a`, `img`.
        var tag: String
        /// The attribute's name, lowercased: `href`, `src`.
        var attribute: String
        /// The URL with character references decoded (`&amp;` → `&`) and surrounding spaces trimmed.
        var value: String
        /// Where the value starts (after its quote), counting from 1; columns count Unicode scalars.
        var line: Int
        var column: Int
        /// The value's bytes in the scanned text, as written (between its quotes), for rewriting it.
        var bytes: Range<Int> = 0..<0
    }

    /// What one page holds.
    struct Page: Sendable {
        var links: [Link] = []
        /// Every `id`, and every `name` of an `a` element: what a `#fragment` can point at.
        var ids: Set<String> = []
    }

    /// The attributes holding URLs the check follows, by element.
    static let urlAttributes: [String: Set<String>] = [
        "a": ["href"], "area": ["href"], "link": ["href"],
        "img": ["src", "srcset"], "source": ["src", "srcset"], "script": ["src"], "iframe": ["src"],
        "audio": ["src"], "video": ["src", "poster"], "track": ["src"], "embed": ["src"], "input": ["src"],
    ]

    static func scan(_ html: String) -> Page {
        let bytes = Array(html.utf8)
        var page = Page()
        var lines = LinePositions(bytes)
        var i = 0
        let n = bytes.count
        while i < n {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < n else {
                i += 1
                continue
            }
            let next = bytes[i + 1]
            if bytes.starts(with: "<!-->", at: i) {
                i += 5
            } else if bytes.starts(with: "<!--->", at: i) {
                i += 6
            } else if bytes.starts(with: "<!--", at: i) {
                i = bytes.find("-->", from: i + 4).map { $0 + 3 } ?? n
            } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                i = bytes.find(">", from: i + 2).map { $0 + 1 } ?? n
            } else if next.isASCIILetter {
                i = scanTag(bytes, from: i + 1, page: &page, lines: &lines)
            } else {
                i += 1
            }
        }
        return page
    }

    /// Reads a start tag whose name begins at `start`; returns the index after its `>` (and after the raw text
    /// of a `script` or `style` element).
    private static func scanTag(_ bytes: [UInt8], from start: Int, page: inout Page, lines: inout LinePositions) -> Int
    {
        let n = bytes.count
        var i = start
        while i < n, !bytes[i].isSpace, bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") { i += 1 }
        let tag = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
        let wanted = urlAttributes[tag] ?? []
        // A repeated attribute is dropped: the first one counts.
        var seen: Set<String> = []
        while i < n {
            while i < n, bytes[i].isSpace || bytes[i] == UInt8(ascii: "/") { i += 1 }
            guard i < n, bytes[i] != UInt8(ascii: ">") else { break }
            let nameStart = i
            // The first character may be `=` (HTML reads it as part of the name), so the loop starts past it.
            i += 1
            while i < n, !bytes[i].isSpace, bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "="),
                bytes[i] != UInt8(ascii: "/")
            { i += 1 }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self).lowercased()
            var j = i
            while j < n, bytes[j].isSpace { j += 1 }
            let hasValue = j < n && bytes[j] == UInt8(ascii: "=")
            if hasValue {
                j += 1
                while j < n, bytes[j].isSpace { j += 1 }
                guard j < n else {
                    i = j
                    break
                }
            }
            let valueStart: Int, valueEnd: Int
            if !hasValue {
                // No value: the attribute is there, empty.
                (valueStart, valueEnd) = (i, i)
            } else if bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                valueStart = j + 1
                valueEnd = bytes.find(bytes[j], from: valueStart) ?? n
                i = min(valueEnd + 1, n)
            } else {
                valueStart = j
                var k = j
                while k < n, !bytes[k].isSpace, bytes[k] != UInt8(ascii: ">") { k += 1 }
                valueEnd = k
                i = k
            }
            guard seen.insert(name).inserted else { continue }
            let raw = bytes[valueStart..<valueEnd]
            if name == "id" || (name == "name" && tag == "a") {
                page.ids.insert(decodeCharacterReferences(String(decoding: raw, as: UTF8.self)))
            } else if wanted.contains(name) {
                let (line, column) = lines.position(of: valueStart)
                let value = decodeCharacterReferences(String(decoding: raw, as: UTF8.self))
                let urls = name == "srcset" ? srcsetURLs(value) : [value.trimmingHTMLSpaces]
                for url in urls {
                    page.links.append(
                        Link(
                            tag: tag, attribute: name, value: url, line: line, column: column,
                            bytes: valueStart..<valueEnd))
                }
            }
        }
        let end = min(i + 1, n)
        if tag == "plaintext" { return n }
        guard textElements.contains(tag) else { return end }
        // Text: nothing inside is markup, up to the element's end tag (its name, then a space, `/` or `>`).
        var k = end
        while let close = bytes.find("</", from: k) {
            let nameEnd = close + 2 + tag.utf8.count
            if nameEnd < n, String(decoding: bytes[close + 2..<nameEnd], as: UTF8.self).lowercased() == tag,
                bytes[nameEnd].isSpace || bytes[nameEnd] == UInt8(ascii: "/") || bytes[nameEnd] == UInt8(ascii: ">")
            {
                return close
            }
            k = close + 2
        }
        return n
    }

    /// The elements whose contents are text, not markup, up to their end tag (raw text and RCDATA in HTML5).
    private static let textElements: Set<String> = [
        "script", "style", "title", "textarea", "iframe", "xmp", "noembed", "noframes",
    ]

    /// The URLs of a `srcset`: `a.png 1x, b.png 2x` → `a.png`, `b.png`.
    static func srcsetURLs(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { candidate in
            candidate.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.map(String.init)
        }
    }

    /// `&amp;` → `&`, `&#39;` and `&#x27;` → `'`, and the few named references Parley and templates use.
    /// Unknown names are left as written.
    static func decodeCharacterReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            if let semicolon = rest[afterAmp...].prefix(32).firstIndex(of: ";"),
                let decoded = decodeReference(rest[afterAmp..<semicolon])
            {
                result.append(decoded)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = rest[afterAmp...]
            }
        }
        return result + rest
    }

    private static let namedReferences: [Substring: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    ]

    private static func decodeReference(_ name: Substring) -> Character? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
        return namedReferences[name]
    }
}

/// Lines and columns of byte offsets, for offsets asked in increasing order (each found from the last).
private struct LinePositions {
    let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var column = 1

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func position(of target: Int) -> (line: Int, column: Int) {
        while offset < target, offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Columns count scalars: every byte that does not continue a UTF-8 sequence starts one.
                column += 1
            }
            offset += 1
        }
        return (line, column)
    }
}

extension UInt8 {
    fileprivate var isSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D }
    fileprivate var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
}

extension Array where Element == UInt8 {
    fileprivate func starts(with text: String, at index: Int) -> Bool {
        let pattern = Array(text.utf8)
        return index + pattern.count <= count && self[index..<index + pattern.count].elementsEqual(pattern)
    }

    fileprivate func find(_ text: String, from index: Int) -> Int? {
        let pattern = Array(text.utf8)
        guard let first = pattern.first else { return index }
        var i = index
        while i + pattern.count <= count {
            if self[i] == first, self[i..<i + pattern.count].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    fileprivate func find(_ byte: UInt8, from index: Int) -> Int? {
        self[Swift.min(index, count)...].firstIndex(of: byte)
    }
}

extension String {
    /// Without the ASCII whitespace HTML strips from URL attributes.
    var trimmingHTMLSpaces: String {
        let spaces: Set<Character> = [" ", "\t", "\n", "\r", "\u{C}"]
        guard let first = firstIndex(where: { !spaces.contains($0) }),
            let last = lastIndex(where: { !spaces.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
