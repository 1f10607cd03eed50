import Yams

/// Stage 2, parse, for the sources: `Content/bibliography.yaml` (CSL YAML, the format Pandoc reads: a
/// `references:` list) and `Content/bibliography.json` (CSL-JSON, what Zotero exports: an array), merged.
///
/// Both are composed by Yams, so every value keeps its line and column (JSON is YAML, once leading tabs are
/// spaces). Values are read as written, never through YAML's type guessing: `ISSN: 0362-4331` stays text.
/// Every problem of every file is reported, each at its `file:line:col` with a hint.
enum BibliographyParser {
    /// Reads CSL YAML files before CSL-JSON ones; a duplicate id in either is an error at the second.
    static func parse(_ files: [SourceFile]) -> (Bibliography, [Diagnostic]) {
        let ordered = files.filter { !isJSON($0.path) } + files.filter { isJSON($0.path) }
        var references: [Reference] = []
        var firstLocation: [String: SourceLocation] = [:]
        var diagnostics: [Diagnostic] = []
        for file in ordered {
            var reader = SourceReader(file: file, format: isJSON(file.path) ? .json : .yaml)
            for item in reader.items() {
                guard let reference = reader.reference(item) else { continue }
                if let first = firstLocation[reference.id] {
                    let line = reference.location.line
                    let column = reference.location.column
                    reader.report(file.error(
                        line: line, column: column, "duplicate id '\(reference.id)'",
                        hint: "the first source with this id is at \(first); give each source its own id"))
                    continue
                }
                firstLocation[reference.id] = reference.location
                references.append(reference)
            }
            diagnostics += reader.diagnostics
        }
        var bibliography = Bibliography(references: references, files: ordered.map(\.path))
        bibliography.incomplete = diagnostics.hasErrors
        return (bibliography, diagnostics)
    }

    static func isJSON(_ path: String) -> Bool { path.lowercased().hasSuffix(".json") }

    // MARK: The CSL variables

    /// How a field's value is read.
    enum Kind {
        /// Text: a scalar, stored as a string whatever it looks like.
        case text
        /// A CSL "number" variable (or `id`): a scalar, stored as a number when written as one.
        case number
        /// A list of names.
        case names
        /// A date: `2022-02-28` or `{date-parts: [[2022, 2, 28]]}`.
        case date
        /// Parley's `agency`: one text or a list of texts.
        case texts
        /// Anything, kept as written (`categories`, `custom`).
        case any
    }

    /// Parley's extensions to CSL.
    static let extensions: [String: Kind] = [
        "archive-url": .text, "archive-date": .date, "translated-title": .text,
        "translated-container-title": .text, "quote": .text, "translated-quote": .text, "agency": .texts,
    ]

    /// The CSL 1.0.2 name variables.
    static let nameVariables = [
        "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
        "curator", "director", "editor", "editorial-director", "editor-translator", "executive-producer", "guest",
        "host", "illustrator", "interviewer", "narrator", "organizer", "original-author", "performer", "producer",
        "recipient", "reviewed-author", "script-writer", "series-creator", "translator",
    ]

