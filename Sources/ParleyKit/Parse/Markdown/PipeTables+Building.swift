import CCmark

extension PipeTables {
    mutating func build(_ found: Found, replacing node: OpaquePointer, source: SourceLines) {
        // The lines before the header row: the paragraph the table interrupts, its `\|` unescaped as cmark-gfm
        // does, and never read for link reference definitions (cmark-gfm does not read them there either).
        if found.header > 0 {
            var lines: [AuxiliaryLine] = []
            for (index, line) in found.lines[..<found.header].enumerated() {
                let from = index == 0 ? line.firstNonspace : line.cursors[line.depth]
                // Later lines keep their indentation, so that cmark reads them as the paragraph's lines still.
                var auxiliary = source.auxiliaryLine(
                    line.number, from: from, expandingIndentation: index > 0, unescapingPipes: true)
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
                lines.append(
                    source.auxiliaryLine(
                        line.number, from: line.cursors[min(depth, line.depth)], expandingIndentation: true))
            }
            let count = lines.count
            let (root, auxiliarySource) = parse(lines, closing: true)
            process(root: root, source: auxiliarySource)
            var anchor = node
            if depth < found.containers.count {
                // A lazy line closes the containers it does not match: its blocks go after them.
                let container = depth == 0 ? nil : found.containers[depth - 1]
                while let parent = cmark_node_parent(anchor), parent != container,
                    cmark_node_get_type(parent) != CMARK_NODE_DOCUMENT
                {
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
    mutating func table(_ found: Found, source: SourceLines) -> OpaquePointer {
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
                guard column < row.cells.count else {
                    numbers.append(nil)
                    continue
                }
                var line = source.auxiliaryLine(
                    row.line.number, bytes: row.cells[column].text, offsets: row.cells[column].offsets)
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
                cmark_node_append_child(
                    table, Self.block(isHeader ? "<thead>" : "<tbody>", isHeader ? "</thead>" : "</tbody>"))
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
                case .center:
                    open = alignsWithStyle ? "<\(tag) style=\"text-align: center\">" : "<\(tag) align=\"center\">"
                case .right:
                    open = alignsWithStyle ? "<\(tag) style=\"text-align: right\">" : "<\(tag) align=\"right\">"
                }
                cmark_node_append_child(cell, Self.inline(open))
                if let number = cellLine[index][column] ?? nil, let paragraph = paragraphs[number],
                    cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH
                {
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
    func parse(_ lines: [AuxiliaryLine], closing: Bool = false) -> (OpaquePointer, SourceLines) {
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
    func adopt(_ subtree: OpaquePointer, from source: SourceLines) {
        let iterator = cmark_iter_new(subtree)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), !CmarkDocument.hasPosition(node)
            else { continue }
            let line = Int(cmark_node_get_start_line(node))
            guard line >= 1 else { continue }
            let location = source.location(line: line, column: Int(cmark_node_get_start_column(node)))
            CmarkDocument.setPosition(node, line: location.line, column: location.column)
        }
    }
}
