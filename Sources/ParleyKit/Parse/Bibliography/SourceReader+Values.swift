import Yams

extension SourceReader {
    // MARK: Values

    /// A text field's value, or nil after reporting that it is not text.
    mutating func text(_ node: Node, field: String) -> String? {
        guard let scalar = node.scalar else {
            report(
                error(
                    at: node, "'\(field)' must be text, not \(kind(of: node))",
                    hint: "write it on one line: \(format.example(field))"))
            return nil
        }
        return scalar.string
    }

    /// A scalar typed as JSON types it, from how it is written: quoted is text; plain `true`, `false`, null
    /// and JSON-style numbers (`12`, `1.10`, never `0362`) are what they look like; anything else is text.
    func classify(_ scalar: Node.Scalar) -> CSLValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        let text = scalar.string
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: return Self.isJSONNumber(text) ? .number(text) : .string(text)
        }
    }

    /// Whether `text` is a number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            let count = bytes.prefix(while: { (0x30...0x39).contains($0) }).count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }

    /// Any value as written (nil after reporting an alias or a non-text key).
    mutating func generic(_ node: Node) -> CSLValue? {
        switch node {
        case .scalar(let scalar):
            return classify(scalar)
        case .sequence(let sequence):
            var items: [CSLValue] = []
            for item in sequence {
                guard let value = generic(item) else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping(let mapping):
            var fields: [CSLField] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    report(error(at: key, "a field name must be text, not \(kind(of: key))"))
                    return nil
                }
                guard let value = generic(value) else { return nil }
                fields.append(CSLField(name, value))
            }
            return .object(fields)
        case .alias:
            report(error(at: node, "YAML aliases are not supported here", hint: "write the value out in full"))
            return nil
        }
    }

    /// A list of names, as `Name`s and as written; nil after reporting why it is not one.
    mutating func names(_ node: Node, field: String, source: String) -> (names: [Name], written: CSLValue)? {
        let listHint =
            format == .yaml
            ? "write a list of names: \(field): [{family: Smith, given: John}], or for an organisation: \(field): [{literal: Reuters}]"
            : "write a list of names: \"\(field)\": [{\"family\": \"Smith\", \"given\": \"John\"}], or for an organisation: \"\(field)\": [{\"literal\": \"Reuters\"}]"
        guard let sequence = node.sequence else {
            if node.mapping != nil {
                report(
                    error(
                        at: node, "'\(field)' must be a list of names, not one \(format.mapping)",
                        hint: format == .yaml
                            ? "put '- ' before the name's first field to make it an item of a list"
                            : "put the name in a list: [ {…} ]"))
            } else {
                report(error(at: node, "'\(field)' must be a list of names, not \(kind(of: node))", hint: listHint))
            }
            return nil
        }
        var names: [Name] = []
        var written: [CSLValue] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                report(
                    error(
                        at: item,
                        "each name in '\(field)' must be a \(format.mapping) with 'family' and 'given', or 'literal', not \(kind(of: item))",
                        hint: listHint))
                continue
            }
            var name = Name()
            var parts: [CSLField] = []
            for (key, value) in mapping {
                guard let part = key.scalar?.string else {
                    report(error(at: key, "a field name must be text, not \(kind(of: key))"))
                    continue
                }
                guard BibliographyParser.nameParts.contains(part) else {
                    report(
                        warning(
                            at: key, "unknown name part '\(part)' in '\(field)' of \(source); it is ignored",
                            hint: Suggestion.hint(for: part, in: BibliographyParser.nameParts)
                                ?? "a name has 'family' and 'given', or 'literal' for an organisation"))
                    continue
                }
                if isNull(value) { continue }
                if ["comma-suffix", "static-ordering", "parse-names"].contains(part) {
                    if let value = generic(value) { parts.append(CSLField(part, value)) }
                    continue
                }
                guard let text = text(value, field: part) else { continue }
                parts.append(CSLField(part, .string(text)))
                let nonEmpty: String? = text.isEmpty ? nil : text
                switch part {
                case "family": name.family = nonEmpty
                case "given": name.given = nonEmpty
                case "literal": name.literal = nonEmpty
                default: break
                }
            }
            if name.family == nil && name.literal == nil {
                report(
                    error(
                        at: item, "a name in '\(field)' of \(source) has no 'family' or 'literal'",
                        hint: format == .yaml
                            ? "write a person as {family: Smith, given: John} and an organisation as {literal: Reuters}"
                            : "write a person as {\"family\": \"Smith\", \"given\": \"John\"} and an organisation as {\"literal\": \"Reuters\"}"
                    ))
                continue
            }
            names.append(name)
            written.append(.object(parts))
        }
        return (names, .array(written))
    }

    /// A date, and its normalised form `{date-parts: [[y, m, d]]}`; nil after reporting what is wrong.
    mutating func date(_ node: Node, field: String) -> (date: EntryDate, normalised: CSLValue)? {
        let hint = "write '\(field)' as \(EntryDate.acceptedForms), or as \(format.dateExample)"
        func normalised(_ date: EntryDate) -> CSLValue {
            let parts = [date.year, date.month, date.day].compactMap { $0 }.map { CSLValue.number(String($0)) }
            return .object([CSLField("date-parts", .array([.array(parts)]))])
        }
        switch node {
        case .scalar(let scalar):
            switch EntryDate.parse(scalar.string) {
            case .success(let date):
                return (date, normalised(date))
            case .failure(let problem):
                let reason = problem.reason.map { " (\($0))" } ?? ""
                report(error(at: node, "'\(scalar.string)' is not a valid date\(reason)", hint: hint))
                return nil
            }
        case .mapping(let mapping):
            var partsNode: Node?
            for (key, value) in mapping {
                let name = key.scalar?.string ?? "?"
                if name == "date-parts" {
                    partsNode = value
                } else if ["circa", "season", "literal", "raw", "edtf"].contains(name) {
                    report(
                        warning(
                            at: key, "Parley does not read '\(name)' in a date; it is ignored",
                            hint: "give the date as \(format.dateExample), or as text: \(EntryDate.acceptedForms)"))
                } else {
                    report(
                        warning(
                            at: key, "unknown field '\(name)' in the date '\(field)'; it is ignored",
                            hint: Suggestion.hint(for: name, in: ["date-parts"]) ?? hint))
                }
            }
            guard let partsNode else {
                report(error(at: node, "the date '\(field)' has no 'date-parts'", hint: hint))
                return nil
            }
            let shown = compact(partsNode)
            guard let outer = partsNode.sequence, let first = outer.first, let inner = first.sequence,
                (1...3).contains(inner.count)
            else {
                report(error(at: partsNode, "'\(shown)' is not a valid date", hint: hint))
                return nil
            }
            if outer.count > 1 {
                report(
                    error(
                        at: outer[1], "'\(shown)' is a date range, which Parley does not support",
                        hint: "give one date (the first), and describe the range in 'note'"))
                return nil
            }
            var numbers: [Int] = []
            for component in inner {
                guard let text = component.scalar?.string, !text.isEmpty, text.count <= 4,
                    text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text)
                else {
                    report(error(at: component, "'\(shown)' is not a valid date", hint: hint))
                    return nil
                }
                numbers.append(number)
            }
            let year = numbers[0]
            if numbers.count > 1 && !(1...12).contains(numbers[1]) {
                report(
                    error(at: inner[1], "'\(shown)' is not a valid date (there is no month \(numbers[1]))", hint: hint))
                return nil
            }
            if numbers.count > 2 {
                let length = EntryDate.daysIn(month: numbers[1], year: year)
                if !(1...length).contains(numbers[2]) {
                    let reason = "\(EntryDate.monthNames[numbers[1] - 1]) \(year) has \(length) days"
                    report(error(at: inner[2], "'\(shown)' is not a valid date (\(reason))", hint: hint))
                    return nil
                }
            }
            let date = EntryDate(
                year: year, month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
            return (date, normalised(date))
        default:
            report(error(at: node, "'\(field)' must be a date, not \(kind(of: node))", hint: hint))
            return nil
        }
    }

    /// A value on one line, for messages: `[[2022, 2, 30]]`.
    func compact(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string
        case .sequence(let sequence): "[" + sequence.map(compact).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            "{" + mapping.map { compact($0.key) + ": " + compact($0.value) }.joined(separator: ", ") + "}"
        case .alias: "*"
        }
    }

    // MARK: Positions and messages

    func position(of node: Node) -> (line: Int, column: Int) {
        guard let mark = node.mark else { return (1, 1) }
        return (mark.line, mark.column)
    }

    func error(at node: Node, _ message: String, hint: String? = nil) -> Diagnostic {
        let (line, column) = position(of: node)
        return file.error(line: line, column: column, message, hint: hint)
    }

    func warning(at node: Node, _ message: String, hint: String? = nil) -> Diagnostic {
        let (line, column) = position(of: node)
        return file.warning(line: line, column: column, message, hint: hint)
    }

    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func kind(of node: Node) -> String {
        switch node {
        case .mapping: format == .yaml ? "a set of fields" : "an object"
        case .sequence: "a list"
        case .scalar(let scalar): "'\(scalar.string)'"
        case .alias: "an alias"
        }
    }

    /// A located diagnostic for a Yams error (syntax, or a key written twice).
    func diagnostic(for error: YamlError, in text: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _),
            let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            if format == .yaml, let context, let opener = YAMLReader.unclosed(context.text) {
                return file.error(
                    line: context.mark.line, column: context.mark.column,
                    "invalid YAML: this \(opener) is never closed (at line \(mark.line) the YAML reader \(problem))",
                    hint: YAMLReader.unclosedHint)
            }
            var message = "invalid \(format.name): \(problem)"
            if let context {
                message += " (\(context.text) that began at line \(context.mark.line))"
            }
            let line = file.line(mark.line) ?? ""
            let atTab = line.unicodeScalars.dropFirst(max(0, mark.column - 1)).first == "\t"
            let hint: String
            switch format {
            case .yaml where atTab:
                hint = "indent with spaces: YAML does not allow tabs for indentation"
            case .yaml:
                hint =
                    "check the quotes and indentation; a value that contains ': ' or starts with '[', '{', '*', '&' or '@' must be in quotes"
            case .json:
                hint =
                    "check the commas, quotes and brackets: in an array or object, every item but the last is followed by ','"
            }
            return file.error(line: mark.line, column: mark.column, message, hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            let name = duplicates.first ?? "?"
            let first = context.mark
            let second = Self.secondOccurrence(of: name, after: (first.line, first.column), in: text)
            return file.error(
                line: second?.line ?? first.line, column: second?.column ?? first.column,
                "'\(name)' is written twice in the same \(format.mapping)",
                hint: "keep one of them (the first is at line \(first.line)); for several values write a list")
        case let .reader(problem, _, _, _):
            return file.error(line: 1, column: 1, "cannot read the file: \(problem)")
        default:
            return file.error(line: 1, column: 1, "cannot read the file: \(error)")
        }
    }

    /// Where key `name` is written again after its first occurrence: at the same column on a later line
    /// (block YAML, pretty-printed JSON), or later on the same line (JSON on one line).
    static func secondOccurrence(
        of name: String, after first: (line: Int, column: Int), in text: String
    ) -> (line: Int, column: Int)? {
        let patterns = [name + ":", "\"\(name)\"", "'\(name)'"].map { Array($0.unicodeScalars) }
        func matches(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
            guard index == 0 || [" ", "\t", "{", ",", "-", "?"].contains(scalars[index - 1]) else { return false }
            return patterns.contains { pattern in
                index + pattern.count <= scalars.count && Array(scalars[index..<index + pattern.count]) == pattern
            }
        }
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst(
            first.line - 1)
        {
            let number = offset + 1
            let scalars = Array(line.unicodeScalars)
            if number == first.line {
                var index = first.column  // just after the first occurrence's first character
                while index < scalars.count {
                    if matches(scalars, at: index) { return (number, index + 1) }
                    index += 1
                }
            } else if first.column - 1 < scalars.count, matches(scalars, at: first.column - 1) {
                return (number, first.column)
            }
        }
        return nil
    }
}
