import Yams

/// The file formats, for messages and examples in hints.
enum SourceFormat {
    case yaml, json

    var name: String { self == .yaml ? "YAML" : "JSON" }

    /// `title: …` or `"title": "…"`.
    func example(_ field: String, _ value: String = "…") -> String {
        self == .yaml ? "\(field): \(value)" : "\"\(field)\": \"\(value)\""
    }

    var dateExample: String {
        self == .yaml ? "{date-parts: [[2022, 2, 28]]}" : "{\"date-parts\": [[2022, 2, 28]]}"
    }

    var mapping: String { self == .yaml ? "set of fields" : "object" }
}

/// Reads one bibliography file: its top level, then each source field by field, reporting every problem where
/// it is written.
struct SourceReader {
    let file: SourceFile
    let format: SourceFormat
    private(set) var diagnostics: [Diagnostic] = []

    init(file: SourceFile, format: SourceFormat) {
        self.file = file
        self.format = format
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    // MARK: The top level

    /// The sources' nodes (each a mapping), after checking the file's top level.
    mutating func items() -> [Node] {
        let text = format == .json ? BibliographyParser.jsonAsYAML(file.text) : file.text
        if let alias = YAMLAliases.excess(in: text) {
            report(file.error(line: alias.line, column: alias.column, YAMLAliases.message, hint: YAMLAliases.hint))
            return []
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            report(diagnostic(for: error, in: text))
            return []
        } catch {
            report(file.error(line: 1, column: 1, "cannot read the file: \(error)"))
            return []
        }
        if let root {
            for (node, problem) in YAMLReader.characterProblems(in: root) {
                switch problem {
                case .control(let control):
                    report(
                        error(
                            at: node, "'\(node.scalar?.string ?? "")' has a control character (\(control.escapedCode))",
                            hint: YAMLReader.controlHint))
                case .invisibleInName(let invisible):
                    report(
                        error(
                            at: node,
                            "the field name '\(node.scalar?.string ?? "")' has an invisible formatting character (\(invisible.escapedCode))",
                            hint: "remove it"))
                }
            }
        }
        let list: Node
        switch format {
        case .yaml:
            guard let root, !isNull(root) else { return [] }
            guard let mapping = root.mapping else {
                report(
                    error(
                        at: root, "the file must have a 'references:' list, not start with \(kind(of: root))",
                        hint:
                            "write 'references:' on the first line, then each source under it starting with '  - id: …'"
                    ))
                return []
            }
            var found: Node?
            for (key, value) in mapping {
                if key.scalar?.string == "references" {
                    found = value
                } else {
                    let name = key.scalar?.string ?? "?"
                    report(
                        warning(
                            at: key, "unknown field '\(name)' at the top of the file; it is ignored",
                            hint: Suggestion.hint(for: name, in: ["references"])
                                ?? "the file has one field, 'references:', the list of sources"))
                }
            }
            guard let found else {
                report(
                    error(
                        at: root, "the file has no 'references:' list",
                        hint:
                            "write 'references:' on a line of its own, then each source under it starting with '  - id: …'"
                    ))
                return []
            }
            if isNull(found) { return [] }
            guard let sequence = found.sequence else {
                report(
                    error(
                        at: found, "'references' must be a list of sources, not \(kind(of: found))",
                        hint: "start each source with '- ', e.g. '  - id: hopkins2022'"))
                return []
            }
            list = .sequence(sequence)
        case .json:
            let hint = "write the sources as [{\"id\": \"hopkins2022\", …}, …], as Zotero's 'CSL JSON' export does"
            guard let root else {
                report(
                    file.error(
                        line: 1, column: 1, "the file is empty; a CSL-JSON file is an array of sources", hint: hint))
                return []
            }
            guard let sequence = root.sequence else {
                report(
                    error(at: root, "a CSL-JSON file must be an array of sources, not \(kind(of: root))", hint: hint))
                return []
            }
            list = .sequence(sequence)
        }
        var items: [Node] = []
        for item in list.sequence ?? [] {
            guard item.mapping != nil else {
                let what =
                    format == .yaml
                    ? "each item of 'references' must be a source (a set of fields), not \(kind(of: item))"
                    : "each item of the array must be a source (an object), not \(kind(of: item))"
                report(
                    error(
                        at: item, what,
                        hint: "for example: "
                            + (format == .yaml
                                ? "- id: hopkins2022\n  title: …" : "{\"id\": \"hopkins2022\", \"title\": \"…\"}")))
                continue
            }
            items.append(item)
        }
        return items
    }

    // MARK: One source

    /// A source's reference, or nil when it has no usable id (its other problems are reported all the same).
    mutating func reference(_ node: Node) -> Reference? {
        guard let mapping = node.mapping else { return nil }
        // The id first, to name the source in every message.
        var id: String?
        var idNode: Node?
        var idKey: Node?
        for (key, value) in mapping where key.scalar?.string == "id" {
            idKey = key
            idNode = isNull(value) ? nil : value
            id = value.scalar.map { isNull(value) ? "" : $0.string }
        }
        let validID = id.flatMap { $0.isEmpty || $0.contains(where: \.isWhitespace) ? nil : $0 }
        let source = validID.map { "source '\($0)'" } ?? "this source"

        let idPosition = position(of: idNode ?? idKey ?? node)
        var reference = Reference(
            id: validID ?? "",
            location: SourceLocation(file: file.path, line: idPosition.line, column: idPosition.column))
        var keys: [String: Node] = [:]
        var values: [String: Node] = [:]
        // Link fields left out for a scheme that is not http or https.
        var refused: Set<String> = []

        for (key, value) in mapping {
            guard let keyScalar = key.scalar else {
                report(error(at: key, "a field name must be text, not \(kind(of: key))"))
                continue
            }
            let name = keyScalar.string
            keys[name] = key
            values[name] = value
            guard let fieldKind = BibliographyParser.kinds[name] else {
                let hint =
                    Suggestion.hint(for: name, in: BibliographyParser.kinds.keys)
                    ?? "Parley reads the CSL variables and its own extensions (\(BibliographyParser.extensions.keys.sorted().joined(separator: ", "))); this field is ignored"
                report(warning(at: key, "unknown field '\(name)' in \(source)", hint: hint))
                continue
            }
            if isNull(value) { continue }
            switch fieldKind {
            case .text:
                guard let text = text(value, field: name) else { continue }
                if let problem = Self.linkProblem(text, field: name) {
                    // Left out, so that no page or export links to it.
                    let example =
                        name == "DOI" ? format.example(name, "10.1000/xyz") : format.example(name, "https://…")
                    report(
                        warning(
                            at: value, problem,
                            hint:
                                "the field is left out; write \(name == "DOI" ? "the DOI as it is registered" : "the address as a browser shows it"): \(example)"
                        ))
                    refused.insert(name)
                    continue
                }
                reference.fields.append(CSLField(name, .string(text)))
                assign(text, to: name, in: &reference)
            case .number:
                guard let scalar = value.scalar else {
                    report(
                        error(
                            at: value, "'\(name)' must be text or a number, not \(kind(of: value))",
                            hint: "write it on one line: \(format.example(name))"))
                    continue
                }
                reference.fields.append(CSLField(name, classify(scalar)))
                assign(scalar.string, to: name, in: &reference)
            case .names:
                guard let read = names(value, field: name, source: source) else { continue }
                reference.fields.append(CSLField(name, read.written))
                if name == "author" { reference.authors = read.names }
                if name == "editor" { reference.editors = read.names }
            case .date:
                if let read = date(value, field: name) {
                    reference.fields.append(CSLField(name, read.normalised))
                    switch name {
                    case "issued": reference.issued = read.date
                    case "accessed": reference.accessed = read.date
                    case "archive-date": reference.archiveDate = read.date
                    default: break
                    }
                } else if let written = generic(value) {
                    reference.fields.append(CSLField(name, written))
                }
            case .texts:
                if let scalar = value.scalar {
                    reference.fields.append(CSLField(name, .string(scalar.string)))
                    reference.agency = scalar.string.isEmpty ? [] : [scalar.string]
                } else if let sequence = value.sequence {
                    var items: [String] = []
                    for item in sequence {
                        guard let scalar = item.scalar, !isNull(item) else {
                            report(
                                error(
                                    at: item, "each item of '\(name)' must be text, not \(kind(of: item))",
                                    hint:
                                        "write one name per item: \(format == .yaml ? "\(name): [Reuters, Agence France-Presse]" : "\"\(name)\": [\"Reuters\", \"Agence France-Presse\"]")"
                                ))
                            continue
                        }
                        items.append(scalar.string)
                    }
                    reference.fields.append(CSLField(name, .array(items.map(CSLValue.string))))
                    reference.agency = items.filter { !$0.isEmpty }
                } else {
                    report(
                        error(
                            at: value, "'\(name)' must be text or a list of texts, not \(kind(of: value))",
                            hint: "for example: "
                                + (format == .yaml
                                    ? "\(name): [Reuters, Agence France-Presse]"
                                    : "\"\(name)\": [\"Reuters\", \"Agence France-Presse\"]")))
                }
            case .any:
                if let written = generic(value) { reference.fields.append(CSLField(name, written)) }
            }
        }

        // The id.
        if let id, validID == nil, let at = idNode ?? idKey {
            if id.isEmpty {
                report(
                    error(
                        at: at, "the id is empty",
                        hint:
                            "give the source a short unique name to cite it by: \(format.example("id", "hopkins2022"))")
                )
            } else {
                let joined = id.split(whereSeparator: \.isWhitespace).joined()
                report(
                    error(
                        at: at, "the id '\(id)' contains a space",
                        hint: "an id is one word, written in citations as [@id]: write '\(joined)'"))
            }
        } else if idNode == nil && idKey == nil {
            let titled = reference.title.map { "the source '\($0)'" } ?? "a source"
            report(
                error(
                    at: node, "\(titled) has no id",
                    hint: "give it a short unique name to cite it by: \(format.example("id", "hopkins2022"))"))
        }

        // What must go together.
        if reference.title?.isEmpty ?? true {
            let at = idNode ?? idKey ?? node
            let field = keys["title"] != nil && reference.title != nil ? "an empty title" : "no title"
            report(error(at: at, "\(source) has \(field)", hint: "add its title: \(format.example("title"))"))
        }
        if let key = keys["archive-url"], reference.archiveURL != nil, keys["archive-date"] == nil,
            !refused.contains("archive-url")
        {
            report(
                error(
                    at: key, "\(source) has an 'archive-url' but no 'archive-date'",
                    hint: "add the day the archived copy was made: \(format.example("archive-date", "2022-03-14"))"))
        }
        if let key = keys["accessed"], reference.url == nil, reference.archiveURL == nil, refused.isEmpty {
            report(
                error(
                    at: key, "\(source) has an 'accessed' date but no 'URL'",
                    hint:
                        "'accessed' is the day the URL was read: add the \(format.example("URL")) (or 'archive-url'), or say when it was retrieved in 'note'"
                ))
        }
        if let type = reference.type, !BibliographyParser.types.contains(type), let key = keys["type"] {
            let hint =
                Suggestion.hint(for: type, in: BibliographyParser.types)
                ?? "CSL's types include article-newspaper, article-magazine, article-journal, book, chapter, report, webpage and post-weblog"
            report(warning(at: values["type"] ?? key, "unknown type '\(type)' in \(source)", hint: hint))
        }
        return validID == nil ? nil : reference
    }

