import CCmark
import Foundation

/// Finds links to other entries in a cmark document and replaces them with placeholders that the render step
/// fills in once every entry's URL and title are known: wiki links in text nodes, and Markdown links whose
/// destination is another entry's `.md` file.
struct LinkHTML {
    let lines: BodyLines
    let lineOffset: Int
    /// The entry's file, relative to the site root; `-` when there is none.
    let file: String

    func replaceLinks(in document: CmarkDocument) -> [EntryLink] {
        var links: [EntryLink] = []
        for node in document.nodes() {
            switch CmarkDocument.type(node) {
            case CMARK_NODE_TEXT where !CmarkDocument.isInsideLink(node):
                replaceWikiLinks(in: node, document: document, links: &links)
            case CMARK_NODE_LINK:
                replaceFileLink(node, document: document, links: &links)
            default:
                break
            }
        }
        return links
    }

    // MARK: [[wiki links]]

    private func replaceWikiLinks(in node: OpaquePointer, document: CmarkDocument, links: inout [EntryLink]) {
        guard CmarkDocument.literal(node, contains: "[[") else { return }
        let literal = CmarkDocument.literal(node)
        let startLine = document.startLine(node)
        let line = startLine >= 1 && startLine <= lines.count ? lines[startLine - 1] : ""
        let source = lines.line(startLine)
        let mapper = SourceMapper(literal: literal, line: source, startColumn: document.startColumn(node))
        let scalars = literal.scalarArray
        var cursor = 0
        var index = 0
        var changed = false
        let next = WikiLinkScan(scalars)
        while index + 1 < scalars.count {
            guard scalars[index] == "[", scalars[index + 1] == "[", !mapper.isEscaped(index),
                let close = next.close(from: index + 2)
            else {
                index += 1
                continue
            }
            // A `[` in the slug (before any `|` or `#`) is no link: known without reading the text.
            guard next.open[index + 2] >= min(close, next.pipe[index + 2], next.hash[index + 2]) else {
                index += 1
                continue
            }
            let inner = Self.string(scalars[index + 2..<close])
            let (targetPart, label) = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(
                String.init
            ).pair
            let (slug, fragment) = targetPart.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(
                String.init
            ).pair
            let trimmedSlug = slug.trimmingWhitespace
            guard !trimmedSlug.isEmpty, !trimmedSlug.utf8.contains(UInt8(ascii: "[")) else {
                index += 1
                continue
            }

            insertText(scalars[cursor..<index], before: node, line: startLine, in: source, mapper: mapper)
            let linkIndex = links.count
            let location = SourceLocation(file: file, line: startLine + lineOffset, column: mapper.column(of: index))
            links.append(
                EntryLink(
                    target: .slug(trimmedSlug), fragment: fragment?.trimmingWhitespace,
                    showsTitle: label == nil, written: "[[\(inner)]]", location: location, sourceLine: line))
            let anchor = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
            cmark_node_set_on_enter(anchor, "<a href=\"\(EntryLink.urlPlaceholder(linkIndex))\">")
            cmark_node_set_on_exit(anchor, "</a>")
            if let label {
                let text = cmark_node_new(CMARK_NODE_TEXT)!
                cmark_node_set_literal(text, label.trimmingWhitespace)
                cmark_node_append_child(anchor, text)
            } else {
                let title = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
                cmark_node_set_on_enter(title, EntryLink.titlePlaceholder(linkIndex))
                cmark_node_append_child(anchor, title)
            }
            cmark_node_insert_before(node, anchor)
            changed = true
            index = close + 2
            cursor = index
        }
        guard changed else { return }
        insertText(scalars[cursor...], before: node, line: startLine, in: source, mapper: mapper)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Inserts part of a text node's literal as a text node of its own, which keeps where that part was written:
    /// the citations after this pass find their places in it.
    private func insertText(
        _ part: ArraySlice<Unicode.Scalar>, before node: OpaquePointer, line number: Int, in line: SourceLine,
        mapper: SourceMapper
    ) {
        guard let text = CmarkDocument.insertText(Self.string(part), before: node) else { return }
        // An escaped character was written from its backslash.
        let column = mapper.column(of: part.startIndex) - (mapper.isEscaped(part.startIndex) ? 1 : 0)
        CmarkDocument.setPosition(text, line: number, column: line.byteColumn(ofColumn: column))
    }

    // MARK: [text](other-entry.md)

    private func replaceFileLink(_ node: OpaquePointer, document: CmarkDocument, links: inout [EntryLink]) {
        guard let pointer = cmark_node_get_url(node) else { return }
        let url = String(cString: pointer)
        let (path, fragment) = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(
            String.init
        ).pair
        guard path.hasSuffix(".md"), !path.contains(":"), !path.hasPrefix("/"), file != "-" else { return }
        let folder = (file as NSString).deletingLastPathComponent
        let target = Self.normalized(folder + "/" + (path.removingPercentEncoding ?? path))
        let startLine = document.startLine(node)
        let line = startLine >= 1 && startLine <= lines.count ? lines[startLine - 1] : ""
        let column = lines.line(startLine).column(ofByte: document.startColumn(node))
        let linkIndex = links.count
        links.append(
            EntryLink(
                target: .file(target), fragment: fragment.flatMap { $0.isEmpty ? nil : $0 }, showsTitle: false,
                written: url,
                location: SourceLocation(file: file, line: startLine + lineOffset, column: column), sourceLine: line))
        var enter = "<a href=\"\(EntryLink.urlPlaceholder(linkIndex))\""
        if let title = cmark_node_get_title(node).map({ String(cString: $0) }), !title.isEmpty {
            enter += " title=\"\(title.htmlEscaped)\""
        }
        CmarkDocument.replace(node, withInline: enter + ">", exit: "</a>")
    }

    /// A relative path with `.` and `..` segments resolved: `Content/rounds/../pages/a.md` → `Content/pages/a.md`.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    /// The text of some scalars, encoded straight to UTF-8 (appending to a `UnicodeScalarView` one scalar
    /// at a time was a twelfth of a whole build).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// For each offset of a text, where the next `]]`, `[`, `|` and `#` are (the text's length when there is none),
/// found in one pass from the end: looking for them from each `[[` made a long run of brackets take time
/// with its square.
struct WikiLinkScan {
    let closes: [Int], open: [Int], pipe: [Int], hash: [Int]
    let count: Int

    init(_ scalars: [Unicode.Scalar]) {
        count = scalars.count
        var closes = [Int](repeating: count, count: count + 1), open = closes, pipe = closes, hash = closes
        for index in scalars.indices.reversed() {
            closes[index] =
                scalars[index] == "]" && index + 1 < count && scalars[index + 1] == "]" ? index : closes[index + 1]
            open[index] = scalars[index] == "[" ? index : open[index + 1]
            pipe[index] = scalars[index] == "|" ? index : pipe[index + 1]
            hash[index] = scalars[index] == "#" ? index : hash[index + 1]
        }
        (self.closes, self.open, self.pipe, self.hash) = (closes, open, pipe, hash)
    }

    /// The first `]]` at or after `start`.
    func close(from start: Int) -> Int? {
        start <= count && closes[start] < count ? closes[start] : nil
    }
}

extension Array where Element == String {
    /// The first element and, if there is one, the second: for `split(maxSplits: 1)`.
    fileprivate var pair: (String, String?) { (first ?? "", count > 1 ? self[1] : nil) }
}
