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
                    reader.report(
                        file.error(
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
                        let low = hex(index + 8), (0xDC00...0xDFFF).contains(low)
                    {
                        let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        let digits = String(value, radix: 16, uppercase: true)
                        out.append(
                            contentsOf: ("\\U" + String(repeating: "0", count: 8 - digits.count) + digits)
                                .unicodeScalars)
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
