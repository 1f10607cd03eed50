import Foundation
import Synchronization

/// A set of named Mustache templates that include each other as partials and parents.
///
/// Each template is parsed once. ``compile(_:root:)`` compiles one for a kind of root value: against a
/// ``TemplateType``, every name is resolved and checked then, and rendering reads fields by position; with no
/// type (JSON-like data), names are looked up when rendering, as the Mustache specification describes.
public final class TemplateLibrary: @unchecked Sendable {
    private let sources: [String: String]
    private let parsed: [String: [Node]]
    /// Every template's syntax errors.
    public let diagnostics: [TemplateDiagnostic]

    // Caches that rendering can fill from any thread.
    private let indented = Mutex<[String: [Node]]>([:])
    private let atRenderTime = Mutex<[String: CompiledTemplate]>([:])

    /// The templates, by name (`entry`, `partials/nav`): names are what partial and parent tags use.
    public init(_ templates: [String: String]) {
        sources = templates
        var parsed: [String: [Node]] = [:]
        var diagnostics: [TemplateDiagnostic] = []
        for (name, text) in templates {
            switch Parser.parse(text, name: name) {
            case .success(let nodes): parsed[name] = nodes
            case .failure(let error): diagnostics.append(error)
            }
        }
        self.parsed = parsed
        self.diagnostics = diagnostics.sorted { ($0.template, $0.line, $0.column) < ($1.template, $1.line, $1.column) }
    }

    /// The names of the templates, sorted.
    public var names: [String] { sources.keys.sorted() }

    public func contains(_ name: String) -> Bool { sources[name] != nil }

    /// The partials and parents template `name` names (not those named by a value), in the order they appear.
    public func references(of name: String) -> [String] {
        var names: [String] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(_, let children, _): walk(children)
                case .partial(let tag, _): if !tag.dynamic { names.append(tag.raw) }
                case .parent(let tag, let overrides, _):
                    if !tag.dynamic { names.append(tag.raw) }
                    for block in overrides { walk(block.nodes) }
                case .block(let block): walk(block.nodes)
                }
            }
        }
        walk(parsed[name] ?? [])
        return names
    }

    /// A template's parse, its lines indented by `indent`; nil when it does not exist or does not parse.
    func nodes(_ name: String, indent: String) -> [Node]? {
        guard !indent.isEmpty else { return parsed[name] }
        guard parsed[name] != nil, let text = sources[name] else { return nil }
        let key = name + "\u{0}" + indent
        return indented.withLock { indented in
            if let nodes = indented[key] { return nodes }
            guard case .success(let nodes) = Parser.parse(text, name: name, indent: indent) else { return nil }
            indented[key] = nodes
            return nodes
        }
    }

    /// Compiles template `name` for values of type `root` (checked), or for untyped values when `root` is nil.
    /// `bindings` gives the types of ``ValueKind/bound(_:)`` values, by name. The diagnostics are the mistakes
    /// found in it and in every template it includes.
    public func compile(
        _ name: String, root: TemplateType?, bindings: [String: TemplateType] = [:]
    ) -> (CompiledTemplate, [TemplateDiagnostic]) {
        var compiler = Compiler(library: self, checked: root != nil, bindings: bindings)
        let frame = StaticFrame(kind: root.map { type in .object { type } } ?? .any, isItem: false)
        let template = CompiledTemplate(library: self)
        if let nodes = parsed[name] {
            var stack = [frame]
            compiler.chain.append(name + "|")
            template.ops = compiler.ops(nodes, stack: &stack, overrides: Overrides())
            compiler.used.insert(name)
        } else if sources[name] == nil {
            compiler.diagnostics.append(
                TemplateDiagnostic(
                    template: name, line: 1, column: 1, message: "there is no template '\(name)'",
                    hint: Suggestion.hint(for: name, in: names)))
        }
        template.templates = compiler.used
        for (type, fields) in compiler.reads {
            if template.reads.count <= type {
                template.reads += Array(repeating: [], count: type + 1 - template.reads.count)
            }
            template.reads[type] = fields.sorted()
        }
        return (template, compiler.uniqueDiagnostics)
    }

    /// Renders template `name` with untyped data (missing templates render as nothing, as the specification asks).
    public func render(_ name: String, _ value: Value) throws -> String {
        try compile(name, root: nil).0.render(value)
    }

    /// A partial named by a value (`{{>*name}}`), compiled the first time it is rendered.
    func compiledAtRenderTime(_ name: String, _ include: DynamicInclude) -> CompiledTemplate? {
        guard parsed[name] != nil else { return nil }
        let key = name + "\u{0}" + include.indent + "\u{0}" + include.overrides.key
        if let template = atRenderTime.withLock({ $0[key] }) { return template }
        var compiler = Compiler(library: self, checked: false)
        let position = Position(template: name, line: 1, column: 1)
        let tag = Tag(raw: name, dynamic: false, position: position)
        var stack = [StaticFrame(kind: .any, isItem: true)]
        guard
            case .include(let template)? = compiler.include(
                tag, indent: include.indent, overrides: include.overrides, isParent: include.isParent, stack: &stack)
        else { return nil }
        return atRenderTime.withLock { compiled in
            // Another thread may have compiled it meanwhile: keep one.
            if let existing = compiled[key] { return existing }
            compiled[key] = template
            return template
        }
    }
}

/// What the compiler knows of a context-stack frame.
struct StaticFrame {
    var kind: ValueKind
    /// An item of a list: `first()`, `last()` and `index()` read its position.
    var isItem: Bool

    var signature: String {
        let base: String
        switch kind.unwrapped {
        case .object(let type): base = "o\(ObjectIdentifier(type()).hashValue)"
        case .list: base = "l"
        case .text: base = "t"
        case .number: base = "n"
        case .flag: base = "f"
        case .any, .optional, .bound: base = "a"
        }
        return base + (isItem ? "*" : "")
    }
}
