/// A problem in a template: where it is, what is wrong, and how to fix it.
public struct TemplateDiagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    /// The template's name (`entry`, `partials/nav`).
    public var template: String
    public var line: Int
    public var column: Int
    public var message: String
    /// How to fix it, often a "did you mean".
    public var hint: String?

    public init(template: String, line: Int, column: Int, message: String, hint: String? = nil) {
        self.template = template
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(template):\(line):\(column): \(message)" + (hint.map { " (\($0))" } ?? "") }
}

/// Where a tag is: its template, and the line and column of its opening delimiter, counting from 1.
struct Position: Sendable, Hashable {
    var template: String
    var line: Int
    var column: Int
}

/// A tag's name: a dotted path (`entry.date.text`), `.`, or a helper call (`empty(related)`, `last()`).
struct Tag: Sendable {
    /// The name as written, trimmed: what a closing tag must repeat.
    var raw: String
    /// `*name` in a partial or parent tag: the partial's name is read from this value.
    var dynamic: Bool
    var position: Position
}

/// A parsed template, before its names are resolved.
indirect enum Node: Sendable {
    case text(String)
    case variable(Tag, escaped: Bool)
    case section(Tag, [Node], inverted: Bool)
    /// `{{> name}}`, with the indentation of a standalone tag.
    case partial(Tag, indent: String)
    /// `{{< name}}…{{/name}}`: the blocks it overrides.
    case parent(Tag, overrides: [Block], indent: String)
    case block(Block)
}

/// `{{$name}}…{{/name}}`: a block of a parent template, or the text that overrides it.
final class Block: Sendable {
    let tag: Tag
    let nodes: [Node]
    /// The opening tag ended its line, so the content starts at the start of a line.
    let startsLine: Bool
    /// The content's indentation where the block is defined (the first line's, when it starts a line), or the
    /// white space before an inline block's tag: what an override's lines are indented with when expanded here.
    let indent: String

    init(tag: Tag, nodes: [Node], startsLine: Bool, indent: String) {
        self.tag = tag
        self.nodes = nodes
        self.startsLine = startsLine
        self.indent = indent
    }
}

/// How deep templates may nest: deeper nesting is a located error rather than a stack overflow.
public enum TemplateLimits {
    /// Sections, inverted sections, blocks and parent tags inside each other, in one template and counted on
    /// through the partials and parents it includes.
    public static let nesting = 100
}

/// Parses Mustache: tags, sections, partials, parents and blocks, delimiter changes, and the specification's
/// rules for standalone lines.
enum Parser {
    /// Parses a template; `indent` is put before every line first (a standalone partial's indentation), and
    /// taken off the columns again.
    static func parse(_ text: String, name: String, indent: String = "") -> Result<[Node], TemplateDiagnostic> {
        var source = text
        if !indent.isEmpty {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last?.isEmpty == true { lines.removeLast() }
            source = lines.map { indent + $0 }.joined(separator: "\n") + (text.hasSuffix("\n") ? "\n" : "")
        }
        return parse(source, name: name, shift: indent.unicodeScalars.count).result
    }

    /// The parse, and the bytes its scanner read (for tests that the work stays linear in the text).
    static func parse(
        _ source: String, name: String, shift: Int
    ) -> (result: Result<[Node], TemplateDiagnostic>, steps: Int) {
        var scanner = Scanner(bytes: Array(source.utf8), name: name, shift: shift)
        do {
            let tokens = try scanner.tokens()
            var builder = TreeBuilder(tokens: Standalone.strip(tokens), name: name)
            return (.success(try builder.build()), scanner.steps)
        } catch let error as TemplateDiagnostic {
            return (.failure(error), scanner.steps)
        } catch {
            return (
                .failure(TemplateDiagnostic(template: name, line: 1, column: 1, message: "\(error)")), scanner.steps
            )
        }
    }
}

/// One piece of a template's text: text (never more than one line, with its line break), a line break, or a tag.
struct Token {
    enum Kind { case text, tag }
    var kind: Kind
    /// The text; for a tag, the name inside it.
    var content: String
    /// A tag's sigil: `#`, `^`, `/`, `!`, `>`, `<`, `$`, `=`, `&`, `{`, or nil for a variable.
    var sigil: Character?
    var position: Position
    /// The line (counting from 0) the token starts on.
    var line: Int
    /// Set by the standalone pass: white space before a standalone partial or parent tag; a block's indentation.
    var indent = ""
    var startsLine = false