    /// Why a link field's value cannot be linked to, or nil: `URL` and `archive-url` must be `http` or `https`
    /// addresses, and a `DOI` (`10.1000/xyz`, or written as a `https://doi.org/…` address) may have no other
    /// scheme, so that nothing like `javascript:` or `data:` reaches a page's links or the exports.
    static func linkProblem(_ text: String, field: String) -> String? {
        let address = text.trimmingWhitespace.lowercased()
        switch field {
        case "URL", "archive-url":
            guard !address.isEmpty, !address.hasPrefix("https://"), !address.hasPrefix("http://") else { return nil }
            return "'\(field)' must be an http or https address, not '\(text)'"
        case "DOI":
            guard let scheme = AliasPath.scheme(of: address), !["http", "https", "doi"].contains(scheme) else {
                return nil
            }
            return "'DOI' must be a DOI such as 10.1000/xyz, not '\(text)'"
        default:
            return nil
        }
    }

    func assign(_ text: String, to field: String, in reference: inout Reference) {
        let value: String? = text.isEmpty ? nil : text
        switch field {
        case "type": reference.type = value
        case "title": reference.title = text
        case "container-title": reference.containerTitle = value
        case "publisher": reference.publisher = value
        case "URL": reference.url = value
        case "ISSN": reference.issn = value
        case "language": reference.language = value
        case "page": reference.page = value
        case "note": reference.note = value
        case "archive-url": reference.archiveURL = value
        case "translated-title": reference.translatedTitle = value
        case "translated-container-title": reference.translatedContainerTitle = value
        case "quote": reference.quote = value
        case "translated-quote": reference.translatedQuote = value
        default: break
        }
    }
}
