import CCmark

extension FootnoteHTML {
    /// Step two, after links and citations are in place: cuts each note out of the text, leaving a marker,
    /// and returns the notes in the order the text refers to them, with a warning for each note never referred to.
    func finish(
        _ document: CmarkDocument, marked: Marked, options: MarkdownOptions
    ) -> (notes: [Footnote], problems: [Diagnostic]) {
        var contents: [String: OpaquePointer] = [:]
        for definition in marked.definitions {
            cmark_node_unlink(definition.paragraph)
            if let first = cmark_node_first_child(definition.paragraph), CmarkDocument.type(first) == CMARK_NODE_TEXT {
                let rest = CmarkDocument.literal(first).unicodeScalars.dropFirst(definition.prefix)
                if rest.isEmpty {
                    cmark_node_unlink(first)
                    cmark_node_free(first)
                } else {
                    cmark_node_set_literal(first, String(String.UnicodeScalarView(rest)))
                }
            }
            contents[definition.id] = definition.paragraph
        }
        // Each mark its own text node, so that a note's content is the nodes between two of them.
        var tokens: [OpaquePointer] = []
        for node in document.nodes() where CmarkDocument.type(node) == CMARK_NODE_TEXT {
            tokens += Self.splitTokens(node)
        }
        var numbers: [String: Int] = [:]
        var notes: [(content: OpaquePointer, uses: Int)] = []
        var freed: Set<OpaquePointer> = []
        for token in tokens where !freed.contains(token) && Self.isInDocument(token, root: document.root) {
            let text = CmarkDocument.literal(token).scalarArray
            if text.first == Self.referenceOpen {
                let id = LinkHTML.string(text[2..<(text.count - 1)])
                guard let content = contents[id] else { continue }  // reported in step one, left as written
                let number =
                    numbers[id]
                    ?? {
                        notes.append((content, 0))
                        numbers[id] = notes.count
                        return notes.count
                    }()
                replace(token, withMarker: number, use: notes[number - 1].uses)
                freed.insert(token)
                notes[number - 1].uses += 1
            } else if text.first == Self.inlineOpen {
                let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
                var depth = 0
                var next = cmark_node_next(token)
                while let sibling = next {
                    next = cmark_node_next(sibling)
                    if Self.isToken(sibling, Self.inlineOpen) { depth += 1 }
                    if Self.isToken(sibling, Self.inlineClose) {
                        if depth == 0 {
                            cmark_node_unlink(sibling)
                            cmark_node_free(sibling)
                            freed.insert(sibling)
                            break
                        }
                        depth -= 1
                    }
                    cmark_node_unlink(sibling)
                    cmark_node_append_child(paragraph, sibling)
                }
                notes.append((paragraph, 1))
                replace(token, withMarker: notes.count, use: 0)
                freed.insert(token)
            }
        }
        // A reference to a note that does not exist (an error, reported in step one) stays as written.
        for token in tokens where !freed.contains(token) && Self.isInDocument(token, root: document.root) {
            Self.restore(token)
        }
        var problems: [Diagnostic] = []
        for definition in marked.definitions
        where numbers[definition.id] == nil && !marked.suggested.contains(definition.id) {
            problems.append(
                Diagnostic(
                    .warning, at: definition.location,
                    "the note '[^\(definition.id)]' is never referred to in the text",
                    hint: "put [^\(definition.id)] where the note belongs, or remove the note",
                    sourceLine: definition.sourceLine))
        }
        let footnotes = notes.map { note in
            // A note in a note is not one (as in Pandoc): its marks are put back as written.
            CmarkDocument.walk(note.content) { node in
                if CmarkDocument.type(node) == CMARK_NODE_TEXT { Self.restore(node) }
            }
            return Footnote(html: CmarkDocument.renderInlineHTML(note.content, options: options), uses: note.uses)
        }
        for content in Set(contents.values.map(UnsafeRawPointer.init) + notes.map { UnsafeRawPointer($0.content) }) {
            cmark_node_free(OpaquePointer(content))
        }
        return (footnotes, problems)
    }
}
