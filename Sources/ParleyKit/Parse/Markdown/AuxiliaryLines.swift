import CCmark

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
                case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C, UInt8(ascii: ">"), UInt8(ascii: "\r"),
                    UInt8(ascii: "\n"):
                    break
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
        return LineOrigin(
            line: origin.line,
            offsets: offsets.map { $0 < origin.offsets.count ? origin.offsets[$0] : (origin.offsets.last ?? -1) + 1 })
    }

    /// Some bytes of line `number`, written at `offsets`, as an auxiliary line.
    func auxiliaryLine(_ number: Int, bytes: [UInt8], offsets: [Int]) -> AuxiliaryLine {
        AuxiliaryLine(bytes: bytes, origin: origin(number, offsets))
    }

    /// Line `number` from `cursor` to its end (without its line ending), as an auxiliary line. Its leading white
    /// space can be written as the spaces it stands for (a tab's width depends on its column), and `\|` made `|`.
    func auxiliaryLine(
        _ number: Int, from cursor: PipeTables.Cursor, expandingIndentation: Bool = false, unescapingPipes: Bool = false
    ) -> AuxiliaryLine {
        let line = lines[number - 1]
        var end = line.count
        while end > cursor.offset, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
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
