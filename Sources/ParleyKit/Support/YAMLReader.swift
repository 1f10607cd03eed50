import Yams

/// Reads a YAML mapping embedded in a source file (a front matter, or a whole data file) field by field,
/// turning every problem into a diagnostic at its line and column in that file.
///
/// Values are read as the text written, never through YAML's type guessing: `1.10` stays `1.10`,
/// `no` stays `no`, and a date stays the string the editor typed.
struct YAMLReader {
    let file: SourceFile
    /// How many lines of the file come before the YAML text's first line.
    let lineOffset: Int
    /// What the YAML is, for messages: `front matter`, `site.yaml`.
    let context: String
    private var found: [Diagnostic] = []
    /// Every problem reported, each once: a value repeated through YAML aliases (`*name`) is one mistake,
    /// however many times an alias repeats it.
    var diagnostics: [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return found.filter { seen.insert($0).inserted }
    }

    init(file: SourceFile, lineOffset: Int, context: String) {
        self.file = file
        self.lineOffset = lineOffset
        self.context = context
    }

    /// Parses `yaml` and returns its top-level mapping, or nil after recording why there is none.
    mutating func mapping(from yaml: String) -> Node.Mapping? {
        if let alias = YAMLAliases.excess(in: yaml) {
            found.append(
                file.error(
                    line: alias.line + lineOffset, column: alias.column, YAMLAliases.message,
                    hint: YAMLAliases.hint))
            return nil
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            found.append(diagnostic(for: error, in: yaml))
            return nil
        } catch {
            found.append(file.error(line: lineOffset + 1, column: 1, "cannot read the \(context): \(error)"))
            return nil
        }
        guard let root else { return Node.Mapping([]) }
        if isNull(root) { return Node.Mapping([]) }
        checkCharacters(root)
        guard let mapping = root.mapping else {
            found.append(
                error(
                    at: root, "the \(context) must be a list of 'field: value' lines",
                    hint: "for example:\ntitle: First round of talks\ndate: 2022-02-28"))
            return nil
        }
        return mapping
    }

    /// How deeply lists and sets of fields may be nested in each other: the limit of the YAML reader
    /// (libyaml's), reported with a message of its own.
    static let nestingLimit = 1000

    /// A control character written as a YAML escape (`"\0"`, `"\e"`, `"\x02"`) is refused as the YAML
    /// reader refuses the character itself, at the value that has it; tab, line feed and carriage return,
    /// which YAML allows as they are, are kept. A field name may not have an invisible formatting character
    /// (a right-to-left override) either.
    private mutating func checkCharacters(_ root: Node) {
        for (node, problem) in Self.characterProblems(in: root) {
            switch problem {
            case .control(let control):
                found.append(
                    error(
                        at: node, "'\(node.scalar?.string ?? "")' has a control character (\(control.escapedCode))",
                        hint: Self.controlHint))
            case .invisibleInName(let invisible):
                found.append(
                    error(
                        at: node,
                        "the field name '\(node.scalar?.string ?? "")' has an invisible formatting character (\(invisible.escapedCode))",
                        hint:
                            "such characters (right-to-left overrides, zero-width spaces) make a name look like another; remove it"
                    ))
            }
        }
    }

    static let controlHint = "remove it: an escape such as \\0, \\e or \\x02 writes a character no page can show"

    enum CharacterProblem { case control(Unicode.Scalar), invisibleInName(Unicode.Scalar) }

