struct TreeBuilder {
    let tokens: [Token]
    let name: String
    var index = 0

    init(tokens: [Token], name: String) {
        self.tokens = tokens
        self.name = name
    }

    mutating func build() throws -> [Node] {
        let nodes = try nodes(until: nil)
        return nodes
    }

    func tag(_ token: Token) -> Tag {
        var raw = token.content
        var dynamic = false
        if (token.sigil == ">" || token.sigil == "<" || token.sigil == "/"), raw.hasPrefix("*") {
            dynamic = true
            raw = String(raw.dropFirst()).trimmingSpaces
        }
        return Tag(raw: raw, dynamic: dynamic, position: token.position)
    }

    func error(_ message: String, at position: Position, hint: String? = nil) -> TemplateDiagnostic {
        TemplateDiagnostic(template: name, line: position.line, column: position.column, message: message, hint: hint)
    }

    /// How many sections, blocks and parent tags are open around the nodes being built.
    var depth = 0

    /// The nodes up to the closing tag of `opening` (or the end of the template).
    mutating func nodes(until opening: Token?, insideParent: Bool = false) throws -> [Node] {
        if let opening {
            depth += 1
            guard depth <= TemplateLimits.nesting else {
                throw error(
                    "sections, blocks and parent tags nest more than \(TemplateLimits.nesting) deep here",
                    at: opening.position,
                    hint:
                        "a template may nest them at most \(TemplateLimits.nesting) deep; close some before opening more"
                )
            }
        }
        defer { if opening != nil { depth -= 1 } }
        var nodes: [Node] = []
        // Consecutive text is gathered here and becomes one node, without copying what came before for each line.
        var text = ""
        func flush() {
            if !text.isEmpty {
                nodes.append(.text(text))
                text = ""
            }
        }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token.kind == .text {
                if !insideParent { text += token.content }
                continue
            }
            if token.sigil != "!", token.sigil != "=" { flush() }
            if insideParent, token.sigil != "$", token.sigil != "/", token.sigil != "!", token.sigil != "=" {
                throw error(
                    "only blocks {{$name}}…{{/name}} may stand inside a parent tag {{<…}}", at: token.position,
                    hint: "move this tag into a block, or out of the parent tag")
            }
            switch token.sigil {
            case "!", "=": continue
            case nil, "&", "{": nodes.append(.variable(tag(token), escaped: token.sigil == nil))
            case "#", "^":
                let children = try self.nodes(until: token)
                nodes.append(.section(tag(token), children, inverted: token.sigil == "^"))
            case "$":
                let children = try self.nodes(until: token)
                nodes.append(
                    .block(Block(tag: tag(token), nodes: children, startsLine: token.startsLine, indent: token.indent)))
            case "<":
                let overrides = try self.nodes(until: token, insideParent: true).compactMap { node -> Block? in
                    if case .block(let block) = node { return block }
                    return nil
                }
                nodes.append(.parent(tag(token), overrides: overrides, indent: token.indent))
            case ">": nodes.append(.partial(tag(token), indent: token.indent))
            case "/":
                guard let opening else {
                    throw error(
                        "'{{/\(token.content)}}' closes a section that was never opened", at: token.position,
                        hint: "remove it, or open the section with {{#\(token.content)}}")
                }
                let closing = tag(token)
                let opened = tag(opening)
                guard closing.raw == opened.raw, closing.dynamic == opened.dynamic else {
                    throw error(
                        "'{{/\(token.content)}}' does not close '\(opening.sigil.map(String.init) ?? "")\(opening.content)', opened at line \(opening.position.line)",
                        at: token.position,
                        hint: "close the innermost section first: {{/\(opened.dynamic ? "*" : "")\(opened.raw)}}")
                }
                flush()
                return nodes
            default: continue
            }
        }
        if let opening {
            let kind = opening.sigil == "<" ? "parent tag" : opening.sigil == "$" ? "block" : "section"
            throw error(
                "the \(kind) '\(opening.content)' is never closed", at: opening.position,
                hint: "close it with {{/\(opening.content)}}")
        }
        flush()
        return nodes
    }
}

extension String {
    /// Without the spaces and tabs at either end.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" && $0 != "\n" }) else {
            return ""
        }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" && $0 != "\n" })!
        return String(scalars[first...last])
    }
}
