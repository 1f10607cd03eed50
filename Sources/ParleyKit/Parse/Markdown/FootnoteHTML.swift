import CCmark

/// An explanatory note of an entry's body, in Pandoc's syntax: a marker `[^why]` in the text with its note
/// `[^why]: The note.` in a paragraph of its own, or a note written where it belongs, `^[The note.]`.
///
/// Notes are numbered in the order the text first refers to them and shown with letters (`[a]`, `[b]`), as
/// Wikipedia's explanatory notes are, apart from the numbered references of citations. A note can cite sources.
struct Footnote: Sendable, Hashable {
    /// The note's content as inline HTML, with placeholders for links to other entries as in the body's HTML.
    var html: String
    /// How many markers in the text refer to it.
    var uses: Int

    /// The anchor of note `number` (from 1), and of the marker of its `use`-th reference (from 0).
    static func noteID(_ number: Int) -> String { "fn-\(number)" }
    static func markerID(note: Int, use: Int) -> String { "fnref-\(number: note)-\(use)" }

    /// `a` … `z`, then `aa`, `ab` …: the note's label in its marker and in the list.
    static func label(_ number: Int) -> String {
        var number = number
        var label = ""
        while number > 0 {
            number -= 1
            label = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(number % 26))) + label
            number /= 26
        }
        return label
    }

    /// Whether an id has the exact form of a note's (`fn-3`) or a marker's (`fnref-3-0`): headings avoid them.
    static func isFootnoteID(_ id: String) -> Bool {
        func isNumber(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        if id.hasPrefix("fn-") { return isNumber(id.dropFirst(3)) }
        guard id.hasPrefix("fnref-") else { return false }
        let parts = id.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy(isNumber)
    }
}

extension DefaultStringInterpolation {
    fileprivate mutating func appendInterpolation(number: Int) { appendInterpolation(String(number)) }
}

/// Finds notes in a cmark document and turns them into markers and a list, in two steps around the passes
/// that need the source positions of text nodes (links, citations): ``mark(_:)`` reads the positioned tree and
/// puts private-use characters where notes begin and end, keeping every literal's length; ``finish(_:marked:options:)``
/// then cuts the notes out. A citation inside a note is thus found by the citation pass with its own position.
struct FootnoteHTML {
    let lines: BodyLines
    let lineOffset: Int
    let file: String

    /// `^[` becomes two `inlineOpen`, its `]` one `inlineClose`; `[^` of a reference becomes two `referenceOpen`,
    /// its `]` one `referenceClose`. Content never holds them (``MarkdownHTML/body(_:options:lineOffset:file:authorLabel:reservedIDs:)`` replaces them).
    static let inlineOpen: Unicode.Scalar = "\u{E002}", inlineClose: Unicode.Scalar = "\u{E003}"
    static let referenceOpen: Unicode.Scalar = "\u{E004}", referenceClose: Unicode.Scalar = "\u{E005}"
    /// What a definition's `:` is replaced with when cmark would take `[^id]: word` for a link reference definition.
    static let hiddenColon: Unicode.Scalar = "\u{1}"

    /// Whether a text may hold notes at all: most bodies have neither `[^` nor `^[`, and skip both steps.
    static func mayHaveNotes(_ markdown: String) -> Bool {
        let utf8 = markdown.utf8
        var index = utf8.startIndex
        // Only around a `^`, found with memchr: most bodies have none.
        while let caret = ByteSearch.firstIndex(of: UInt8(ascii: "^"), in: markdown, from: index) {
            if caret > utf8.startIndex, utf8[utf8.index(before: caret)] == UInt8(ascii: "[") { return true }
            let next = utf8.index(after: caret)
            if next < utf8.endIndex, utf8[next] == UInt8(ascii: "[") { return true }
            index = next
        }
        return false
    }

    /// The id a definition line starts with (`[^why]:` after up to three spaces), and the scalars up to the
    /// note's text.
    static func definitionPrefix(
        _ text: Substring.UnicodeScalarView, colon: Set<Unicode.Scalar> = [":"]
    ) -> (id: String, length: Int)? {
        let scalars = Array(text)
        var index = 0
        while index < scalars.count, index < 3, scalars[index] == " " { index += 1 }
        guard index + 1 < scalars.count, scalars[index] == "[", scalars[index + 1] == "^" else { return nil }
        guard let close = idEnd(scalars, from: index + 2), close + 1 < scalars.count, colon.contains(scalars[close + 1])
        else { return nil }
        var end = close + 2
        while end < scalars.count, scalars[end] == " " || scalars[end] == "\t" { end += 1 }
        return (String(String.UnicodeScalarView(scalars[(index + 2)..<close])), end)
    }

