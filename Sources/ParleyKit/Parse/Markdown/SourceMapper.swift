import Foundation

/// Maps offsets in a cmark text node's literal back to the characters written in the source.
///
/// cmark resolves backslash escapes, entities and (with smart punctuation) quotes, dashes and ellipses in the
/// literal, so an offset in the literal is not a column in the file. Walking the source line alongside the
/// literal recovers both the column of any character and whether it was written escaped (`\@`).
struct SourceMapper {
    /// Unicode scalars of the source line the node starts on (empty when `identity` maps it).
    private var line: [Unicode.Scalar] = []
    /// For each literal offset: its column in the line (from 1) and whether it was backslash-escaped.
    private(set) var columns: [Int] = []
    private(set) var escaped: [Bool] = []
    /// When the literal is the line as written from the node's start (no backslash, no entity, no dash or
    /// ellipsis made from a run): the scalar index where the node starts and the line's length in scalars.
    /// Most lines are so, and need neither table.
    private var identity: (start: Int, count: Int)?

    /// - Parameters:
    ///   - literal: the text node's literal.
    ///   - line: the source line the node starts on.
    ///   - startColumn: the node's start column as cmark reports it, in bytes from 1.
    init(literal: String, line: String, startColumn: Int) {
        self.init(literal: literal, line: SourceLine(line), startColumn: startColumn)
    }

    /// The same with the line's scalars and byte offsets counted already: a long line that holds many text
    /// nodes is counted once, not once for each of them.
    init(literal: String, line source: SourceLine, startColumn: Int) {
        var literal = literal
        let typographic = literal.withUTF8 { $0.count > 0 && memchr($0.baseAddress!, 0xE2, $0.count) != nil }
        // cmark counts bytes; find the scalar index where the node starts.
        var position = source.scalarCount(beforeByte: startColumn - 1)
        if !typographic, source.isPlain {
            identity = (position, source.scalars.count)
            return
        }
        self.line = source.scalars
        let count = literal.unicodeScalars.count
        columns.reserveCapacity(count)
        escaped.reserveCapacity(count)
        for scalar in literal.unicodeScalars {
            let column = min(position, max(self.line.count - 1, 0)) + 1
            var wasEscaped = false
            if position < self.line.count {
                let source = self.line[position]
                if source == "\\", position + 1 < self.line.count, self.line[position + 1] == scalar,
                    Self.escapable.contains(scalar)
                {
                    wasEscaped = true
                    position += 2
                } else if source == "&", let end = entityEnd(from: position),
                    scalar != "&" || writesAmpersand(position..<end)
                {
                    position = end
                } else if scalar == "–", hasRun("-", count: 2, at: position) {
                    position += 2
                } else if scalar == "—", hasRun("-", count: 3, at: position) {
                    position += 3
                } else if scalar == "…", hasRun(".", count: 3, at: position) {
                    position += 3
                } else {
                    position += 1
                }
            }
            columns.append(wasEscaped ? column + 1 : column)
            escaped.append(wasEscaped)
        }
    }

    /// The ASCII punctuation CommonMark lets a backslash escape.
    static let escapable = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    /// The column (in characters, from 1) of a byte column as cmark reports it.
    static func column(ofByte byteColumn: Int, in line: String) -> Int {
        var bytes = 0
        var column = 1
        for scalar in line.unicodeScalars {
            if bytes >= byteColumn - 1 { break }
            bytes += UTF8.width(scalar)
            column += 1
        }
        return column
    }

    /// The byte column (from 1, as cmark counts) of a column in characters: `column(ofByte:in:)` the other way.
    static func byteColumn(ofColumn column: Int, in line: String) -> Int {
        var bytes = 1
        var current = 1
        for scalar in line.unicodeScalars {
            if current >= column { break }
            bytes += UTF8.width(scalar)
            current += 1
        }
        return bytes + max(column - current, 0)
    }

    func column(of offset: Int) -> Int {
        if let identity { return min(identity.start + offset, max(identity.count - 1, 0)) + 1 }
        return offset < columns.count ? columns[offset] : (columns.last ?? 1)
    }
    func isEscaped(_ offset: Int) -> Bool { identity == nil && offset < escaped.count && escaped[offset] }

    private func hasRun(_ character: Unicode.Scalar, count: Int, at position: Int) -> Bool {
        position + count <= line.count && line[position..<position + count].allSatisfy { $0 == character }
    }

    /// Whether the reference at `range` is one of the ways to write `&` itself (`&amp;`, `&#38;`, `&#x26;`).
    private func writesAmpersand(_ range: Range<Int>) -> Bool {
        ["&amp;", "&#38;", "&#x26;", "&#X26;"].contains(String(String.UnicodeScalarView(line[range])))
    }

    /// The index after an entity or numeric character reference (`&amp;`, `&#64;`) starting at `position`.
    private func entityEnd(from position: Int) -> Int? {
        var end = position + 1
        while end < line.count, end - position <= 32 {
            let scalar = line[end]
            if scalar == ";" { return end > position + 1 ? end + 1 : nil }
            if !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "#") { return nil }
            end += 1
        }
        return nil
    }
}

/// A source line counted once: its scalars, where each starts in bytes, and whether the literal of a text node
/// on it can be the line as written (no `\\` or `&` in it), for every text node and link the line holds.
final class SourceLine {
    let text: String
    let scalars: [Unicode.Scalar]
    /// The byte offset of each scalar, and the line's length in bytes last.
    let offsets: [Int]
    let isPlain: Bool

    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var bytes = 0
        var plain = true
        for scalar in scalars {
            offsets.append(bytes)
            bytes += UTF8.width(scalar)
            if scalar == "\\" || scalar == "&" { plain = false }
        }
        offsets.append(bytes)
        self.offsets = offsets
        isPlain = plain
    }

    /// How many scalars start before byte offset `byte` (from 0).
    func scalarCount(beforeByte byte: Int) -> Int {
        var low = 0, high = scalars.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] < byte { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// ``SourceMapper/column(ofByte:in:)`` on this line.
    func column(ofByte byteColumn: Int) -> Int { scalarCount(beforeByte: byteColumn - 1) + 1 }

    /// ``SourceMapper/byteColumn(ofColumn:in:)`` on this line.
    func byteColumn(ofColumn column: Int) -> Int {
        guard column >= 1 else { return 1 }
        if column - 1 <= scalars.count { return 1 + offsets[column - 1] }
        return 1 + offsets[scalars.count] + (column - 1 - scalars.count)
    }
}

/// A body's source lines, each counted (``SourceLine``) the first time a node on it asks.
final class BodyLines {
    let texts: [String]
    private var counted: [Int: SourceLine] = [:]

    init(_ texts: [String]) { self.texts = texts }

    var count: Int { texts.count }
    subscript(index: Int) -> String { texts[index] }

    /// Line `number` (from 1), counted; an empty line outside the text.
    func line(_ number: Int) -> SourceLine {
        if let line = counted[number] { return line }
        let line = SourceLine(number >= 1 && number <= texts.count ? texts[number - 1] : "")
        counted[number] = line
        return line
    }
}
