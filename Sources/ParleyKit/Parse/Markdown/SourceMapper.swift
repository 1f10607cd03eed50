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
        if let identity = Self.identity(literal: literal, line: line, startColumn: startColumn) {
            self.identity = identity
            return
        }
        self.line = Array(line.unicodeScalars)
        // cmark counts bytes; find the scalar index where the node starts.
        var byteCount = 0
        var position = 0
        while position < self.line.count, byteCount < startColumn - 1 {
            byteCount += UTF8.width(self.line[position])
            position += 1
        }
        let count = literal.unicodeScalars.count
        columns.reserveCapacity(count)
        escaped.reserveCapacity(count)
        for scalar in literal.unicodeScalars {
            let column = min(position, max(self.line.count - 1, 0)) + 1
            var wasEscaped = false
            if position < self.line.count {
                let source = self.line[position]
                if source == "\\", position + 1 < self.line.count, self.line[position + 1] == scalar,
                   Self.escapable.contains(scalar) {
                    wasEscaped = true
                    position += 2
                } else if source == "&", let end = entityEnd(from: position), scalar != "&" || writesAmpersand(position..<end) {
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

    /// The scalar index where the node starts and the line's length in scalars, when the literal is the line
    /// as written: no `\\` or `&` in the line, no E2 byte (`–`, `—`, `…`) in the literal. One pass over bytes.
    private static func identity(literal: String, line: String, startColumn: Int) -> (start: Int, count: Int)? {
        var literal = literal, line = line
        let typographic = literal.withUTF8 { $0.count > 0 && memchr($0.baseAddress!, 0xE2, $0.count) != nil }
        if typographic { return nil }
        return line.withUTF8 { bytes -> (Int, Int)? in
            var start = 0, count = 0
            for (offset, byte) in bytes.enumerated() {
                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "&") { return nil }
                // A scalar starts at every byte that is not a continuation byte (10xxxxxx).
                if byte & 0xC0 != 0x80 {
                    count += 1
                    if offset < startColumn - 1 { start += 1 }
                }
            }
            return (start, count)
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
