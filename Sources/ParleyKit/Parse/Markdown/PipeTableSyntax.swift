/// The line-level syntax of GitHub's pipe tables, scanned byte for byte as cmark-gfm's table extension scans it
/// (`extensions/ext_scanners.re` and `row_from_string` in `extensions/table.c`, version 0.29.0.gfm.6).
///
/// This is not a Markdown parser: cmark has already parsed the blocks, and `PipeTables` only asks of a paragraph's
/// lines what cmark-gfm's table extension asks of them. Every function takes one line from its first non-space
/// character, with its line ending (`\n`, `\r\n`, or the `\n` cmark adds to a last line without one).
enum PipeTableSyntax {
    enum Alignment: Equatable { case none, left, center, right }

    /// One cell of a row: its text with `\|` made `|` and surrounding white space trimmed, as cmark-gfm gives
    /// it to the inline parser, and where each of its bytes was written in the line.
    struct Cell: Equatable {
        var text: [UInt8]
        /// For each byte of `text`, its offset in the line.
        var offsets: [Int]
    }

    /// `[ \t\v\f]`, re2c's `spacechar` in cmark-gfm's extension scanners.
    static func isSpaceChar(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C }

    /// `cmark_isspace`: the white space `cmark_strbuf_trim` removes.
    static func isCmarkSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// `scan_table_start`: `[|]? table_marker ([|] table_marker)* [|]? spacechar* newline`, where a marker is
    /// `spacechar* :? -+ :? spacechar*`.
    static func isDelimiterRow(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        let end = line.endIndex
        func marker() -> Bool {
            var j = i
            while j < end, isSpaceChar(line[j]) { j += 1 }
            if j < end, line[j] == UInt8(ascii: ":") { j += 1 }
            let dashes = j
            while j < end, line[j] == UInt8(ascii: "-") { j += 1 }
            guard j > dashes else { return false }
            if j < end, line[j] == UInt8(ascii: ":") { j += 1 }
            while j < end, isSpaceChar(line[j]) { j += 1 }
            i = j
            return true
        }
        if i < end, line[i] == UInt8(ascii: "|") { i += 1 }
        guard marker() else { return false }
        while i < end, line[i] == UInt8(ascii: "|") {
            let pipe = i
            i += 1
            if !marker() {
                i = pipe
                break
            }
        }
        if i < end, line[i] == UInt8(ascii: "|") { i += 1 }
        while i < end, isSpaceChar(line[i]) { i += 1 }
        if i < end, line[i] == UInt8(ascii: "\r") { i += 1 }
        return i < end && line[i] == UInt8(ascii: "\n")
    }

    /// The alignment a delimiter row's cell gives its column.
    static func alignment(_ cell: Cell) -> Alignment {
        let left = cell.text.first == UInt8(ascii: ":"), right = cell.text.last == UInt8(ascii: ":")
        return left && right ? .center : left ? .left : right ? .right : .none
    }

    /// `row_from_string`: the cells of a row, or nil when the line is no row (it has no cell, as a lone `|`).
    static func row(_ line: ArraySlice<UInt8>) -> [Cell]? {
        let end = line.endIndex
        var cells: [Cell] = []
        var offset = line.startIndex + cellEnd(line, at: line.startIndex)
        var expectMoreCells = true
        while offset < end, expectMoreCells {
            let cellLength = cellContent(line, at: offset)
            let pipeLength = cellEnd(line, at: offset + cellLength)
            if cellLength > 0 || pipeLength > 0 {
                cells.append(cell(line, from: offset, length: cellLength))
            }
            offset += cellLength + pipeLength
            if pipeLength > 0 {
                expectMoreCells = true
            } else {
                let rowEnd = rowEnd(line, at: offset)
                offset += rowEnd
                if rowEnd > 0, offset != end {
                    // More text after a line ending: that line was no row but text before it (only in a
                    // paragraph's whole content, which cmark-gfm scans for its header row).
                    cells = []
                    offset += cellEnd(line, at: offset)
                    expectMoreCells = true
                } else {
                    expectMoreCells = false
                }
            }
        }
        return offset != end || cells.isEmpty ? nil : cells
    }

