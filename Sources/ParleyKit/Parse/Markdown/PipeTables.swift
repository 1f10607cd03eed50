import CCmark

/// GitHub's pipe tables on top of cmark's parse tree, rendered byte for byte as `cmark-gfm --extension table`
/// renders them.
///
/// cmark (plain CommonMark) reads a table as a paragraph. This pass finds the paragraphs (and setext headings)
/// whose lines make a table by cmark-gfm's rules, and replaces each with custom blocks that write the table's
/// markup, holding each cell's inline content as cmark parses it. Nothing here parses Markdown: cmark parses the
/// blocks, and each piece of text that cmark-gfm would parse on its own (a cell, the paragraph a table
/// interrupts, the lines a table ends before) is parsed by cmark as a document of its own, whose nodes are moved
/// into the body. The passes after this one (citations, wiki links, headings) find those nodes as any other;
/// since cmark cannot be told where a moved node was written, the body's document keeps that position for them
/// (`CmarkDocument.startLine(_:)`).
///
/// Where cmark-gfm ends a table at a line that a paragraph would have gone on with (an indented line, a list item
/// that cannot interrupt a paragraph, an HTML tag alone on its line, a lazy line, a `---` under the table), the
/// lines left are parsed again as blocks of the table's container (or of the container the lazy line is in) and
/// put after the table. Blocks that cmark-gfm would then have gone on with past the paragraph's end are the
/// one thing not followed (README, "Tables").
struct PipeTables {
    let document: CmarkDocument
    let flags: Int32
    /// Whether a column's alignment is written as CSS (`style="text-align: right"`), which HTML allows, rather
    /// than cmark-gfm's `align` attribute, which HTML made obsolete.
    let alignsWithStyle: Bool
    /// The whole text, parsed again after the text of each piece, so that its link reference definitions apply.
    let text: [UInt8]
    let hasReferenceDefinitions: Bool
    /// The content offset of each list item (`marker_offset + padding`), found on the item's first line.
    private var itemWidths: [OpaquePointer: Int] = [:]

    /// Finds and builds the tables of a freshly parsed document.
    static func apply(to document: CmarkDocument, text: UnsafeBufferPointer<UInt8>, flags: Int32, alignsWithStyle: Bool = false) {
        guard SourceLines.hasDelimiterLikeLine(text), let source = SourceLines(text) else { return }
        var tables = PipeTables(
            document: document, flags: flags, alignsWithStyle: alignsWithStyle, text: Array(text),
            hasReferenceDefinitions: Self.contains(text, UInt8(ascii: "]"), UInt8(ascii: ":")))
        tables.process(root: document.root, source: source)
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ a: UInt8, _ b: UInt8) -> Bool {
        var index = 0
        while index + 1 < text.count {
            if text[index] == a, text[index + 1] == b { return true }
            index += 1
        }
        return false
    }

    // MARK: Finding tables

