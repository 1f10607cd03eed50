import CCmark

/// A plain Markdown link or image in an entry's body, as written: its destination and where it starts.
///
/// The build does not check these (they may point anywhere); `parley check` finds the broken ones in the
/// rendered page and uses these positions to report them in the entry's file rather than in the page.
struct MarkdownLink: Sendable, Hashable {
    /// The destination as cmark read it: escapes and entities resolved, not percent-encoded.
    var destination: String
    /// Whether it is an image (`![alt](src)`), whose destination becomes a `src`.
    var isImage: Bool
    /// The position of its `[` (or the `!` of an image).
    var location: SourceLocation
    var sourceLine: String?

    /// Every link and image node of a document, in order. Call it before Parley replaces any link nodes.
    static func collect(in document: CmarkDocument, lines: BodyLines, lineOffset: Int, file: String) -> [MarkdownLink] {
        var links: [MarkdownLink] = []
        for node in document.nodes() {
            let type = CmarkDocument.type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let pointer = cmark_node_get_url(node) else {
                continue
            }
            let startLine = document.startLine(node)
            let line = startLine >= 1 && startLine <= lines.count ? lines[startLine - 1] : ""
            let column = lines.line(startLine).column(ofByte: document.startColumn(node))
            links.append(
                MarkdownLink(
                    destination: String(cString: pointer), isImage: type == CMARK_NODE_IMAGE,
                    location: SourceLocation(file: file, line: startLine + lineOffset, column: column), sourceLine: line
                ))
        }
        return links
    }
}