    /// The scalars of a YAML tree (walked without recursion) with a refused control character, and the field
    /// names with an invisible formatting character, in file order. A list or set of fields that aliases repeat
    /// is walked once, at its place in the file, so that nested aliases cost no more than the text they are in.
    static func characterProblems(in root: Node) -> [(Node, CharacterProblem)] {
        var problems: [(Node, CharacterProblem)] = []
        var stack = [root]
        var walked: Set<Int> = []
        while let node = stack.popLast() {
            switch node {
            case .mapping, .sequence:
                if let mark = node.mark, !walked.insert(mark.line << 32 | mark.column).inserted { continue }
            default:
                break
            }
            switch node {
            case .scalar(let scalar):
                if let control = scalar.string.unicodeScalars.first(where: isRefusedControl) {
                    problems.append((node, .control(control)))
                }
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    stack.append(value)
                    if let invisible = key.scalar?.string.firstInvisibleFormat {
                        problems.append((key, .invisibleInName(invisible)))
                    } else {
                        stack.append(key)
                    }
                }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence.reversed())
            case .alias:
                break
            }
        }
        return problems
    }

    /// A control character YAML does not allow in a file: C0 but tab, line feed and carriage return; DEL; C1.
    static func isRefusedControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0x7F...0x9F: true
        default: false
        }
    }

    // MARK: Fields

    /// The fields of `mapping` by name, warning about any not in `known` (with a "did you mean").
    /// The fields of a mapping by name; a field not `known` is a warning, unless `reportUnknown` is false (the
    /// declarations that would say which are known have errors of their own).
    mutating func fields(
        of mapping: Node.Mapping, known: [String], reportUnknown: Bool = true
    ) -> [String: (key: Node, value: Node)] {
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                found.append(error(at: key, "a field name must be plain text"))
                continue
            }
            if !known.contains(name) {
                guard reportUnknown else { continue }
                let hint =
                    Suggestion.hint(for: name, in: known)
                    ?? "known fields are " + known.map { "'\($0)'" }.joined(separator: ", ")
                found.append(warning(at: key, "unknown field '\(name)' in the \(context); it is ignored", hint: hint))
                continue
            }
            result[name] = (key, value)
        }
        return result
    }

    /// A text value; a null value is absent.
    mutating func string(_ node: Node?, field: String) -> String? {
        guard let node, !isNull(node) else { return nil }
        guard let scalar = node.scalar else {
            found.append(
                error(
                    at: node, "'\(field)' must be text, not \(kind(of: node))",
                    hint: "write it on one line: \(field): …"))
            return nil
        }
        return scalar.string
    }

    /// A list of texts; a null value is absent.
    mutating func stringList(_ node: Node?, field: String) -> [String]? {
        guard let node, !isNull(node) else { return nil }
        guard let sequence = node.sequence else {
            let example = node.scalar.map { "\(field): [\($0.string)]" } ?? "\(field): [first, second]"
            found.append(
                error(
                    at: node, "'\(field)' must be a list, not \(kind(of: node))",
                    hint: "write it as a list: \(example)"))
            return nil
        }
        var items: [String] = []
        for item in sequence {
            guard let scalar = item.scalar, !isNull(item) else {
                found.append(error(at: item, "each item of '\(field)' must be text, not \(kind(of: item))"))
                continue
            }
            items.append(scalar.string)
        }
        return items
    }

    /// `true` or `false`; a null value is absent.
    mutating func bool(_ node: Node?, field: String) -> Bool? {
        guard let node, !isNull(node) else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true": return true
        case "false": return false
        default:
            let shown = node.scalar.map { "'\($0.string)'" } ?? kind(of: node)
            found.append(error(at: node, "'\(field)' must be true or false, not \(shown)"))
            return nil
        }
    }

    /// A list of mappings (like `sections:`), each with its reader-relative position.
    mutating func mappingList(_ node: Node?, field: String) -> [Node.Mapping]? {
        guard let node, !isNull(node) else { return nil }
        guard let sequence = node.sequence else {
            found.append(error(at: node, "'\(field)' must be a list, not \(kind(of: node))"))
            return nil
        }
        var items: [Node.Mapping] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                found.append(error(at: item, "each item of '\(field)' must be a set of 'field: value' lines"))
                continue
            }
            items.append(mapping)
        }
        return items
    }

    // MARK: Positions and messages

    /// The file line and column of a node.
    /// The last line looked up: the values of a list written on one line share it, and finding a line walks
    /// the file from its start.
    private var lastLine: (number: Int, text: String?, scalars: [Unicode.Scalar]?)?

    /// A value at line `number` (from 1) and `column` of the file, with the part of the line around it: the
    /// whole line when it is short (one string every value on it shares), else the part around the column.
    mutating func located(_ value: String, line number: Int, column: Int) -> Located<String> {
        if lastLine?.number != number {
            let text = file.line(number)
            let long =
                text.map { $0.utf8.count > SourceExcerpt.limit && $0.unicodeScalars.count > SourceExcerpt.limit }
                ?? false
            lastLine = (number, text, long ? text.map { Array($0.unicodeScalars) } : nil)
        }
        let location = SourceLocation(file: file.path, line: number, column: column)
        guard let text = lastLine?.text else { return Located(value, at: location) }
        guard let scalars = lastLine?.scalars else { return Located(value, at: location, excerpt: text, start: 1) }
        let (excerpt, start) = SourceExcerpt.clip(scalars, column: column)
        return Located(value, at: location, excerpt: excerpt, start: start)
    }

    func position(of node: Node) -> (line: Int, column: Int) {
        guard let mark = node.mark else { return (lineOffset + 1, 1) }
        return (mark.line + lineOffset, mark.column)
    }

    func error(at node: Node, _ message: String, hint: String? = nil) -> Diagnostic {
        let (line, column) = position(of: node)
        return file.error(line: line, column: column, message, hint: hint)
    }

    func warning(at node: Node, _ message: String, hint: String? = nil) -> Diagnostic {
        let (line, column) = position(of: node)
        return file.warning(line: line, column: column, message, hint: hint)
    }

    mutating func report(_ diagnostic: Diagnostic) { found.append(diagnostic) }

    /// Whether a value counts as absent: empty, `~` or `null`.
    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a set of fields"
        case .sequence: "a list"
        case .scalar(let scalar): "'\(scalar.string)'"
        case .alias: "an alias"
        }
    }

    private func diagnostic(for error: YamlError, in yaml: String) -> Diagnostic {
        let hint =
            "check the quotes and indentation; a value that contains ': ' or starts with '[', '{', '*', '&' or '@' must be in quotes"
        switch error {
        case let .scanner(yamlContext, problem, mark, _),
            let .parser(yamlContext, problem, mark, _),
            let .composer(yamlContext, problem, mark, _):
            if problem.hasPrefix("Maximum nesting level reached") {
                return file.error(
                    line: mark.line + lineOffset, column: mark.column,
                    "the \(context) is nested more than \(Self.nestingLimit) levels deep (lists and sets of fields inside each other)",
                    hint:
                        "Parley reads YAML nested up to \(Self.nestingLimit) levels; write the value with fewer levels")
            }
            if let yamlContext, let opener = Self.unclosed(yamlContext.text) {
                // The mistake is where the bracket or quote opened, not where the reader gave up.
                return file.error(
                    line: yamlContext.mark.line + lineOffset, column: yamlContext.mark.column,
                    "invalid YAML in the \(context): this \(opener) is never closed (at line \(mark.line + lineOffset) the YAML reader \(problem))",
                    hint: Self.unclosedHint)
            }
            var message = "invalid YAML in the \(context): \(problem)"
            if let yamlContext {
                message += " (\(yamlContext.text) that began at line \(yamlContext.mark.line + lineOffset))"
            }
            return file.error(line: mark.line + lineOffset, column: mark.column, message, hint: hint)
        case let .duplicatedKeysInMapping(duplicates, yamlContext):
            let name = duplicates.sorted().first ?? "?"
            let line =
                secondOccurrence(of: name, in: yaml).map { $0 + lineOffset } ?? (yamlContext.mark.line + lineOffset)
            return file.error(
                line: line, column: 1,
                "field '\(name)' appears more than once in the \(context)",
                hint: "keep one '\(name):' line; for several values write a list: \(name): [a, b]")
        case let .reader(problem, _, _, _):
            return file.error(line: lineOffset + 1, column: 1, "cannot read the \(context): \(problem)")
        default:
            return file.error(line: lineOffset + 1, column: 1, "cannot read the \(context): \(error)")
        }
    }

    /// What a YAML reader's context names when a bracket or quote was opened and never closed: `'['`, `'{'` or
    /// `quote`; nil for any other context.
    static func unclosed(_ context: String) -> String? {
        if context.contains("flow sequence") { return "'['" }
        if context.contains("flow mapping") { return "'{'" }
        if context.contains("quoted scalar") { return "quote" }
        return nil
    }

    static let unclosedHint =
        "close it on the same line, or put the whole value in quotes (a value that starts with '[', '{' or a quote must end with its match)"

    /// The YAML line (from 1) where `key:` is written the second time, at any indentation.
    private func secondOccurrence(of key: String, in yaml: String) -> Int? {
        var seen = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop(while: { $0 == " " || $0 == "-" })
            if trimmed.hasPrefix(key + ":") {
                seen += 1
                if seen == 2 { return index + 1 }
            }
        }
        return nil
    }
}
