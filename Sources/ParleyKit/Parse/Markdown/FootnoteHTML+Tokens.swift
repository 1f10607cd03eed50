import CCmark

extension FootnoteHTML {
    /// Splits a text node at its marks: the text between them stays text; each mark (`^[`, `]` of an inline note,
    /// `[^id]`) becomes a text node of its own, returned in order.
    static func splitTokens(_ node: OpaquePointer) -> [OpaquePointer] {
        guard CmarkDocument.literal(node).unicodeScalars.contains(where: isMark) else { return [] }
        let scalars = CmarkDocument.literal(node).scalarArray
        var tokens: [OpaquePointer] = []
        var cursor = 0
        var index = 0
        func token(_ range: Range<Int>) {
            CmarkDocument.insertText(LinkHTML.string(scalars[cursor..<range.lowerBound]), before: node)
            let text = cmark_node_new(CMARK_NODE_TEXT)!
            cmark_node_set_literal(text, LinkHTML.string(scalars[range]))
            cmark_node_insert_before(node, text)
            tokens.append(text)
            cursor = range.upperBound
            index = range.upperBound
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == referenceOpen, let close = scalars[index...].firstIndex(of: referenceClose) {
                token(index..<(close + 1))
            } else if scalar == inlineOpen, index + 1 < scalars.count, scalars[index + 1] == inlineOpen {
                token(index..<(index + 2))
            } else if scalar == inlineClose {
                token(index..<(index + 1))
            } else {
                index += 1
            }
        }
        CmarkDocument.insertText(LinkHTML.string(scalars[cursor...]), before: node)
        cmark_node_unlink(node)
        cmark_node_free(node)
        return tokens
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar == inlineOpen || scalar == inlineClose || scalar == referenceOpen || scalar == referenceClose
    }

    static func isToken(_ node: OpaquePointer, _ mark: Unicode.Scalar) -> Bool {
        CmarkDocument.type(node) == CMARK_NODE_TEXT && CmarkDocument.literal(node).unicodeScalars.first == mark
    }

    static func isInDocument(_ node: OpaquePointer, root: OpaquePointer) -> Bool {
        var current = node
        while let parent = cmark_node_parent(current) { current = parent }
        return current == root
    }

    /// Puts a text node's marks back as they were written.
    static func restore(_ node: OpaquePointer) {
        let literal = CmarkDocument.literal(node)
        guard literal.unicodeScalars.contains(where: isMark) else { return }
        var text = ""
        var previous: Unicode.Scalar?
        for scalar in literal.unicodeScalars {
            // Each opening mark is two scalars: the first stands for `^` (`[`), the second for `[` (`^`).
            let second = previous == scalar
            switch scalar {
            case inlineOpen: text += second ? "[" : "^"
            case referenceOpen: text += second ? "^" : "["
            case inlineClose, referenceClose: text += "]"
            default: text.unicodeScalars.append(scalar)
            }
            previous = second ? nil : scalar
        }
        cmark_node_set_literal(node, text)
    }
}