    var endsLine: Bool { kind == .text && content.utf8.last == UInt8(ascii: "\n") }
    var isWhitespace: Bool { kind == .text && content.allSatisfy { $0 == " " || $0 == "\t" } }
    var canStandAlone: Bool { kind == .tag && sigil.map { "#^/!><$=".contains($0) } == true }
}

private struct Scanner {
    let bytes: [UInt8]
    let name: String
    var open: [UInt8] = Array("{{".utf8)
    var close: [UInt8] = Array("}}".utf8)
    var offset = 0
    var line = 0
    var lineStart = 0

    /// Columns to take off every position: the indentation the text was given.
    let shift: Int

    init(bytes: [UInt8], name: String, shift: Int) {
        self.bytes = bytes
        self.name = name
        self.shift = shift
    }

    /// The last offset whose column was counted on the current line, and that column: positions are asked
    /// for in order, so each byte of a line is counted once however many tags the line holds.
    private var counted = (line: -1, offset: 0, column: 1)
    /// Bytes read to find tags and count columns: for tests that scanning stays linear.
    var steps = 0

    mutating func position(at offset: Int) -> Position {
        if counted.line != line || counted.offset > offset || counted.offset < lineStart {
            counted = (line, lineStart, 1)
        }
        var column = counted.column
        steps += offset - counted.offset
        for byte in bytes[counted.offset..<offset] where byte & 0xC0 != 0x80 { column += 1 }
        counted = (line, offset, column)
        return Position(template: name, line: line + 1, column: max(1, column - shift))
    }

    func error(_ message: String, at position: Position, hint: String? = nil) -> TemplateDiagnostic {
        TemplateDiagnostic(template: name, line: position.line, column: position.column, message: message, hint: hint)
    }

    func starts(with delimiter: [UInt8], at index: Int) -> Bool {
        index + delimiter.count <= bytes.count && bytes[index..<index + delimiter.count].elementsEqual(delimiter)
    }

    func find(_ delimiter: [UInt8], from index: Int) -> Int? {
        var index = index
        while index + delimiter.count <= bytes.count {
            if bytes[index] == delimiter[0], starts(with: delimiter, at: index) { return index }
            index += 1
        }
        return nil
    }

    mutating func tokens() throws -> [Token] {
        var tokens: [Token] = []
        var textStart = offset
        func flushText(to end: Int, into tokens: inout [Token], scanner: inout Scanner) {
            guard end > textStart else { return }
            tokens.append(
                Token(
                    kind: .text, content: String(decoding: scanner.bytes[textStart..<end], as: UTF8.self), sigil: nil,
                    position: scanner.position(at: textStart), line: scanner.line))
        }
        while offset < bytes.count {
            steps += 1
            if bytes[offset] == UInt8(ascii: "\n") {
                flushText(to: offset + 1, into: &tokens, scanner: &self)
                offset += 1
                line += 1
                lineStart = offset
                textStart = offset
                continue
            }
            guard starts(with: open, at: offset) else {
                offset += 1
                continue
            }
            flushText(to: offset, into: &tokens, scanner: &self)
            let tagPosition = position(at: offset)
            var inner = offset + open.count
            var sigil: Character?
            var closing = close
            if inner < bytes.count, let first = Optional(Character(Unicode.Scalar(bytes[inner]))),
                "#^/!><$=&{".contains(first)
            {
                sigil = first
                inner += 1
                if first == "{" { closing = Array("}".utf8) + close }
                if first == "=" { closing = Array("=".utf8) + close }
            }
            guard let end = find(closing, from: inner) else {
                let closeText = String(decoding: closing, as: UTF8.self)
                throw error(
                    "this tag is never closed", at: tagPosition,
                    hint: "end it with '\(closeText)'")
            }
            let content = String(decoding: bytes[inner..<end], as: UTF8.self)
            // A tag may span lines (a comment often does): keep counting them.
            for index in offset..<end where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            offset = end + closing.count
            textStart = offset
            let trimmed = content.trimmingSpaces
            if sigil == "=" {
                let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                    throw error(
                        "the delimiter change is malformed", at: tagPosition,
                        hint: "write two delimiters separated by a space, such as {{=<% %>=}}")
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            } else if sigil != "!", trimmed.isEmpty {
                throw error(
                    "this tag has no name", at: tagPosition,
                    hint: "write a name between the delimiters, such as {{title}}")
            }
            tokens.append(
                Token(
                    kind: .tag, content: sigil == "!" ? content : trimmed, sigil: sigil, position: tagPosition,
                    line: line))
        }
        flushText(to: offset, into: &tokens, scanner: &self)
        return tokens
    }
}

