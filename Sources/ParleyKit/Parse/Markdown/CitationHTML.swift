import CCmark

/// Replaces the citations in a cmark document's text nodes with note markers (custom inline nodes), numbering
/// sources in order of first use, as an encyclopedia does.
struct CitationHTML {
    let lines: BodyLines
    let lineOffset: Int
    let file: String
    let authorLabel: (String) -> String?

    init(markdown: String, lineOffset: Int, file: String, authorLabel: @escaping (String) -> String?) {
        var iterator = LineIterator(markdown)
        var lines: [String] = []
        while let line = iterator.next() { lines.append(String(line)) }
        self.lines = BodyLines(lines)
        self.lineOffset = lineOffset
        self.file = file
        self.authorLabel = authorLabel
    }

    /// The anchor of note `number`, and of the marker of its `use`-th citation.
    static func noteID(_ number: Int) -> String { "cite-note-\(number)" }
    static func markerID(note: Int, use: Int) -> String { "cite-ref-\(note)-\(use)" }
    /// Whether an id has the exact form of a note's (`cite-note-3`) or a marker's (`cite-ref-3-0`).
    static func isCitationID(_ id: String) -> Bool {
        func isNumber(_ text: Substring) -> Bool {
            !text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
        }
        if id.hasPrefix("cite-note-") { return isNumber(id.dropFirst("cite-note-".count)) }
        guard id.hasPrefix("cite-ref-") else { return false }
        let parts = id.dropFirst("cite-ref-".count).split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy(isNumber)
    }

    func replaceCitations(in document: CmarkDocument) -> [Citation] {
        var citations: [Citation] = []
        var notes: [String: Int] = [:]
        var uses: [String: Int] = [:]
        for node in document.nodes()
        where CmarkDocument.type(node) == CMARK_NODE_TEXT && !CmarkDocument.isInsideLink(node) {
            guard CmarkDocument.literal(node, contains: "@") else { continue }
            let literal = CmarkDocument.literal(node)
            let startLine = document.startLine(node)
            let line = startLine >= 1 && startLine <= lines.count ? lines[startLine - 1] : ""
            let mapper = SourceMapper(
                literal: literal, line: lines.line(startLine), startColumn: document.startColumn(node))
            let scalars = literal.scalarArray
            let matches = CitationScanner(scalars: scalars, isEscaped: mapper.isEscaped).matches()
            guard !matches.isEmpty else { continue }

            var cursor = 0
            for (index, match) in matches.enumerated() {
                var before = scalars[cursor..<match.range.lowerBound]
                // A note marker hugs the word before it, and comes after the punctuation that ends the clause
                // ("the invasion.[1]", not "the invasion[1]."), as in Wikipedia and Pandoc's note styles.
                var after = match.range.upperBound
                var text = ""
                if !match.inText {
                    while let last = before.last, last == " " || last == "\t" { before = before.dropLast() }
                    let limit = index + 1 < matches.count ? matches[index + 1].range.lowerBound : scalars.count
                    if after < limit, Self.movedPunctuation.contains(scalars[after]),
                        after + 1 >= scalars.count || scalars[after + 1] != scalars[after]
                    {
                        text = String(scalars[after])
                        after += 1
                    }
                }
                // At the start of a line, the punctuation and the marker go before the line break, at the end of
                // the word they belong to: a break shows as a space ("follow .[1]").
                var anchor = node
                if !match.inText, before.isEmpty, cursor == 0, let previous = cmark_node_previous(node),
                    CmarkDocument.type(previous) == CMARK_NODE_SOFTBREAK
                {
                    anchor = previous
                    while let first = scalars[after...].first, first == " " || first == "\t", after < scalars.count {
                        after += 1
                    }
                }
                CmarkDocument.insertText(LinkHTML.string(before) + text, before: anchor)
                var html = ""
                for item in match.items {
                    let note = notes[item.key] ?? (notes.count + 1)
                    notes[item.key] = note
                    let use = uses[item.key, default: 0]
                    uses[item.key] = use + 1
                    let location = SourceLocation(
                        file: file, line: startLine + lineOffset, column: mapper.column(of: item.at))
                    citations.append(
                        Citation(
                            key: item.key, prefix: item.prefix, locator: item.locator,
                            suppressAuthor: item.suppressAuthor,
                            inText: match.inText, note: note, use: use, location: location, sourceLine: line))
                    if match.inText, let label = authorLabel(item.key) { html += label.htmlEscaped }
                    html += Self.marker(note: note, use: use)
                }
                let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
                cmark_node_set_on_enter(marker, html)
                cmark_node_insert_before(anchor, marker)
                cursor = after
            }
            CmarkDocument.insertText(LinkHTML.string(scalars[cursor...]), before: node)
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        return citations
    }

    /// The marks a note marker goes after when they follow it (an ellipsis or a doubled mark stays where it is).
    static let movedPunctuation: Set<Unicode.Scalar> = [".", ",", ";", ":"]

    /// `<sup>` with the note number in brackets, linking to the note, which describes it for screen readers.
    static func marker(note: Int, use: Int) -> String {
        let noteID = Self.noteID(note)
        return
            "<sup class=\"reference\" id=\"\(markerID(note: note, use: use))\"><a href=\"#\(noteID)\" aria-describedby=\"\(noteID)\">[\(note)]</a></sup>"
    }
}
