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
    var itemWidths: [OpaquePointer: Int] = [:]

    /// Finds and builds the tables of a freshly parsed document.
    static func apply(
        to document: CmarkDocument, text: UnsafeBufferPointer<UInt8>, flags: Int32, alignsWithStyle: Bool = false
    ) {
        guard SourceLines.hasDelimiterLikeLine(text), let source = SourceLines(text) else { return }
        var tables = PipeTables(
            document: document, flags: flags, alignsWithStyle: alignsWithStyle, text: Array(text),
            hasReferenceDefinitions: Self.contains(text, UInt8(ascii: "]"), UInt8(ascii: ":")))
        tables.process(root: document.root, source: source)
    }

    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ a: UInt8, _ b: UInt8) -> Bool {
        var index = 0
        while index + 1 < text.count {
            if text[index] == a, text[index + 1] == b { return true }
            index += 1
        }
        return false
    }

    // MARK: Finding tables

    /// The tables in the paragraphs and setext headings under `root`, whose text is `source`.
    mutating func process(root: OpaquePointer, source: SourceLines) {
        var candidates: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING else { continue }
            let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
            if end > start, end <= source.lines.count,
                (start + 1...end).contains(where: { source.isDelimiterLike[$0 - 1] })
            {
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

    mutating func find(in node: OpaquePointer, source: SourceLines) -> Found? {
        let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
        var containers: [OpaquePointer] = []
        var parent = cmark_node_parent(node)
        while let current = parent {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_ITEM {
                containers.insert(current, at: 0)
            } else if type != CMARK_NODE_LIST && type != CMARK_NODE_DOCUMENT {
                return nil
            }
            parent = cmark_node_parent(current)
        }
        let isHeading = cmark_node_get_type(node) == CMARK_NODE_HEADING
        var lines: [ContentLine] = []
        for number in start...end {
            guard let line = contentLine(number, containers: containers, source: source) else { return nil }
            lines.append(line)
            // A setext heading ends at its underline (cmark counts the line after it in the heading's end).
            if isHeading, lines.count > 1, line.depth == containers.count, line.indent < 4,
                PipeTableSyntax.isSetextUnderline(source.text(of: line))
            {
                break
            }
        }
        // The prefixes must agree with cmark's own reading of the first line.
        guard lines[0].depth == containers.count,
            lines[0].firstNonspace.offset + 1 == Int(cmark_node_get_start_column(node))
        else { return nil }

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
                let header = source.cells(
                    of: lines[index - 1], keepingIndentation: index - 1 > 0 && lines[index - 1].depth < containers.count
                ),
                header.count == delimiters.count
            else { continue }
            var rows: [[PipeTableSyntax.Cell]] = []
            var next = index + 1
            while next < lines.count {
                let line = lines[next]
                guard line.depth == containers.count,
                    !PipeTableSyntax.startsBlockInsideTable(source.text(of: line), indent: line.indent),
                    let cells = source.cells(of: line)
                else { break }
                rows.append(cells)
                next += 1
            }
            return Found(
                lines: lines, containers: containers, header: index - 1,
                alignments: delimiters.map(PipeTableSyntax.alignment),
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
    mutating func contentLine(_ number: Int, containers: [OpaquePointer], source: SourceLines) -> ContentLine? {
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
        return ContentLine(
            number: number, depth: cursors.count - 1, cursors: cursors, firstNonspace: Self.firstNonspace(line, cursor))
    }

    /// A list item's content offset, read on its first line.
    mutating func itemWidth(_ item: OpaquePointer, source: SourceLines) -> Int? {
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
        guard first.column - cursor.column <= 3, first.offset < line.count, line[first.offset] == UInt8(ascii: ">")
        else { return nil }
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
            line[probe.offset] == UInt8(ascii: " ") || line[probe.offset] == UInt8(ascii: "\t")
        {
            probe = advance(line, probe, columns: 1)
        }
        let spaces = probe.column - afterMarker.column
        if spaces >= 5 || spaces < 1 || isLineEnd(line, probe.offset) {
            return (spaces > 0 ? advance(line, afterMarker, columns: 1) : afterMarker, indent + marker + 1)
        }
        return (probe, indent + marker + spaces)
    }
}
