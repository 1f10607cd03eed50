import Foundation
import CCmark
import ParleyTemplates

/// Markdown to HTML through libcmark.
public enum MarkdownHTML {
    /// Exactly what the `cmark` command prints for this document and these options.
    public static func fragment(_ markdown: String, options: MarkdownOptions) -> String {
        CmarkDocument(markdown: markdown, options: options).renderHTML(options: options)
    }

    /// A line of Markdown as inline HTML: a single paragraph without its `<p>` (emphasis, links, code), for
    /// declared fields of type `markdown`.
    public static func inline(_ markdown: String, options: MarkdownOptions) -> String {
        var html = fragment(markdown, options: options)
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }

    /// The same for raw bytes, which need not be valid UTF-8: cmark's own handling of them is kept, byte for byte.
    public static func fragment(bytes: [UInt8], options: MarkdownOptions) -> [UInt8] {
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { CmarkDocument(buffer: $0, options: options) }
        }
        return document.renderHTMLBytes(options: options)
    }

    /// An entry's body as a site renders it: cmark's HTML, with a stable `id` on every heading and every
    /// citation turned into a numbered note marker.
    ///
    /// - Parameters:
    ///   - lineOffset: lines of the file before the body, so that positions name the file's lines.
    ///   - file: the file's path, for the positions of citations.
    ///   - authorLabel: the name to show before an in-text citation's marker (`Hopkins`), by key.
    ///   - reservedIDs: ids the templates use on the same page, which headings must not take.
    static func body(
        _ markdown: String, options: MarkdownOptions, lineOffset: Int = 0, file: String = "-",
        authorLabel: @escaping (String) -> String? = { _ in nil }, reservedIDs: Set<String>? = nil
    ) -> EntryBody {
        // U+E000 to U+E005 are Parley's marks in the rendered body (placeholders, notes); they never come from content.
        let markdown =
            Self.containsPlaceholderDelimiter(markdown)
            ? String(
                String.UnicodeScalarView(
                    markdown.unicodeScalars.map { ("\u{E000}"..."\u{E005}").contains($0) ? "\u{FFFD}" : $0 }))
            : markdown
        var document = CmarkDocument(markdown: markdown, options: options)
        let citationRenderer = CitationHTML(
            markdown: markdown, lineOffset: lineOffset, file: file, authorLabel: authorLabel)
        let notes = FootnoteHTML(lines: citationRenderer.lines, lineOffset: lineOffset, file: file)
        var marked: FootnoteHTML.Marked?
        if FootnoteHTML.mayHaveNotes(markdown) {
            // `[^why]: Word` is a link reference definition to cmark: parsed again as a paragraph.
            let hidden = FootnoteHTML.hiddenDefinitions(in: document, lines: citationRenderer.lines.texts)
            if !hidden.isEmpty, let changed = FootnoteHTML.showingDefinitions(hidden, in: markdown) {
                document = CmarkDocument(markdown: changed, options: options)
            }
            marked = notes.mark(document)
        }
        let markdownLinks = MarkdownLink.collect(
            in: document, lines: citationRenderer.lines, lineOffset: lineOffset, file: file)
        let links = LinkHTML(lines: citationRenderer.lines, lineOffset: lineOffset, file: file).replaceLinks(
            in: document)
        let citations = citationRenderer.replaceCitations(in: document)
        var footnotes: [Footnote] = []
        var problems: [Diagnostic] = []
        if let marked {
            let finished = notes.finish(document, marked: marked, options: options)
            footnotes = finished.notes
            problems = (marked.problems + finished.problems).sorted()
        }
        var used = reservedIDs ?? options.reservedIDs
        var headings: [Heading] = []
        for node in document.nodes() where CmarkDocument.type(node) == CMARK_NODE_HEADING {
            let text = CmarkDocument.plainText(node).trimmingWhitespace
            let base = Slug.anchor(text)
            var id = base
            var suffix = 1
            while used.contains(id) || CitationHTML.isCitationID(id) || Footnote.isFootnoteID(id) {
                id = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(id)
            let level = Int(cmark_node_get_heading_level(node))
            headings.append(Heading(level: level, id: id, text: text, line: document.startLine(node) + lineOffset))
            CmarkDocument.wrapInlineChildren(
                of: node, enter: "<h\(level) id=\"\(id.htmlEscaped)\">", exit: "</h\(level)>")
        }
        return EntryBody(
            html: document.renderHTML(options: options), headings: headings, citations: citations, links: links,
            markdownLinks: markdownLinks, footnotes: footnotes, problems: problems)
    }

    /// An entry file's body as `site` renders it; a front matter, if the text starts with one, is left out.
    /// `parley render --site` prints this, so it is the same code path the build uses.
    static func entryBody(
        _ text: String, site: SiteConfig, options: MarkdownOptions? = nil, file: String = "-",
        authorLabel: @escaping (String) -> String? = { _ in nil }
    ) -> EntryBody {
        let options = options ?? MarkdownOptions(site: site)
        if case .success(let split) = FrontMatter.split(SourceFile(path: file, text: text)) {
            return body(
                split.body, options: options, lineOffset: split.bodyLineOffset, file: file, authorLabel: authorLabel)
        }
        return body(text, options: options, file: file, authorLabel: authorLabel)
    }

    /// Whether a text holds one of U+E000 to U+E005 (UTF-8 `EE 80 80` to `EE 80 85`), looked for byte by byte:
    /// comparing 8 KB of text `Character` by `Character` cost more than cmark's whole parse.
    static func containsPlaceholderDelimiter(_ text: String) -> Bool {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while let lead = ByteSearch.firstIndex(of: 0xEE, in: text, from: index) {
            let second = utf8.index(after: lead)
            guard second < utf8.endIndex else { return false }
            let third = utf8.index(after: second)
            if utf8[second] == 0x80, third < utf8.endIndex, (0x80...0x85).contains(utf8[third]) { return true }
            index = second
        }
        return false
    }
}

/// An entry body rendered to HTML, with what the page around it needs to know.
struct EntryBody: Sendable, Hashable {
    var html: String
    /// Every heading, in order: for the table of contents and for links to `#id`.
    var headings: [Heading]
    /// Every citation, in order of appearance.
    var citations: [Citation]
    /// Every link to another entry, in order; the body holds placeholders for their URLs and titles.
    var links: [EntryLink] = []
    /// Every plain Markdown link and image as written, with its position, for `parley check`.
    var markdownLinks: [MarkdownLink] = []
    /// The explanatory notes, in the order the text first refers to them.
    var footnotes: [Footnote] = []
    /// What is wrong with the notes (one referred to but not written, one written but never referred to). The
    /// entry's parse takes them into its own diagnostics, so that an entry holds none.
    var problems: [Diagnostic] = []
}

/// A heading of an entry body and its anchor.
struct Heading: Sendable, Hashable {
    var level: Int
    var id: String
    /// The heading's plain text.
    var text: String
    /// Its line in the entry's file.
    var line: Int
}

extension String {
    /// Escaped for HTML text and double-quoted attribute values.
    public var htmlEscaped: String { escapingHTML(apostrophes: false) }

    /// `&`, `<`, `>` and `"` (and `'` as `&#39;` when asked) replaced by their entities, byte by byte: the
    /// template engine's escaping.
    func escapingHTML(apostrophes: Bool) -> String { HTML.escape(self, apostrophes: apostrophes) }
}