/// The specification's standalone lines: a line holding only white space and one section, inverted,
/// closing, comment, partial, parent, block or delimiter tag is removed, line break and all; the white space
/// before a standalone partial or parent becomes its indentation.
enum Standalone {
    static func strip(_ tokens: [Token]) -> [Token] {
        var output: [Token] = []
        output.reserveCapacity(tokens.count)
        var start = 0
        // The sigils of the open sections, parents and blocks, to know when a block is an override.
        var open: [Character] = []
        while start < tokens.count {
            var end = start
            while end < tokens.count, !tokens[end].endsLine { end += 1 }
            let lineEnd = min(end, tokens.count - 1)
            var line = Array(tokens[start...lineEnd])
            let tags = line.indices.filter { line[$0].kind == .tag }
            let others = line.indices.filter { line[$0].kind == .text && !line[$0].content.trimmingSpaces.isEmpty }
            let isPair =
                tags.count == 2 && line[tags[0]].sigil == "<" && line[tags[1]].sigil == "/"
                && line[tags[0]].content == line[tags[1]].content
            // Closing tags together, one of them a parent's or a block's (`{{/block}}{{/parent}}`), also stand alone.
            // (The line's own openings, then the ones still open before it: no copy of the whole stack per line.)
            var openedHere: [Character] = []
            var closedBefore = 0
            var closesInheritance = false
            for index in tags {
                switch line[index].sigil {
                case "#", "^", "<", "$": openedHere.append(line[index].sigil!)
                case "/":
                    var closed = openedHere.popLast()
                    if closed == nil, closedBefore < open.count {
                        closed = open[open.count - 1 - closedBefore]
                        closedBefore += 1
                    }
                    if let closed, closed == "<" || closed == "$" { closesInheritance = true }
                default: break
                }
            }
            let allClosing = tags.count > 1 && tags.allSatisfy { line[$0].sigil == "/" } && closesInheritance
            let standalone = others.isEmpty && (tags.count == 1 && line[tags[0]].canStandAlone || isPair || allClosing)
            // Where the line's blank start ends and its blank end begins, found once rather than for every tag.
            let lastFilled = line.lastIndex { $0.kind == .tag || !$0.content.trimmingSpaces.isEmpty } ?? -1
            let firstNotBlank = line.firstIndex { !$0.isWhitespace } ?? line.count
            for index in tags {
                // Blocks: where their content starts and how it is indented.
                if line[index].sigil == "$" {
                    let endsHere = index >= lastFilled && (index + 1 < line.count && line[line.count - 1].endsLine)
                    if (standalone || open.last == "<") && endsHere {
                        line[index].startsLine = true
                        line[index].indent = leadingWhitespace(after: lineEnd, in: tokens)
                    } else if index <= firstNotBlank {
                        line[index].indent = line[..<index].map(\.content).joined()
                    }
                }
                switch line[index].sigil {
                case "#", "^", "<", "$": open.append(line[index].sigil!)
                case "/": _ = open.popLast()
                default: break
                }
            }
            if standalone {
                let indent = line[..<tags[0]].map(\.content).joined()
                for index in tags {
                    var tag = line[index]
                    if tag.sigil == ">" || tag.sigil == "<" { tag.indent = indent }
                    output.append(tag)
                }
            } else {
                let lastTag = tags.last ?? -1
                var previous: Token?
                for (offset, token) in line.enumerated() {
                    // An override block that ends its line starts its content on the next one.
                    if token.kind == .text, let previous, previous.sigil == "$", previous.startsLine,
                        token.content.trimmingSpaces.isEmpty, offset > lastTag
                    {
                        continue
                    }
                    if token.kind == .tag { previous = token }
                    output.append(token)
                }
            }
            start = lineEnd + 1
        }
        return output
    }

    /// The spaces and tabs that start the line after `index`.
    private static func leadingWhitespace(after index: Int, in tokens: [Token]) -> String {
        guard index + 1 < tokens.count, tokens[index + 1].kind == .text else { return "" }
        return String(tokens[index + 1].content.prefix { $0 == " " || $0 == "\t" })
    }
}
