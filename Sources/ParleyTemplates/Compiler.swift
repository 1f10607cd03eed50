/// Turns parsed templates into instructions: names resolved against the frames' types, partials and parents
/// expanded in place (once per context they are used in), and every mistake a template can make reported
/// where it is.
struct Compiler {
    let library: TemplateLibrary
    /// Whether the root's type is known: then unknown names, misused values, missing partials and partials
    /// that include themselves are errors.
    let checked: Bool
    var diagnostics: [TemplateDiagnostic] = []
    /// The templates whose text the result depends on.
    var used: Set<String> = []
    /// The fields read, by type.
    var reads: [Int: Set<Int>] = [:]
    /// The partials and parents being expanded, outermost first (name and overrides), to find cycles.
    var chain: [String] = []
    private var memo: [String: CompiledTemplate] = [:]
    /// The names of the blocks met while expanding each parent under way, to find overrides that override nothing.
    private var blocksSeen: [Set<String>] = []

    /// The types of bound values (``ValueKind/bound(_:)``), by name.
    let bindings: [String: TemplateType]

    init(library: TemplateLibrary, checked: Bool, bindings: [String: TemplateType] = [:]) {
        self.library = library
        self.checked = checked
        self.bindings = bindings
    }

    /// The kind with every bound type replaced by the type bound to its name; a name with no type bound is
    /// not checked (its names are looked up when rendering).
    func bind(_ kind: ValueKind) -> ValueKind {
        switch kind {
        case .bound(let name):
            guard let type = bindings[name] else { return .any }
            return .object { type }
        case .list(let item): return .list(bind(item))
        case .optional(let inner): return .optional(bind(inner))
        default: return kind
        }
    }

    var uniqueDiagnostics: [TemplateDiagnostic] {
        var seen: Set<TemplateDiagnostic> = []
        return diagnostics.filter { seen.insert($0).inserted }
    }

    mutating func report(_ message: String, at position: Position, hint: String? = nil) {
        diagnostics.append(
            TemplateDiagnostic(
                template: position.template, line: position.line, column: position.column, message: message, hint: hint)
        )
    }

    /// How many sections, blocks, partials and parents are being compiled around the current node.
    var depth = 0

    /// Enters one more level of nesting at `tag`, or reports it as too deep and returns false.
    mutating func enter(_ tag: Tag) -> Bool {
        guard depth < TemplateLimits.nesting else {
            report(
                "sections, blocks and partials nest more than \(TemplateLimits.nesting) deep here, counting through the templates that include this one",
                at: tag.position,
                hint: "they may nest at most \(TemplateLimits.nesting) deep; a partial or parent counts as one level")
            return false
        }
        depth += 1
        return true
    }