    /// The CSL 1.0.2 date variables.
    static let dateVariables = ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]

    /// The CSL 1.0.2 number variables, which CSL-JSON allows as numbers or strings.
    static let numberVariables = [
        "id", "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
        "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part-number",
        "printing-number", "section", "supplement-number", "version", "volume",
    ]

    /// The CSL 1.0.2 standard (text) variables, plus CSL-JSON's `type` and Zotero's legacy abbreviations.
    static let textVariables = [
        "type", "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
        "authority", "call-number", "citation-key", "citation-label", "collection-title", "container-title",
        "container-title-short", "dimensions", "division", "DOI", "event", "event-title", "event-place", "genre",
        "ISBN", "ISSN", "jurisdiction", "keyword", "language", "license", "medium", "note", "original-publisher",
        "original-publisher-place", "original-title", "part-title", "PMCID", "PMID", "publisher",
        "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "source", "status", "title",
        "title-short", "URL", "volume-title", "volume-title-short", "year-suffix", "journalAbbreviation",
        "shortTitle",
    ]

    /// CSL-JSON fields that are not variables.
    static let otherFields = ["categories", "custom", "multi"]

    static let kinds: [String: Kind] = {
        var kinds = extensions
        for name in nameVariables { kinds[name] = .names }
        for name in dateVariables { kinds[name] = .date }
        for name in numberVariables { kinds[name] = .number }
        for name in textVariables { kinds[name] = .text }
        for name in otherFields { kinds[name] = .any }
        return kinds
    }()

    /// The parts of a CSL name.
    static let nameParts = [
        "family", "given", "literal", "dropping-particle", "non-dropping-particle", "suffix", "comma-suffix",
        "static-ordering", "parse-names",
    ]

    /// The CSL 1.0.2 item types.
    static let types = [
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
        "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
        "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
        "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
        "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
        "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
    ]

    // MARK: JSON as YAML

    /// CSL-JSON text made readable by libyaml with the same line and column for every value: each tab that
    /// indents a line becomes one space (libyaml refuses tabs as indentation), and a UTF-16 surrogate pair
    /// escape (`\ud83d\ude00`, which libyaml refuses) becomes YAML's `\U0001F600` (two characters shorter,
    /// so only later columns on that same line move).
    static func jsonAsYAML(_ json: String) -> String {
        let scalars = Array(json.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var inString = false
        var lineStart = true
        var index = 0
        func hex(_ start: Int) -> UInt32? {
            guard start + 4 <= scalars.count else { return nil }
            return UInt32(String(String.UnicodeScalarView(scalars[start..<start + 4])), radix: 16)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if inString {
                if scalar == "\\", index + 1 < scalars.count {
                    if scalars[index + 1] == "u", let high = hex(index + 2), (0xD800...0xDBFF).contains(high),
                       index + 11 < scalars.count, scalars[index + 6] == "\\", scalars[index + 7] == "u",
                       let low = hex(index + 8), (0xDC00...0xDFFF).contains(low) {
                        let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        let digits = String(value, radix: 16, uppercase: true)
                        out.append(contentsOf: ("\\U" + String(repeating: "0", count: 8 - digits.count) + digits).unicodeScalars)
                        index += 12
                        continue
                    }
                    out.append(scalar)
                    out.append(scalars[index + 1])
                    index += 2
                    continue
                }
                if scalar == "\"" { inString = false }
                if scalar == "\n" { lineStart = true }
                out.append(scalar)
            } else if scalar == "\t" && lineStart {
                out.append(" ")
            } else {
                if scalar == "\n" {
                    lineStart = true
                } else if scalar != " " && scalar != "\t" && scalar != "\r" {
                    lineStart = false
                }
                if scalar == "\"" { inString = true }
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }
}

// MARK: - Reading one file

/// The file formats, for messages and examples in hints.
private enum SourceFormat {
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

private struct SourceReader {
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
                    report(error(at: node, "'\(node.scalar?.string ?? "")' has a control character (\(control.escapedCode))",
                                 hint: YAMLReader.controlHint))
                case .invisibleInName(let invisible):
                    report(error(at: node, "the field name '\(node.scalar?.string ?? "")' has an invisible formatting character (\(invisible.escapedCode))",
                                 hint: "remove it"))
                }
            }
        }
        let list: Node
        switch format {
        case .yaml:
            guard let root, !isNull(root) else { return [] }
            guard let mapping = root.mapping else {
                report(error(at: root, "the file must have a 'references:' list, not start with \(kind(of: root))",
                             hint: "write 'references:' on the first line, then each source under it starting with '  - id: …'"))
                return []
            }
            var found: Node?
            for (key, value) in mapping {
                if key.scalar?.string == "references" {
                    found = value
                } else {
                    let name = key.scalar?.string ?? "?"
                    report(warning(at: key, "unknown field '\(name)' at the top of the file; it is ignored",
                                   hint: Suggestion.hint(for: name, in: ["references"])
                                       ?? "the file has one field, 'references:', the list of sources"))
                }
            }
            guard let found else {
                report(error(at: root, "the file has no 'references:' list",
                             hint: "write 'references:' on a line of its own, then each source under it starting with '  - id: …'"))
                return []
            }
            if isNull(found) { return [] }
            guard let sequence = found.sequence else {
                report(error(at: found, "'references' must be a list of sources, not \(kind(of: found))",
                             hint: "start each source with '- ', e.g. '  - id: hopkins2022'"))
                return []
            }
            list = .sequence(sequence)
        case .json:
            let hint = "write the sources as [{\"id\": \"hopkins2022\", …}, …], as Zotero's 'CSL JSON' export does"
            guard let root else {
                report(file.error(line: 1, column: 1, "the file is empty; a CSL-JSON file is an array of sources", hint: hint))
                return []
            }
            guard let sequence = root.sequence else {
                report(error(at: root, "a CSL-JSON file must be an array of sources, not \(kind(of: root))", hint: hint))
                return []
            }
            list = .sequence(sequence)
        }
        var items: [Node] = []
        for item in list.sequence ?? [] {
            guard item.mapping != nil else {
                let what = format == .yaml
                    ? "each item of 'references' must be a source (a set of fields), not \(kind(of: item))"
                    : "each item of the array must be a source (an object), not \(kind(of: item))"
                report(error(at: item, what, hint: "for example: " + (format == .yaml
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
            id: validID ?? "", location: SourceLocation(file: file.path, line: idPosition.line, column: idPosition.column))
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
                let hint = Suggestion.hint(for: name, in: BibliographyParser.kinds.keys)
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
                    let example = name == "DOI" ? format.example(name, "10.1000/xyz") : format.example(name, "https://…")
                    report(warning(at: value, problem, hint: "the field is left out; write \(name == "DOI" ? "the DOI as it is registered" : "the address as a browser shows it"): \(example)"))
                    refused.insert(name)
                    continue
                }
                reference.fields.append(CSLField(name, .string(text)))
                assign(text, to: name, in: &reference)
            case .number:
                guard let scalar = value.scalar else {
                    report(error(at: value, "'\(name)' must be text or a number, not \(kind(of: value))",
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
                            report(error(at: item, "each item of '\(name)' must be text, not \(kind(of: item))",
                                         hint: "write one name per item: \(format == .yaml ? "\(name): [Reuters, Agence France-Presse]" : "\"\(name)\": [\"Reuters\", \"Agence France-Presse\"]")"))
                            continue
                        }
                        items.append(scalar.string)
                    }
                    reference.fields.append(CSLField(name, .array(items.map(CSLValue.string))))
                    reference.agency = items.filter { !$0.isEmpty }
                } else {
                    report(error(at: value, "'\(name)' must be text or a list of texts, not \(kind(of: value))",
                                 hint: "for example: " + (format == .yaml ? "\(name): [Reuters, Agence France-Presse]" : "\"\(name)\": [\"Reuters\", \"Agence France-Presse\"]")))
                }
            case .any:
                if let written = generic(value) { reference.fields.append(CSLField(name, written)) }
            }
        }

        // The id.
        if let id, validID == nil, let at = idNode ?? idKey {
            if id.isEmpty {
                report(error(at: at, "the id is empty",
                             hint: "give the source a short unique name to cite it by: \(format.example("id", "hopkins2022"))"))
            } else {
                let joined = id.split(whereSeparator: \.isWhitespace).joined()
                report(error(at: at, "the id '\(id)' contains a space",
                             hint: "an id is one word, written in citations as [@id]: write '\(joined)'"))
            }
        } else if idNode == nil && idKey == nil {
            let titled = reference.title.map { "the source '\($0)'" } ?? "a source"
            report(error(at: node, "\(titled) has no id",
                         hint: "give it a short unique name to cite it by: \(format.example("id", "hopkins2022"))"))
        }

        // What must go together.
        if reference.title?.isEmpty ?? true {
            let at = idNode ?? idKey ?? node
            let field = keys["title"] != nil && reference.title != nil ? "an empty title" : "no title"
            report(error(at: at, "\(source) has \(field)", hint: "add its title: \(format.example("title"))"))
        }
        if let key = keys["archive-url"], reference.archiveURL != nil, keys["archive-date"] == nil, !refused.contains("archive-url") {
            report(error(at: key, "\(source) has an 'archive-url' but no 'archive-date'",
                         hint: "add the day the archived copy was made: \(format.example("archive-date", "2022-03-14"))"))
        }
        if let key = keys["accessed"], reference.url == nil, reference.archiveURL == nil, refused.isEmpty {
            report(error(at: key, "\(source) has an 'accessed' date but no 'URL'",
                         hint: "'accessed' is the day the URL was read: add the \(format.example("URL")) (or 'archive-url'), or say when it was retrieved in 'note'"))
        }
        if let type = reference.type, !BibliographyParser.types.contains(type), let key = keys["type"] {
            let hint = Suggestion.hint(for: type, in: BibliographyParser.types)
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
            guard let scheme = AliasPath.scheme(of: address), !["http", "https", "doi"].contains(scheme) else { return nil }
            return "'DOI' must be a DOI such as 10.1000/xyz, not '\(text)'"
        default:
            return nil
        }
    }

    private func assign(_ text: String, to field: String, in reference: inout Reference) {
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

    // MARK: Values

    /// A text field's value, or nil after reporting that it is not text.
    private mutating func text(_ node: Node, field: String) -> String? {
        guard let scalar = node.scalar else {
            report(error(at: node, "'\(field)' must be text, not \(kind(of: node))",
                         hint: "write it on one line: \(format.example(field))"))
            return nil
        }
        return scalar.string
    }

    /// A scalar typed as JSON types it, from how it is written: quoted is text; plain `true`, `false`, null
    /// and JSON-style numbers (`12`, `1.10`, never `0362`) are what they look like; anything else is text.
    private func classify(_ scalar: Node.Scalar) -> CSLValue {
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
    private mutating func generic(_ node: Node) -> CSLValue? {
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
    private mutating func names(_ node: Node, field: String, source: String) -> (names: [Name], written: CSLValue)? {
        let listHint = format == .yaml
            ? "write a list of names: \(field): [{family: Smith, given: John}], or for an organisation: \(field): [{literal: Reuters}]"
            : "write a list of names: \"\(field)\": [{\"family\": \"Smith\", \"given\": \"John\"}], or for an organisation: \"\(field)\": [{\"literal\": \"Reuters\"}]"
        guard let sequence = node.sequence else {
            if node.mapping != nil {
                report(error(at: node, "'\(field)' must be a list of names, not one \(format.mapping)",
                             hint: format == .yaml ? "put '- ' before the name's first field to make it an item of a list" : "put the name in a list: [ {…} ]"))
            } else {
                report(error(at: node, "'\(field)' must be a list of names, not \(kind(of: node))", hint: listHint))
            }
            return nil
        }
        var names: [Name] = []
        var written: [CSLValue] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                report(error(at: item, "each name in '\(field)' must be a \(format.mapping) with 'family' and 'given', or 'literal', not \(kind(of: item))",
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
                    report(warning(at: key, "unknown name part '\(part)' in '\(field)' of \(source); it is ignored",
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
                report(error(at: item, "a name in '\(field)' of \(source) has no 'family' or 'literal'",
                             hint: format == .yaml
                                ? "write a person as {family: Smith, given: John} and an organisation as {literal: Reuters}"
                                : "write a person as {\"family\": \"Smith\", \"given\": \"John\"} and an organisation as {\"literal\": \"Reuters\"}"))
                continue
            }
            names.append(name)
            written.append(.object(parts))
        }
        return (names, .array(written))
    }

    /// A date, and its normalised form `{date-parts: [[y, m, d]]}`; nil after reporting what is wrong.
    private mutating func date(_ node: Node, field: String) -> (date: EntryDate, normalised: CSLValue)? {
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
                    report(warning(at: key, "Parley does not read '\(name)' in a date; it is ignored",
                                   hint: "give the date as \(format.dateExample), or as text: \(EntryDate.acceptedForms)"))
                } else {
                    report(warning(at: key, "unknown field '\(name)' in the date '\(field)'; it is ignored",
                                   hint: Suggestion.hint(for: name, in: ["date-parts"]) ?? hint))
                }
            }
            guard let partsNode else {
                report(error(at: node, "the date '\(field)' has no 'date-parts'", hint: hint))
                return nil
            }
            let shown = compact(partsNode)
            guard let outer = partsNode.sequence, let first = outer.first, let inner = first.sequence,
                  (1...3).contains(inner.count) else {
                report(error(at: partsNode, "'\(shown)' is not a valid date", hint: hint))
                return nil
            }
            if outer.count > 1 {
                report(error(at: outer[1], "'\(shown)' is a date range, which Parley does not support",
                             hint: "give one date (the first), and describe the range in 'note'"))
                return nil
            }
            var numbers: [Int] = []
            for component in inner {
                guard let text = component.scalar?.string, !text.isEmpty, text.count <= 4,
                      text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
                    report(error(at: component, "'\(shown)' is not a valid date", hint: hint))
                    return nil
                }
                numbers.append(number)
            }
            let year = numbers[0]
            if numbers.count > 1 && !(1...12).contains(numbers[1]) {
                report(error(at: inner[1], "'\(shown)' is not a valid date (there is no month \(numbers[1]))", hint: hint))
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
            let date = EntryDate(year: year, month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
            return (date, normalised(date))
        default:
            report(error(at: node, "'\(field)' must be a date, not \(kind(of: node))", hint: hint))
            return nil
        }
    }

    /// A value on one line, for messages: `[[2022, 2, 30]]`.
    private func compact(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string
        case .sequence(let sequence): "[" + sequence.map(compact).joined(separator: ", ") + "]"
        case .mapping(let mapping): "{" + mapping.map { compact($0.key) + ": " + compact($0.value) }.joined(separator: ", ") + "}"
        case .alias: "*"
        }
    }

    // MARK: Positions and messages

    private func position(of node: Node) -> (line: Int, column: Int) {
        guard let mark = node.mark else { return (1, 1) }
        return (mark.line, mark.column)
    }

    private func error(at node: Node, _ message: String, hint: String? = nil) -> Diagnostic {
        let (line, column) = position(of: node)
        return file.error(line: line, column: column, message, hint: hint)
    }

    private func warning(at node: Node, _ message: String, hint: String? = nil) -> Diagnostic {
        let (line, column) = position(of: node)
        return file.warning(line: line, column: column, message, hint: hint)
    }

    private func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func kind(of node: Node) -> String {
        switch node {
        case .mapping: format == .yaml ? "a set of fields" : "an object"
        case .sequence: "a list"
        case .scalar(let scalar): "'\(scalar.string)'"
        case .alias: "an alias"
        }
    }

    /// A located diagnostic for a Yams error (syntax, or a key written twice).
    private func diagnostic(for error: YamlError, in text: String) -> Diagnostic {
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
                hint = "check the quotes and indentation; a value that contains ': ' or starts with '[', '{', '*', '&' or '@' must be in quotes"
            case .json:
                hint = "check the commas, quotes and brackets: in an array or object, every item but the last is followed by ','"
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
    static func secondOccurrence(of name: String, after first: (line: Int, column: Int), in text: String) -> (line: Int, column: Int)? {
        let patterns = [name + ":", "\"\(name)\"", "'\(name)'"].map { Array($0.unicodeScalars) }
        func matches(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
            guard index == 0 || [" ", "\t", "{", ",", "-", "?"].contains(scalars[index - 1]) else { return false }
            return patterns.contains { pattern in
                index + pattern.count <= scalars.count && Array(scalars[index..<index + pattern.count]) == pattern
            }
        }
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst(first.line - 1) {
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