    /// The tables in the paragraphs and setext headings under `root`, whose text is `source`.
    private mutating func process(root: OpaquePointer, source: SourceLines) {
        var candidates: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING else { continue }
            let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
            if end > start, end <= source.lines.count, (start + 1...end).contains(where: { source.isDelimiterLike[$0 - 1] }) {
                candidates.append(node)
            }
        }
        cmark_iter_free(iterator)
        for node in candidates {
            if let table = find(in: node, source: source) { build(table, replacing: node, source: source) }
        }
    }

    /// A line of a paragraph as cmark-gfm sees it: after the prefixes of the containers it matches.
    struct ContentLine {
        /// Its number in the source, from 1.
        var number: Int
        /// How many of the paragraph's containers (block quotes and list items, outermost first) it matches; fewer
        /// than all means a lazy line.
        var depth: Int
        /// Where each container's prefix ends: `cursors[d]` after the first `d` containers.
        var cursors: [Cursor]
        /// Its first non-space character after them.
        var firstNonspace: Cursor
        var indent: Int { firstNonspace.column - cursors[depth].column }
    }

    struct Found {
        var lines: [ContentLine]
        var containers: [OpaquePointer]
        /// The index in `lines` of the header row; the delimiter row follows it.
        var header: Int
        var alignments: [PipeTableSyntax.Alignment]
        var headerCells: [PipeTableSyntax.Cell]
        var rows: [[PipeTableSyntax.Cell]]
        /// The index in `lines` of the first line after the table, if any is left.
        var end: Int
    }

    private mutating func find(in node: OpaquePointer, source: SourceLines) -> Found? {
        let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
        var containers: [OpaquePointer] = []
        var parent = cmark_node_parent(node)
        while let current = parent {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_ITEM { containers.insert(current, at: 0) }
            else if type != CMARK_NODE_LIST && type != CMARK_NODE_DOCUMENT { return nil }
            parent = cmark_node_parent(current)
        }
        let isHeading = cmark_node_get_type(node) == CMARK_NODE_HEADING
        var lines: [ContentLine] = []
        for number in start...end {
            guard let line = contentLine(number, containers: containers, source: source) else { return nil }
            lines.append(line)
            // A setext heading ends at its underline (cmark counts the line after it in the heading's end).
            if isHeading, lines.count > 1, line.depth == containers.count, line.indent < 4,
               PipeTableSyntax.isSetextUnderline(source.text(of: line)) { break }
        }
        // The prefixes must agree with cmark's own reading of the first line.
        guard lines[0].depth == containers.count,
              lines[0].firstNonspace.offset + 1 == Int(cmark_node_get_start_column(node)) else { return nil }

        // A setext heading's underline is read as one before any table (it is no delimiter row), but under a table
        // it is a row (`===`) or a thematic break (`---`).
        let lastDelimiter = isHeading ? lines.count - 2 : lines.count - 1
        guard lastDelimiter >= 1 else { return nil }
        for index in 1...lastDelimiter {
            let line = lines[index]
            let text = source.text(of: line)
            // A line of dashes alone is a setext underline to cmark-gfm before it is anything else, even where it
            // makes no heading (under reference definitions only).
            guard line.depth == containers.count, line.indent < 4, !PipeTableSyntax.isSetextUnderline(text),
                  PipeTableSyntax.isDelimiterRow(text), let delimiters = PipeTableSyntax.row(text),
                  let header = source.cells(of: lines[index - 1], keepingIndentation: index - 1 > 0 && lines[index - 1].depth < containers.count),
                  header.count == delimiters.count
            else { continue }
            var rows: [[PipeTableSyntax.Cell]] = []
            var next = index + 1
            while next < lines.count {
                let line = lines[next]
                guard line.depth == containers.count, !PipeTableSyntax.startsBlockInsideTable(source.text(of: line), indent: line.indent),
                      let cells = source.cells(of: line) else { break }
                rows.append(cells)
                next += 1
            }
            return Found(
                lines: lines, containers: containers, header: index - 1, alignments: delimiters.map(PipeTableSyntax.alignment),
                headerCells: header, rows: rows, end: next)
        }
        return nil
    }

    // MARK: Container prefixes

    /// A place in a line: a byte offset and a column, tabs counting to the next multiple of 4. A tab partly
    /// consumed (as by a block quote's optional space) leaves the column inside it, and the offset on it.
    struct Cursor: Equatable {
        var offset: Int
        var column: Int
        /// Whether the tab at `offset` is partly consumed.
        var partialTab = false
    }

    /// Line `number` read through `containers` as cmark's `check_open_blocks` reads it: each block quote's `>`, each
    /// list item's indentation, until one does not match (a lazy line). A container that starts on the line is read
    /// as cmark opens it. Nil when the line cannot be read so (it should not happen).
    private mutating func contentLine(_ number: Int, containers: [OpaquePointer], source: SourceLines) -> ContentLine? {
        let line = source.lines[number - 1]
        var cursor = Cursor(offset: 0, column: 0)
        var cursors = [cursor]
        for container in containers {
            let opens = Int(cmark_node_get_start_line(container)) == number
            if cmark_node_get_type(container) == CMARK_NODE_BLOCK_QUOTE {
                guard let next = Self.blockQuotePrefix(line, cursor) else { break }
                cursor = next
            } else if opens {
                guard let (next, _) = Self.listItemStart(line, cursor),
                      Self.firstNonspace(line, cursor).offset + 1 == Int(cmark_node_get_start_column(container))
                else { return nil }
                cursor = next
            } else {
                guard let width = itemWidth(container, source: source) else { return nil }
                let first = Self.firstNonspace(line, cursor)
                guard first.column - cursor.column >= width, !Self.isLineEnd(line, first.offset) else { break }
                cursor = Self.advance(line, cursor, columns: width)
            }
            cursors.append(cursor)
        }
        return ContentLine(number: number, depth: cursors.count - 1, cursors: cursors, firstNonspace: Self.firstNonspace(line, cursor))
    }

    /// A list item's content offset, read on its first line.
    private mutating func itemWidth(_ item: OpaquePointer, source: SourceLines) -> Int? {
        if let width = itemWidths[item] { return width }
        var containers: [OpaquePointer] = []
        var parent = cmark_node_parent(item)
        while let current = parent {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_ITEM { containers.insert(current, at: 0) }
            parent = cmark_node_parent(current)
        }
        let number = Int(cmark_node_get_start_line(item))
        guard number >= 1, number <= source.lines.count,
              let outer = contentLine(number, containers: containers, source: source), outer.depth == containers.count,
              let (_, width) = Self.listItemStart(source.lines[number - 1], outer.cursors[outer.depth])
        else { return nil }
        itemWidths[item] = width
        return width
    }

    static func isLineEnd(_ line: [UInt8], _ offset: Int) -> Bool {
        offset >= line.count || line[offset] == UInt8(ascii: "\n") || line[offset] == UInt8(ascii: "\r")
    }

    /// `S_find_first_nonspace`.
    static func firstNonspace(_ line: [UInt8], _ cursor: Cursor) -> Cursor {
        var cursor = cursor
        while cursor.offset < line.count {
            if line[cursor.offset] == UInt8(ascii: " ") {
                cursor.column += 1
            } else if line[cursor.offset] == UInt8(ascii: "\t") {
                cursor.column += 4 - cursor.column % 4
            } else {
                break
            }
            cursor.offset += 1
        }
        return cursor
    }

    /// `S_advance_offset` by columns: a tab wider than what is left is consumed in part.
    static func advance(_ line: [UInt8], _ cursor: Cursor, columns count: Int) -> Cursor {
        var cursor = cursor, count = count
        while count > 0, cursor.offset < line.count {
            if line[cursor.offset] == UInt8(ascii: "\t") {
                let toTab = 4 - cursor.column % 4
                let step = min(count, toTab)
                cursor.column += step
                cursor.partialTab = toTab > count
                if !cursor.partialTab { cursor.offset += 1 }
                count -= step
            } else {
                cursor.offset += 1
                cursor.column += 1
                cursor.partialTab = false
                count -= 1
            }
        }
        return cursor
    }

    /// `S_advance_offset` by bytes: a tab counts whole.
    static func advance(_ line: [UInt8], _ cursor: Cursor, bytes count: Int) -> Cursor {
        var cursor = cursor
        for _ in 0..<max(count, 0) where cursor.offset < line.count {
            cursor.column += line[cursor.offset] == UInt8(ascii: "\t") ? 4 - cursor.column % 4 : 1
            cursor.offset += 1
            cursor.partialTab = false
        }
        return cursor
    }

    /// A block quote's `>` (after up to three spaces) and one optional space.
    static func blockQuotePrefix(_ line: [UInt8], _ cursor: Cursor) -> Cursor? {
        let first = firstNonspace(line, cursor)
        guard first.column - cursor.column <= 3, first.offset < line.count, line[first.offset] == UInt8(ascii: ">") else { return nil }
        var next = advance(line, cursor, bytes: first.offset + 1 - cursor.offset)
        if next.offset < line.count, line[next.offset] == UInt8(ascii: " ") || line[next.offset] == UInt8(ascii: "\t") {
            next = advance(line, next, columns: 1)
        }
        return next
    }

    /// A list item opened on this line, as cmark's `open_new_blocks` opens it: where its content starts, and its
    /// content offset (`marker_offset + padding`).
    static func listItemStart(_ line: [UInt8], _ cursor: Cursor) -> (Cursor, Int)? {
        let first = firstNonspace(line, cursor)
        let indent = first.column - cursor.column
        guard indent < 4, let marker = PipeTableSyntax.listMarkerWidth(line[first.offset...]) else { return nil }
        let afterMarker = advance(line, cursor, bytes: first.offset + marker - cursor.offset)
        var probe = afterMarker
        while probe.column - afterMarker.column <= 5, probe.offset < line.count,
              line[probe.offset] == UInt8(ascii: " ") || line[probe.offset] == UInt8(ascii: "\t") {
            probe = advance(line, probe, columns: 1)
        }
        let spaces = probe.column - afterMarker.column
        if spaces >= 5 || spaces < 1 || isLineEnd(line, probe.offset) {
            return (spaces > 0 ? advance(line, afterMarker, columns: 1) : afterMarker, indent + marker + 1)
        }
        return (probe, indent + marker + spaces)
    }

    // MARK: Building

    private mutating func build(_ found: Found, replacing node: OpaquePointer, source: SourceLines) {
        // The lines before the header row: the paragraph the table interrupts, its `\|` unescaped as cmark-gfm
        // does, and never read for link reference definitions (cmark-gfm does not read them there either).
        if found.header > 0 {
            var lines: [AuxiliaryLine] = []
            for (index, line) in found.lines[..<found.header].enumerated() {
                let from = index == 0 ? line.firstNonspace : line.cursors[line.depth]
                // Later lines keep their indentation, so that cmark reads them as the paragraph's lines still.
                var auxiliary = source.auxiliaryLine(line.number, from: from, expandingIndentation: index > 0, unescapingPipes: true)
                if index == 0 { auxiliary.prefix("x ") }
                lines.append(auxiliary)
            }
            let (root, auxiliarySource) = parse(lines)
            if let paragraph = cmark_node_first_child(root), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH {
                Self.removePrefix(of: paragraph)
                cmark_node_unlink(paragraph)
                adopt(paragraph, from: auxiliarySource)
                cmark_node_insert_before(node, paragraph)
            }
        }

        cmark_node_insert_before(node, table(found, source: source))

        // The lines after the table: blocks of the table's container, or of the container a lazy line matches.
        if found.end < found.lines.count {
            let depth = found.lines[found.end].depth
            var lines: [AuxiliaryLine] = []
            for line in found.lines[found.end...] {
                lines.append(source.auxiliaryLine(line.number, from: line.cursors[min(depth, line.depth)], expandingIndentation: true))
            }
            let count = lines.count
            let (root, auxiliarySource) = parse(lines, closing: true)
            process(root: root, source: auxiliarySource)
            var anchor = node
            if depth < found.containers.count {
                // A lazy line closes the containers it does not match: its blocks go after them.
                let container = depth == 0 ? nil : found.containers[depth - 1]
                while let parent = cmark_node_parent(anchor), parent != container, cmark_node_get_type(parent) != CMARK_NODE_DOCUMENT {
                    anchor = parent
                }
            }
            var child = cmark_node_first_child(root)
            while let block = child, Int(cmark_node_get_start_line(block)) <= count {
                child = cmark_node_next(block)
                cmark_node_unlink(block)
                adopt(block, from: auxiliarySource)
                cmark_node_insert_after(anchor, block)
                anchor = block
            }
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// The table's markup in custom blocks: each cell a custom block holding its opening tag, its inline content,
    /// and its closing tag (never a custom inline around the content, which the passes after this take for a link).
    private mutating func table(_ found: Found, source: SourceLines) -> OpaquePointer {
        let columns = found.alignments.count
        let headerLine = found.lines[found.header]
        var rows: [(line: ContentLine, cells: [PipeTableSyntax.Cell])] = [(headerLine, found.headerCells)]
        for (index, cells) in found.rows.enumerated() { rows.append((found.lines[found.header + 2 + index], cells)) }

        // Every cell's text, each a paragraph of its own after `x `, parsed together.
        var lines: [AuxiliaryLine] = []
        var cellLine: [[Int?]] = []
        for row in rows {
            var numbers: [Int?] = []
            for column in 0..<columns {
                guard column < row.cells.count else { numbers.append(nil); continue }
                var line = source.auxiliaryLine(row.line.number, bytes: row.cells[column].text, offsets: row.cells[column].offsets)
                line.prefix("x ")
                lines.append(line)
                numbers.append(lines.count)
                lines.append(AuxiliaryLine(bytes: [], origin: LineOrigin(line: row.line.number, offsets: [])))
            }
            cellLine.append(numbers)
        }
        let (root, auxiliarySource) = parse(lines)
        var paragraphs: [Int: OpaquePointer] = [:]
        var child = cmark_node_first_child(root)
        while let block = child {
            paragraphs[Int(cmark_node_get_start_line(block))] = block
            child = cmark_node_next(block)
        }

        let table = Self.block("<table>", "</table>")
        for index in rows.indices {
            let isHeader = index == 0
            if index <= 1 {
                cmark_node_append_child(table, Self.block(isHeader ? "<thead>" : "<tbody>", isHeader ? "</thead>" : "</tbody>"))
            }
            let tr = Self.block("<tr>", "</tr>")
            cmark_node_append_child(cmark_node_last_child(table), tr)
            let tag = isHeader ? "th" : "td"
            for column in 0..<columns {
                let cell = Self.block("", "")
                let open: String
                switch found.alignments[column] {
                case .none: open = "<\(tag)>"
                case .left: open = alignsWithStyle ? "<\(tag) style=\"text-align: left\">" : "<\(tag) align=\"left\">"
                case .center: open = alignsWithStyle ? "<\(tag) style=\"text-align: center\">" : "<\(tag) align=\"center\">"
                case .right: open = alignsWithStyle ? "<\(tag) style=\"text-align: right\">" : "<\(tag) align=\"right\">"
                }
                cmark_node_append_child(cell, Self.inline(open))
                if let number = cellLine[index][column] ?? nil, let paragraph = paragraphs[number],
                   cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH {
                    Self.removePrefix(of: paragraph)
                    while let inline = cmark_node_first_child(paragraph) {
                        cmark_node_unlink(inline)
                        adopt(inline, from: auxiliarySource)
                        cmark_node_append_child(cell, inline)
                    }
                }
                cmark_node_append_child(cell, Self.inline("</\(tag)>"))
                cmark_node_append_child(tr, cell)
            }
        }
        return table
    }

    static func block(_ enter: String, _ exit: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    static func inline(_ html: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, html)
        cmark_node_set_on_exit(node, "")
        return node
    }

    /// Removes the `x ` put before a piece of text so that cmark reads it as a paragraph's inline content only.
    static func removePrefix(of paragraph: OpaquePointer) {
        guard let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(first)
        else { return }
        if strcmp(literal, "x") == 0 || strcmp(literal, "x ") == 0 {
            cmark_node_unlink(first)
            cmark_node_free(first)
        } else if strncmp(literal, "x ", 2) == 0 {
            cmark_node_set_literal(first, literal + 2)
        }
    }

    /// Parses auxiliary lines as a document the body's document keeps until it is freed, with the whole text
    /// after them (when it may define link references); `closing` puts a paragraph between, which closes
    /// whatever block the lines leave open.
    private func parse(_ lines: [AuxiliaryLine], closing: Bool = false) -> (OpaquePointer, SourceLines) {
        var bytes: [UInt8] = []
        var needsReferences = false
        for line in lines {
            bytes += line.bytes
            bytes.append(UInt8(ascii: "\n"))
            if hasReferenceDefinitions, line.bytes.contains(UInt8(ascii: "[")) { needsReferences = true }
        }
        let source = SourceLines(auxiliary: lines)
        if needsReferences {
            bytes += closing ? Array("\nx\n\n".utf8) : Array("\n".utf8)
            bytes += text
        }
        let root = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress!, $0.count, flags) }
        }!
        document.keep(root)
        return (root, source)
    }

    /// Records where each node of a subtree moved in from an auxiliary document was written.
    private func adopt(_ subtree: OpaquePointer, from source: SourceLines) {
        let iterator = cmark_iter_new(subtree)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), !CmarkDocument.hasPosition(node) else { continue }
            let line = Int(cmark_node_get_start_line(node))
            guard line >= 1 else { continue }
            let location = source.location(line: line, column: Int(cmark_node_get_start_column(node)))
            CmarkDocument.setPosition(node, line: location.line, column: location.column)
        }
    }
}