    mutating func ops(_ nodes: [Node], stack: inout [StaticFrame], overrides: Overrides) -> [Op] {
        var ops: [Op] = []
        // Consecutive text is gathered here and becomes one instruction, without copying what came before.
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty {
                ops.append(.text(text))
                text = []
            }
        }
        func append(_ more: [Op]) {
            for op in more {
                if case .text(let bytes) = op {
                    text += bytes
                } else {
                    flush()
                    ops.append(op)
                }
            }
        }
        for node in nodes {
            switch node {
            case .text(let string):
                text += string.utf8
            case .variable(let tag, let escaped):
                guard let (ref, kind) = resolve(tag.raw, at: tag.position, stack: stack) else { continue }
                if checked {
                    switch kind.unwrapped {
                    case .list, .object:
                        report(
                            "'\(tag.raw)' is \(kind.unwrapped), which cannot be printed", at: tag.position,
                            hint: "go through it with {{#\(tag.raw)}}…{{/\(tag.raw)}} and print its values inside")
                        continue
                    default: break
                    }
                }
                flush()
                ops.append(.print(ref, escaped: escaped))
            case .section(let tag, let children, let inverted):
                guard enter(tag) else { continue }
                defer { depth -= 1 }
                let resolved = resolve(tag.raw, at: tag.position, stack: stack)
                var pushed = StaticFrame(kind: .any, isItem: true)
                if let (_, kind) = resolved {
                    if checked, case .number = kind {
                        report(
                            "'\(tag.raw)' is a number, which is always there: a section over it cannot be told apart from none",
                            at: tag.position,
                            hint:
                                "print it with {{\(tag.raw)}}; to show something only when a list has items, use {{^empty(list)}}…{{/empty(list)}}"
                        )
                    }
                    switch kind.unwrapped {
                    case .list(let item): pushed = StaticFrame(kind: item, isItem: true)
                    case .any: break
                    default: pushed = StaticFrame(kind: kind.unwrapped, isItem: false)
                    }
                }
                if !inverted { stack.append(pushed) }
                let body = self.ops(children, stack: &stack, overrides: overrides)
                if !inverted { stack.removeLast() }
                if let (ref, _) = resolved {
                    flush()
                    ops.append(.section(ref, body, inverted: inverted))
                }
            case .partial(let tag, let indent):
                guard enter(tag) else { continue }
                defer { depth -= 1 }
                if let op = include(tag, indent: indent, overrides: overrides, isParent: false, stack: &stack) {
                    append([op])
                }
            case .parent(let tag, let blocks, let indent):
                guard enter(tag) else { continue }
                defer { depth -= 1 }
                var merged = Overrides()
                for block in blocks where merged.blocks[block.tag.raw] == nil { merged.blocks[block.tag.raw] = block }
                // Outer overrides win: the template that asked for the parent has the last word.
                for (name, block) in overrides.blocks { merged.blocks[name] = block }
                blocksSeen.append([])
                let op = include(tag, indent: indent, overrides: merged, isParent: true, stack: &stack)
                let seen = blocksSeen.removeLast()
                if !blocksSeen.isEmpty { blocksSeen[blocksSeen.count - 1].formUnion(seen) }
                if checked, op != nil, !tag.dynamic {
                    for block in blocks where !seen.contains(block.tag.raw) {
                        report(
                            "'\(tag.raw)' has no block '\(block.tag.raw)', so this override is never shown",
                            at: block.tag.position,
                            hint: Suggestion.hint(for: block.tag.raw, in: seen)
                                ?? (seen.isEmpty
                                    ? "'\(tag.raw)' has no blocks"
                                    : "its blocks are " + seen.sorted().map { "'\($0)'" }.joined(separator: ", ")))
                    }
                }
                if let op { append([op]) }
            case .block(let block):
                guard enter(block.tag) else { continue }
                defer { depth -= 1 }
                if !blocksSeen.isEmpty { blocksSeen[blocksSeen.count - 1].insert(block.tag.raw) }
                if let override = overrides.blocks[block.tag.raw], override !== block {
                    let nodes = Reindent.expand(override, at: block)
                    append(self.ops(nodes, stack: &stack, overrides: overrides))
                } else {
                    append(self.ops(block.nodes, stack: &stack, overrides: overrides))
                }
            }
        }
        flush()
        return ops
    }

    /// A partial or parent, compiled for this context (or the compilation already made for it).
    mutating func include(
        _ tag: Tag, indent: String, overrides: Overrides, isParent: Bool, stack: inout [StaticFrame]
    ) -> Op? {
        let kind = isParent ? "parent" : "partial"
        if tag.dynamic {
            if checked {
                report(
                    "a \(kind) named by a value ({{\(isParent ? "<" : ">")*\(tag.raw)}}) cannot be checked before rendering",
                    at: tag.position,
                    hint: "name the template itself, such as {{\(isParent ? "<" : ">") partials/\(tag.raw)}}")
                return nil
            }
            guard let (ref, _) = resolve(tag.raw, at: tag.position, stack: stack) else { return nil }
            return .dynamicInclude(ref, DynamicInclude(indent: indent, overrides: overrides, isParent: isParent))
        }
        let name = tag.raw
        guard library.contains(name) else {
            if checked {
                report(
                    "there is no template '\(name)' for this \(kind)", at: tag.position,
                    hint: Suggestion.hint(for: name, in: library.names))
            }
            return nil
        }
        let link = name + "|" + overrides.key
        if checked, let start = chain.firstIndex(of: link) {
            let cycle = (chain[start...].map { String($0.prefix { $0 != "|" }) } + [name]).joined(separator: " → ")
            report(
                "'\(name)' includes itself (\(cycle)), so it would never end", at: tag.position,
                hint: "a partial or parent may not include itself, directly or through others")
            return nil
        }
        let key = link + "|" + indent + "|" + (checked ? stack.map(\.signature).joined(separator: ",") : "")
        if let compiled = memo[key] { return .include(compiled) }
        guard let nodes = library.nodes(name, indent: indent) else { return nil }
        let compiled = CompiledTemplate(library: library)
        memo[key] = compiled
        chain.append(link)
        compiled.ops = ops(nodes, stack: &stack, overrides: overrides)
        chain.removeLast()
        used.insert(name)
        return .include(compiled)
    }

    /// Resolves a tag's name: against the frames' types when they are known (the nearest frame whose type
    /// declares the name, whether or not this value has it), else by name when rendering.
    mutating func resolve(_ raw: String, at position: Position, stack: [StaticFrame]) -> (Ref, ValueKind)? {
        if raw == "." { return (.top, stack.last?.kind ?? .any) }
        if raw.hasSuffix(")"), let open = raw.firstIndex(of: "(") {
            return resolveHelper(
                String(raw[..<open]).trimmingSpaces,
                String(raw[raw.index(after: open)..<raw.index(before: raw.endIndex)]).trimmingSpaces, at: position,
                stack: stack)
        }
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.contains(where: \.isEmpty) {
            report(
                "the name '\(raw)' has an empty part", at: position,
                hint: "write names like 'entry.date.text', with no dot at either end or two together")
            return nil
        }
        let first = parts[0]
        var candidates: [String] = []
        for (up, frame) in stack.reversed().enumerated() {
            switch bind(frame.kind).unwrapped {
            case .object(let makeType):
                let type = makeType()
                if let index = type.index[first] {
                    reads[type.id, default: []].insert(index)
                    return follow(parts, from: type.fields[index], up: up, at: position)
                }
                candidates += type.fields.map(\.name)
            case .any:
                return (.name(first, steps: parts.dropFirst().map { .member($0) }), .any)
            default:
                continue
            }
        }
        if checked {
            let hint =
                Suggestion.hint(for: first, in: candidates + Helper.allCases.map { $0.rawValue + "()" })
                ?? "the values here are "
                + Array(Set(candidates)).sorted().prefix(16).map { "'\($0)'" }.joined(separator: ", ")
            report("no value named '\(first)' here", at: position, hint: hint)
            return nil
        }
        return (.name(first, steps: parts.dropFirst().map { .member($0) }), .any)
    }

    private mutating func follow(
        _ parts: [String], from field: Field, up: Int, at position: Position
    ) -> (Ref, ValueKind)? {
        var steps: [Ref.Step] = [.field(field.get)]
        var kind = bind(field.kind)
        for (offset, part) in parts.enumerated().dropFirst() {
            let path = parts[..<offset].joined(separator: ".")
            switch kind.unwrapped {
            case .object(let makeType):
                let type = makeType()
                guard let index = type.index[part] else {
                    report(
                        "\(type.article) \(type.name) has no value named '\(part)'", at: position,
                        hint: Suggestion.hint(for: part, in: type.fields.map(\.name))
                            ?? type.missing?(part)
                            ?? "its values are " + type.fields.map { "'\($0.name)'" }.joined(separator: ", "))
                    return nil
                }
                let next = type.fields[index]
                reads[type.id, default: []].insert(index)
                steps.append(.field(next.get))
                if case .optional = kind { kind = .optional(bind(next.kind)) } else { kind = bind(next.kind) }
            case .any:
                steps.append(.member(part))
            case .list:
                report(
                    "'\(path)' is \(kind.unwrapped), which has no value named '\(part)'", at: position,
                    hint: part == "count" || part == "length" || part == "size"
                        ? "count its items with count(\(path))"
                        : "go through it with {{#\(path)}}…{{/\(path)}} and use '\(part)' inside")
                return nil
            default:
                report("'\(path)' is \(kind.unwrapped), which has no value named '\(part)'", at: position)
                return nil
            }
        }
        if steps.count == 1, case .field(let get) = steps[0] { return (.field(up: up, get), kind) }
        return (.frame(up: up, steps: steps), kind)
    }

    private mutating func resolveHelper(
        _ name: String, _ argument: String, at position: Position, stack: [StaticFrame]
    ) -> (Ref, ValueKind)? {
        guard let helper = Helper(rawValue: name) else {
            report(
                "there is no helper '\(name)()'", at: position,
                hint: Suggestion.hint(for: name + "()", in: Helper.allCases.map { $0.rawValue + "()" })
                    ?? "the helpers are " + Helper.allCases.map { $0.rawValue + "()" }.joined(separator: ", "))
            return nil
        }
        guard helper.takesArgument else {
            if !argument.isEmpty {
                report(
                    "\(name)() takes no value: it tells about the item of the list being gone through", at: position,
                    hint: "write {{#\(name)()}} inside {{#list}}…{{/list}}")
                return nil
            }
            if checked, !stack.contains(where: \.isItem) {
                report(
                    "\(name)() is used outside any list, so it has no item to tell about", at: position,
                    hint:
                        "use it inside a section over a list, such as {{#entries}}…{{^last()}}, {{/last()}}…{{/entries}}"
                )
                return nil
            }
            return (.helper(helper, nil), helper.kind(of: nil))
        }
        guard !argument.isEmpty else {
            report(
                "\(name)() needs a value", at: position, hint: "name it inside the brackets, such as \(name)(entries)")
            return nil
        }
        guard let (ref, kind) = resolve(argument, at: position, stack: stack) else { return nil }
        if checked {
            let accepted: Bool
            switch (helper, kind.unwrapped) {
            case (_, .any): accepted = true
            case (.count, .list), (.reversed, .list): accepted = true
            case (.empty, .list), (.empty, .text): accepted = true
            case (.uppercased, .text), (.lowercased, .text), (.capitalized, .text): accepted = true
            default: accepted = false
            }
            if !accepted {
                let wants =
                    switch helper {
                    case .count, .reversed: "a list"
                    case .empty: "a list or text"
                    default: "text"
                    }
                report("\(name)() needs \(wants), and '\(argument)' is \(kind.unwrapped)", at: position)
                return nil
            }
        }
        return (.helper(helper, ref), helper.kind(of: kind))
    }
}