    /// The index of the `]` that ends a note's id starting at `start`: one or more characters that are not
    /// spaces, brackets or `^`.
    static func idEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "]" { return index > start ? index : nil }
            if scalar == "[" || scalar == "^" || scalar == " " || scalar == "\t" || scalar.properties.isWhitespace {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// The lines (from 0) of definitions cmark took for link reference definitions (`[^why]: Word`, a single
    /// word being a valid destination): they are in no block of the document. The caller parses again with
    /// their `:` replaced by ``hiddenColon``, so that they are paragraphs too.
    static func hiddenDefinitions(in document: CmarkDocument, lines: [String]) -> [Int] {
        var covered = [Bool](repeating: false, count: lines.count)
        var child = cmark_node_first_child(document.root)
        while let node = child {
            let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
            if start >= 1 { for line in start...max(start, end) where line <= lines.count { covered[line - 1] = true } }
            child = cmark_node_next(node)
        }
        return lines.indices.filter { !covered[$0] && definitionPrefix(lines[$0][...].unicodeScalars) != nil }
    }

    /// The text with the `:` of each definition on `lines` (from 0) replaced by ``hiddenColon`` (the same
    /// length, so every position stays); nil if a line cannot be found as cmark counted it.
    static func showingDefinitions(_ lines: [Int], in markdown: String) -> String? {
        var text = Array(markdown.utf8)
        var starts = [0]
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        for line in lines {
            guard line < starts.count, let close = text[starts[line]...].firstIndex(of: UInt8(ascii: "]")),
                close + 1 < text.count, text[close + 1] == UInt8(ascii: ":")
            else { return nil }
            text[close + 1] = UInt8(hiddenColon.value)
        }
        return String(decoding: text, as: UTF8.self)
    }

    struct Definition {
        var id: String
        var paragraph: OpaquePointer
        /// Scalars of the paragraph's first text node before the note's text.
        var prefix: Int
        var location: SourceLocation
        var sourceLine: String
    }

    struct Reference {
        var id: String
        var location: SourceLocation
        var sourceLine: String
    }

    struct Marked {
        var definitions: [Definition] = []
        var references: [Reference] = []
        var problems: [Diagnostic] = []
        /// Notes suggested for a reference to a missing one: their being unused is that typo, told once.
        var suggested: Set<String> = []
    }

    /// Step one, on the tree as cmark parsed it: finds the definitions and marks references and inline notes.
    func mark(_ document: CmarkDocument) -> Marked {
        var marked = Marked()
        var defined: [String: Definition] = [:]
        var child = cmark_node_first_child(document.root)
        while let node = child {
            defer { child = cmark_node_next(node) }
            guard CmarkDocument.type(node) == CMARK_NODE_PARAGRAPH, let first = cmark_node_first_child(node),
                CmarkDocument.type(first) == CMARK_NODE_TEXT
            else { continue }
            let literal = CmarkDocument.literal(first)
            let (line, sourceLine) = position(first, in: document)
            guard let (id, prefix) = Self.definitionPrefix(literal[...].unicodeScalars, colon: [":", Self.hiddenColon])
            else { continue }
            let mapper = SourceMapper(
                literal: literal, line: lines.line(line), startColumn: document.startColumn(first))
            guard !mapper.isEscaped(0) else { continue }
            let location = SourceLocation(file: file, line: line + lineOffset, column: mapper.column(of: 0))
            if let earlier = defined[id] {
                marked.problems.append(
                    Diagnostic(
                        .error, at: location,
                        "the note '[^\(id)]' is defined twice (first on line \(earlier.location.line ?? 0))",
                        hint: "give one of them another name, and refer to each by its own", sourceLine: sourceLine))
                continue
            }
            let definition = Definition(
                id: id, paragraph: node, prefix: prefix, location: location, sourceLine: sourceLine)
            defined[id] = definition
            marked.definitions.append(definition)
            // A note is one paragraph: an indented block after it is code in CommonMark, not more of the note.
            if let next = cmark_node_next(node), CmarkDocument.type(next) == CMARK_NODE_CODE_BLOCK,
                cmark_node_get_fence_info(next).map({ $0.pointee == 0 }) ?? true,
                Int(cmark_node_get_start_line(next)) > 0
            {
                let codeLine = Int(cmark_node_get_start_line(next))
                marked.problems.append(
                    Diagnostic(
                        .warning, at: SourceLocation(file: file, line: codeLine + lineOffset, column: 1),
                        "this indented block after the note '[^\(id)]' is shown as code, not as more of the note",
                        hint: "a note is one paragraph here: join its paragraphs, or split it into two notes",
                        sourceLine: codeLine <= lines.count ? lines[codeLine - 1] : nil))
            }
        }
        var prefixes: [OpaquePointer: Int] = [:]
        for definition in marked.definitions {
            prefixes[cmark_node_first_child(definition.paragraph)!] = definition.prefix
        }
        for node in document.nodes()
        where CmarkDocument.type(node) == CMARK_NODE_TEXT && !CmarkDocument.isInsideLink(node) {
            guard CmarkDocument.literal(node, contains: "^") else { continue }
            markReferencesAndInlineNotes(in: node, from: prefixes[node] ?? 0, document: document, marked: &marked)
        }
        let ids = marked.definitions.map(\.id)
        for reference in marked.references where defined[reference.id] == nil {
            let close = Suggestion.closest(to: reference.id, in: ids)
            marked.suggested.formUnion(close)
            marked.problems.append(
                Diagnostic(
                    .error, at: reference.location, "there is no note '[^\(reference.id)]' in this entry",
                    hint: close.isEmpty
                        ? "write the note in a paragraph of its own: [^\(reference.id)]: The note."
                        : "did you mean " + close.map { "'[^\($0)]'" }.joined(separator: " or ") + "?",
                    sourceLine: reference.sourceLine))
        }
        return marked
    }

    func position(_ node: OpaquePointer, in document: CmarkDocument) -> (line: Int, text: String) {
        let line = document.startLine(node)
        return (line, line >= 1 && line <= lines.count ? lines[line - 1] : "")
    }

    func markReferencesAndInlineNotes(
        in node: OpaquePointer, from start: Int, document: CmarkDocument, marked: inout Marked
    ) {
        let literal = CmarkDocument.literal(node)
        let (line, sourceLine) = position(node, in: document)
        let mapper = SourceMapper(literal: literal, line: lines.line(line), startColumn: document.startColumn(node))
        var scalars = literal.scalarArray
        var changed = false
        var closers: [(node: OpaquePointer, index: Int)] = []
        var index = start
        while index + 1 < scalars.count {
            if scalars[index] == "[", scalars[index + 1] == "^", !mapper.isEscaped(index),
                let close = Self.idEnd(scalars, from: index + 2)
            {
                let id = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
                marked.references.append(
                    Reference(
                        id: id,
                        location: SourceLocation(file: file, line: line + lineOffset, column: mapper.column(of: index)),
                        sourceLine: sourceLine))
                scalars[index] = Self.referenceOpen
                scalars[index + 1] = Self.referenceOpen
                scalars[close] = Self.referenceClose
                changed = true
                index = close + 1
            } else if scalars[index] == "^", scalars[index + 1] == "[", !mapper.isEscaped(index),
                !mapper.isEscaped(index + 1),
                let closer = Self.inlineNoteEnd(node: node, scalars: scalars, from: index + 2, mapper: mapper)
            {
                scalars[index] = Self.inlineOpen
                scalars[index + 1] = Self.inlineOpen
                if closer.node == node {
                    scalars[closer.index] = Self.inlineClose
                } else {
                    closers.append(closer)
                }
                changed = true
                index += 2
            } else {
                index += 1
            }
        }
        if changed { cmark_node_set_literal(node, String(String.UnicodeScalarView(scalars))) }
        for closer in closers {
            var text = CmarkDocument.literal(closer.node).scalarArray
            text[closer.index] = Self.inlineClose
            cmark_node_set_literal(closer.node, String(String.UnicodeScalarView(text)))
        }
    }

    /// The `]` that closes an inline note opened before `start` in `node`: in the same text node or a later
    /// one beside it (emphasis, code or a link may come between), brackets counted in text only.
    static func inlineNoteEnd(
        node: OpaquePointer, scalars: [Unicode.Scalar], from start: Int, mapper: SourceMapper
    ) -> (node: OpaquePointer, index: Int)? {
        var depth = 0
        var current: OpaquePointer? = node
        var text = scalars, from = start, escaped: (Int) -> Bool = mapper.isEscaped
        while let candidate = current {
            if CmarkDocument.type(candidate) == CMARK_NODE_TEXT {
                for index in from..<max(from, text.count) where !escaped(index) {
                    if text[index] == "[" { depth += 1 }
                    if text[index] == "]" {
                        if depth == 0 { return (candidate, index) }
                        depth -= 1
                    }
                }
            }
            current = cmark_node_next(candidate)
            guard let next = current else { break }
            if CmarkDocument.type(next) == CMARK_NODE_TEXT {
                text = CmarkDocument.literal(next).scalarArray
                // Later nodes' escapes are not known without their lines; an escaped `\]` there is rare.
                escaped = { _ in false }
                from = 0
            }
        }
        return nil
    }

    /// Replaces a mark's node with the note's marker: `<sup>` with the note's letter in brackets, linking to it.
    func replace(_ token: OpaquePointer, withMarker note: Int, use: Int) {
        let noteID = Footnote.noteID(note)
        let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(
            marker,
            "<sup class=\"reference footnote\" id=\"\(Footnote.markerID(note: note, use: use))\"><a href=\"#\(noteID)\" aria-describedby=\"\(noteID)\">[\(Footnote.label(note))]</a></sup>"
        )
        cmark_node_replace(token, marker)
        cmark_node_free(token)
    }
}