    /// `table_cell`: `(\\| | [^|\r\n])+`, longest match.
    private static func cellContent(_ line: ArraySlice<UInt8>, at start: Int) -> Int {
        var i = start
        while i < line.endIndex {
            let byte = line[i]
            if byte == UInt8(ascii: "\\"), i + 1 < line.endIndex, line[i + 1] == UInt8(ascii: "|") {
                i += 2
            } else if byte == UInt8(ascii: "|") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                break
            } else {
                i += 1
            }
        }
        return i - start
    }

    /// `[|] spacechar*`.
    private static func cellEnd(_ line: ArraySlice<UInt8>, at start: Int) -> Int {
        guard start < line.endIndex, line[start] == UInt8(ascii: "|") else { return 0 }
        var i = start + 1
        while i < line.endIndex, isSpaceChar(line[i]) { i += 1 }
        return i - start
    }

    /// `spacechar* newline`, where a newline is `\r?\n`.
    private static func rowEnd(_ line: ArraySlice<UInt8>, at start: Int) -> Int {
        var i = start
        while i < line.endIndex, isSpaceChar(line[i]) { i += 1 }
        if i < line.endIndex, line[i] == UInt8(ascii: "\r") { i += 1 }
        guard i < line.endIndex, line[i] == UInt8(ascii: "\n") else { return 0 }
        return i + 1 - start
    }

    /// `unescape_pipes` then `cmark_strbuf_trim`, keeping each byte's offset.
    private static func cell(_ line: ArraySlice<UInt8>, from start: Int, length: Int) -> Cell {
        var (text, offsets) = unescapingPipes(line[start..<start + length], offsetBy: start - line.startIndex)
        var first = 0, last = text.count
        while first < last, isCmarkSpace(text[first]) { first += 1 }
        while last > first, isCmarkSpace(text[last - 1]) { last -= 1 }
        text = Array(text[first..<last])
        offsets = Array(offsets[first..<last])
        return Cell(text: text, offsets: offsets)
    }

    /// `\|` made `|` (cmark-gfm's `unescape_pipes`), with each remaining byte's offset (from `offset` on).
    static func unescapingPipes(_ bytes: ArraySlice<UInt8>, offsetBy offset: Int) -> (text: [UInt8], offsets: [Int]) {
        var text: [UInt8] = [], offsets: [Int] = []
        text.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "|") { i += 1 }
            text.append(bytes[i])
            offsets.append(i - bytes.startIndex + offset)
            i += 1
        }
        return (text, offsets)
    }

    // MARK: What ends a table but not a paragraph

    /// Whether a line inside a table starts another block in cmark-gfm, where the same line inside a paragraph
    /// continues it: the block starts a paragraph cannot be interrupted by (`indent` is the line's indentation
    /// in columns, from its container's content). Those a paragraph can be interrupted by never reach here, since
    /// cmark has already ended the paragraph there; they are checked too, for a heading's underline and for
    /// safety.
    static func startsBlockInsideTable(_ line: ArraySlice<UInt8>, indent: Int) -> Bool {
        if indent >= 4 { return true }  // an indented code block
        guard let first = line.first else { return false }
        switch first {
        case UInt8(ascii: ">"):
            return true
        case UInt8(ascii: "#"):
            return isATXHeading(line)
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            return isCodeFence(line)
        case UInt8(ascii: "<"):
            return isHTMLBlockStart7(line)
        default:
            return isThematicBreak(line) || listMarkerWidth(line) != nil
        }
    }

    /// `[#]{1,6} ([ \t]+ | [\r\n])`.
    static func isATXHeading(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        while i < line.endIndex, line[i] == UInt8(ascii: "#") { i += 1 }
        let level = i - line.startIndex
        guard (1...6).contains(level), i < line.endIndex else { return false }
        return [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(line[i])
    }

    /// A setext heading's underline: `[=]+ [ \t]* newline` or `[-]+ [ \t]* newline`.
    static func isSetextUnderline(_ line: ArraySlice<UInt8>) -> Bool {
        guard let mark = line.first, mark == UInt8(ascii: "=") || mark == UInt8(ascii: "-") else { return false }
        var i = line.startIndex
        while i < line.endIndex, line[i] == mark { i += 1 }
        while i < line.endIndex, line[i] == UInt8(ascii: " ") || line[i] == UInt8(ascii: "\t") { i += 1 }
        return i < line.endIndex && (line[i] == UInt8(ascii: "\n") || line[i] == UInt8(ascii: "\r"))
    }

    /// Three or more backticks (with no backtick after them) or tildes.
    static func isCodeFence(_ line: ArraySlice<UInt8>) -> Bool {
        guard let fence = line.first else { return false }
        var i = line.startIndex
        while i < line.endIndex, line[i] == fence { i += 1 }
        guard i - line.startIndex >= 3 else { return false }
        return fence == UInt8(ascii: "~") || !line[i...].contains(UInt8(ascii: "`"))
    }

    /// Three or more `*`, `-` or `_`, the same, with only spaces and tabs between and after them.
    static func isThematicBreak(_ line: ArraySlice<UInt8>) -> Bool {
        guard let mark = line.first, [UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "_")].contains(mark) else {
            return false
        }
        var count = 0
        for byte in line {
            if byte == mark {
                count += 1
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                continue
            } else if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                break
            } else {
                return false
            }
        }
        return count >= 3
    }

    /// The width of a list item's marker (`-`, `+`, `*`, or up to nine digits and `.` or `)`), followed by white
    /// space or the line's end; nil when the line starts with none. cmark's `parse_list_marker` outside a
    /// paragraph: an empty item, or one numbered from other than 1, counts.
    static func listMarkerWidth(_ line: ArraySlice<UInt8>) -> Int? {
        guard let first = line.first else { return nil }
        var i = line.startIndex
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") {
            i += 1
        } else {
            while i < line.endIndex, i - line.startIndex < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[i])
            { i += 1 }
            guard i > line.startIndex, i < line.endIndex, line[i] == UInt8(ascii: ".") || line[i] == UInt8(ascii: ")")
            else { return nil }
            i += 1
        }
        guard i < line.endIndex, isCmarkSpace(line[i]) else { return nil }
        return i - line.startIndex
    }

    /// cmark's `scan_html_block_start_7`: a whole open or closing tag alone on its line,
    /// `[<] (opentag | closetag) [\t\n\f ]* [\r\n]`.
    static func isHTMLBlockStart7(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        let end = line.endIndex
        func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        // cmark's `spacechar` in its HTML scanners: [ \t\v\f\r\n].
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        func skipSpaces() -> Int {
            let start = i
            while i < end, isSpace(line[i]) { i += 1 }
            return i - start
        }
        func tagName() -> Bool {
            guard i < end, isAlpha(line[i]) else { return false }
            i += 1
            while i < end, isAlpha(line[i]) || isDigit(line[i]) || line[i] == UInt8(ascii: "-") { i += 1 }
            return true
        }
        guard i < end, line[i] == UInt8(ascii: "<") else { return false }
        i += 1
        if i < end, line[i] == UInt8(ascii: "/") {
            i += 1
            guard tagName() else { return false }
            _ = skipSpaces()
            guard i < end, line[i] == UInt8(ascii: ">") else { return false }
            i += 1
        } else {
            guard tagName() else { return false }
            // attribute*: spacechar+ name (spacechar* = spacechar* value)?
            while true {
                let save = i
                guard skipSpaces() > 0, i < end,
                    isAlpha(line[i]) || line[i] == UInt8(ascii: "_") || line[i] == UInt8(ascii: ":")
                else {
                    i = save
                    break
                }
                i += 1
                while i < end,
                    isAlpha(line[i]) || isDigit(line[i])
                        || [UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-")].contains(
                            line[i])
                { i += 1 }
                let afterName = i
                _ = skipSpaces()
                guard i < end, line[i] == UInt8(ascii: "=") else {
                    i = afterName
                    continue
                }
                i += 1
                _ = skipSpaces()
                guard i < end else { return false }
                let quote = line[i]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    i += 1
                    while i < end, line[i] != quote, line[i] != 0 { i += 1 }
                    guard i < end, line[i] == quote else { return false }
                    i += 1
                } else {
                    let start = i
                    while i < end, !isSpace(line[i]),
                        ![
                            UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "="), UInt8(ascii: "<"),
                            UInt8(ascii: ">"), UInt8(ascii: "`"), 0,
                        ].contains(line[i])
                    { i += 1 }
                    guard i > start else { return false }
                }
            }
            _ = skipSpaces()
            if i < end, line[i] == UInt8(ascii: "/") { i += 1 }
            guard i < end, line[i] == UInt8(ascii: ">") else { return false }
            i += 1
        }
        while i < end, [UInt8(ascii: "\t"), UInt8(ascii: "\n"), 0x0C, UInt8(ascii: " ")].contains(line[i]) {
            if line[i] == UInt8(ascii: "\n") { return true }
            i += 1
        }
        return i < end && line[i] == UInt8(ascii: "\r")
    }
}
