/// Block indentation, as the specification's inheritance module has it: an override's own indentation is
/// taken off its lines where it is defined, and the block's indentation put on where it is expanded.
enum Reindent {
    static func expand(_ override: Block, at site: Block) -> [Node] {
        var state = State(
            atLineStart: override.startsLine || site.startsLine, add: site.startsLine, strip: override.startsLine)
        return apply(override.nodes, strip: override.startsLine ? override.indent : "", add: site.indent, state: &state)
    }

    struct State {
        var atLineStart: Bool
        /// Whether to put the indentation on the line that starts next (not on the first line of a block whose
        /// tag was inline: the white space before the tag is already there).
        var add: Bool
        var strip: Bool
    }

    static func apply(_ nodes: [Node], strip: String, add: String, state: inout State) -> [Node] {
        var output: [Node] = []
        func startLine(_ state: inout State, into output: inout [Node]) {
            guard state.atLineStart else { return }
            if state.add, !add.isEmpty { output.append(.text(add)) }
            state = State(atLineStart: false, add: true, strip: true)
        }
        for node in nodes {
            switch node {
            case .text(let text):
                var result = ""
                var rest = Substring(text)
                while !rest.isEmpty {
                    if state.atLineStart {
                        if state.strip, !strip.isEmpty, rest.hasPrefix(strip) { rest = rest.dropFirst(strip.count) }
                        if rest.isEmpty { break }
                        if rest.first != "\n", rest.first != "\r", state.add { result += add }
                        state = State(atLineStart: false, add: true, strip: true)
                    }
                    if let newline = rest.firstIndex(of: "\n") {
                        result += rest[...newline]
                        rest = rest[rest.index(after: newline)...]
                        state.atLineStart = true
                    } else {
                        result += rest
                        rest = ""
                    }
                }
                output.append(.text(result))
            case .variable, .partial, .parent:
                startLine(&state, into: &output)
                output.append(node)
            case .section(let tag, let children, let inverted):
                startLine(&state, into: &output)
                output.append(.section(tag, apply(children, strip: strip, add: add, state: &state), inverted: inverted))
            case .block(let block):
                if !block.startsLine { startLine(&state, into: &output) }
                var inner = State(atLineStart: block.startsLine, add: true, strip: true)
                let indent =
                    add + (block.indent.hasPrefix(strip) ? String(block.indent.dropFirst(strip.count)) : block.indent)
                output.append(
                    .block(
                        Block(
                            tag: block.tag, nodes: apply(block.nodes, strip: strip, add: add, state: &inner),
                            startsLine: block.startsLine, indent: indent)))
                if block.startsLine {
                    state.atLineStart = true
                    state.add = true
                    state.strip = true
                }
            }
        }
        return output
    }
}