/// Where a line of an auxiliary document was written in the body: its line, and each byte's offset in it.
struct LineOrigin {
    var line: Int
    var offsets: [Int]
}

/// A line of text given to cmark on its own, and where it was written.
struct AuxiliaryLine {
    var bytes: [UInt8]
    var origin: LineOrigin

    /// Text put before the line, standing for its first byte.
    mutating func prefix(_ text: String) {
        let first = origin.offsets.first ?? 0
        bytes.insert(contentsOf: Array(text.utf8), at: 0)
        origin.offsets.insert(contentsOf: Array(repeating: first, count: text.utf8.count), at: 0)
    }
}

/// The lines of a text cmark parsed, split as cmark splits them, each with its line ending (`\n` for a last line
/// without one, as cmark adds); for an auxiliary document, where each was written in the body.
struct SourceLines {
    var lines: [[UInt8]]
    /// nil: the lines are the body's own.
    var origins: [LineOrigin]?
    /// Whether each line could be a delimiter row (only `-`, `|`, `:`, spaces and `>`, with a `-` and a `|` or `:`).
    var isDelimiterLike: [Bool]

    /// Whether any line of a text could be a delimiter row, in one pass over its bytes: most bodies have none,
    /// and need nothing more.
    static func hasDelimiterLikeLine(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return false }
        let count = text.count
        var index = 0
        while index < count {
            var dash = false, pipeOrColon = false, possible = true
            var end = index
            scan: while end < count {
                switch text[end] {
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"): break scan
                case UInt8(ascii: "-"): dash = true
                case UInt8(ascii: "|"), UInt8(ascii: ":"): pipeOrColon = true
                case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C, UInt8(ascii: ">"): break
                default:
                    // Not this line: on to the next (a delimiter row ends with `\n`, which `\r\n` holds too).
                    possible = false
                    guard let newline = memchr(base + end, Int32(UInt8(ascii: "\n")), count - end) else { return false }
                    end = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
                    break scan
                }
                end += 1
            }
            if possible, dash, pipeOrColon { return true }
            index = end + 1
        }
        return false
    }

    init?(_ text: UnsafeBufferPointer<UInt8>) {
        guard !text.isEmpty else { return nil }
        var lines: [[UInt8]] = []
        var start = 0, index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                var end = index + 1
                if byte == UInt8(ascii: "\r"), end < text.count, text[end] == UInt8(ascii: "\n") { end += 1 }
                lines.append(Array(text[start..<end]))
                start = end
                index = end
            } else {
                index += 1
            }
        }
        if start < text.count { lines.append(Array(text[start...]) + [UInt8(ascii: "\n")]) }
        self.init(lines: lines, origins: nil)
    }

    init(auxiliary: [AuxiliaryLine]) {
        self.init(lines: auxiliary.map { $0.bytes + [UInt8(ascii: "\n")] }, origins: auxiliary.map(\.origin))
    }

    private init(lines: [[UInt8]], origins: [LineOrigin]?) {
        self.lines = lines
        self.origins = origins
        isDelimiterLike = lines.map { line in
            var dash = false, pipeOrColon = false
            for byte in line {
                switch byte {
                case UInt8(ascii: "-"): dash = true
                case UInt8(ascii: "|"), UInt8(ascii: ":"): pipeOrColon = true
                case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C, UInt8(ascii: ">"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): break
                default: return false
                }
            }
            return dash && pipeOrColon
        }
    }

    /// A content line's text from its first non-space character, with its line ending.
    func text(of line: PipeTables.ContentLine) -> ArraySlice<UInt8> {
        lines[line.number - 1][line.firstNonspace.offset...]
    }

    /// The cells of a content line read as a row, each byte's offset in the line. A lazy line, in the paragraph
    /// before a header row, keeps the white space before it (cmark-gfm's paragraph holds it so: `  | a |` is a
    /// row of two cells there, the first one empty), a partly consumed tab as spaces.
    func cells(of line: PipeTables.ContentLine, keepingIndentation: Bool = false) -> [PipeTableSyntax.Cell]? {
        guard keepingIndentation else {
            let start = line.firstNonspace.offset
            return PipeTableSyntax.row(text(of: line)).map { cells in
                cells.map { PipeTableSyntax.Cell(text: $0.text, offsets: $0.offsets.map { $0 + start }) }
            }
        }
        let bytes = lines[line.number - 1]
        let cursor = line.cursors[line.depth]
        var text: [UInt8] = [], offsets: [Int] = []
        var start = cursor.offset
        if cursor.partialTab {
            let spaces = 4 - cursor.column % 4
            text = Array(repeating: UInt8(ascii: " "), count: spaces)
            offsets = Array(repeating: cursor.offset, count: spaces)
            start += 1
        }
        text += bytes[min(start, bytes.count)...]
        offsets += Array(min(start, bytes.count)..<bytes.count)
        return PipeTableSyntax.row(text[...]).map { cells in
            cells.map { PipeTableSyntax.Cell(text: $0.text, offsets: $0.offsets.map { offsets[$0] }) }
        }
    }

    /// Where a position in these lines (line and byte column from 1) was written in the body.
    func location(line: Int, column: Int) -> (line: Int, column: Int) {
        guard let origins else { return (line, column) }
        guard line >= 1, line <= origins.count else { return (line, column) }
        let origin = origins[line - 1]
        let index = column - 1
        if index >= 0, index < origin.offsets.count { return (origin.line, origin.offsets[index] + 1) }
        return (origin.line, (origin.offsets.last ?? -1) + 2)
    }

    private func origin(_ number: Int, _ offsets: [Int]) -> LineOrigin {
        guard let origins else { return LineOrigin(line: number, offsets: offsets) }
        let origin = origins[number - 1]
        return LineOrigin(line: origin.line, offsets: offsets.map { $0 < origin.offsets.count ? origin.offsets[$0] : (origin.offsets.last ?? -1) + 1 })
    }

    /// Some bytes of line `number`, written at `offsets`, as an auxiliary line.
    func auxiliaryLine(_ number: Int, bytes: [UInt8], offsets: [Int]) -> AuxiliaryLine {
        AuxiliaryLine(bytes: bytes, origin: origin(number, offsets))
    }

    /// Line `number` from `cursor` to its end (without its line ending), as an auxiliary line. Its leading white
    /// space can be written as the spaces it stands for (a tab's width depends on its column), and `\|` made `|`.
    func auxiliaryLine(_ number: Int, from cursor: PipeTables.Cursor, expandingIndentation: Bool = false, unescapingPipes: Bool = false) -> AuxiliaryLine {
        let line = lines[number - 1]
        var end = line.count
        while end > cursor.offset, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var bytes: [UInt8] = [], offsets: [Int] = []
        var start = cursor.offset
        if expandingIndentation {
            let first = PipeTables.firstNonspace(line, cursor)
            bytes = Array(repeating: UInt8(ascii: " "), count: first.column - cursor.column)
            offsets = Array(repeating: first.offset, count: bytes.count)
            start = first.offset
        }
        if unescapingPipes {
            let (text, textOffsets) = PipeTableSyntax.unescapingPipes(line[start..<max(start, end)], offsetBy: start)
            bytes += text
            offsets += textOffsets
        } else {
            bytes += line[start..<max(start, end)]
            offsets += Array(start..<max(start, end))
        }
        return auxiliaryLine(number, bytes: bytes, offsets: offsets)
    }
}
