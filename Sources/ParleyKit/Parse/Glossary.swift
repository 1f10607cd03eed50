/// `Content/terms.<language>.yaml`: the subject terms' names in one of the site's other languages, by kind,
/// so that each name is translated once however many entries name it:
///
///     people:
///       Vladimir Putin: Володимир Путін
///     places:
///       Moscow: Москва
struct Glossary: Sendable, Hashable {
    var language: String
    var path: String
    /// By kind, each term's name in the language, by its name in the entries.
    var names: [String: [String: Located<String>]] = [:]

    /// The name of a term in this language, if the glossary gives one.
    func name(_ kind: String, _ term: String) -> String? { names[kind]?[term]?.value }

    static func parse(_ file: SourceFile, language: String, kinds: [SubjectKind]) -> (Glossary, [Diagnostic]) {
        var glossary = Glossary(language: language, path: file.path)
        var reader = YAMLReader(file: file, lineOffset: 0, context: "glossary")
        guard let mapping = reader.mapping(from: file.text) else { return (glossary, reader.diagnostics) }
        let kindNames = kinds.map(\.name)
        // The file's lines, split once: each term keeps the part of its line around it.
        var lines: [Substring] = []
        var iterator = LineIterator(file.text)
        while let line = iterator.next() { lines.append(line) }
        var lastLine: (number: Int, scalars: [Unicode.Scalar])?
        for (key, value) in mapping {
            guard let kind = key.scalar?.string else { continue }
            guard kindNames.contains(kind) else {
                reader.report(
                    reader.error(
                        at: key, "'\(kind)' is not a kind of subject in Content/site.yaml",
                        hint: Suggestion.hint(for: kind, in: kindNames) ?? "the kinds are "
                            + kindNames.map { "'\($0)'" }.joined(separator: ", ")))
                continue
            }
            guard let terms = value.mapping else {
                if !reader.isNull(value) {
                    reader.report(
                        reader.error(
                            at: value, "'\(kind)' must be a set of lines 'Name in the entries: name in \(language)'",
                            hint: "for example:\n\(kind):\n  Moscow: Москва"))
                }
                continue
            }
            for (term, name) in terms {
                guard let termName = term.scalar?.string else { continue }
                guard let text = name.scalar?.string, !text.trimmingWhitespace.isEmpty else {
                    reader.report(reader.error(at: name, "the \(language) name of '\(termName)' must be text"))
                    continue
                }
                let (line, column) = reader.position(of: term)
                let location = SourceLocation(file: file.path, line: line, column: column)
                guard line >= 1, line <= lines.count else {
                    glossary.names[kind, default: [:]][termName] = Located(text, at: location)
                    continue
                }
                if lastLine?.number != line { lastLine = (line, Array(lines[line - 1].unicodeScalars)) }
                let (excerpt, start) = SourceExcerpt.clip(lastLine!.scalars, column: column)
                glossary.names[kind, default: [:]][termName] = Located(
                    text, at: location, excerpt: excerpt, start: start)
            }
        }
        return (glossary, reader.diagnostics)
    }

    /// How many unused terms a warning names before it gives only their count.
    static let unusedShown = 5

    /// A warning for the names the glossary gives to terms no entry names (a misspelt key translates nothing):
    /// one for all of them, at the first, naming the first few and how many there are.
    func unused(_ uses: [TermUse]) -> [Diagnostic] {
        var named: [String: Set<String>] = [:]
        for use in uses { named[use.kind, default: []].insert(use.name) }
        var unused: [(kind: String, term: String, name: Located<String>)] = []
        for (kind, terms) in names {
            for (term, name) in terms where named[kind]?.contains(term) != true { unused.append((kind, term, name)) }
        }
        guard let first = unused.min(by: { Self.precedes($0, $1) }) else { return [] }
        if unused.count == 1 {
            return [
                first.name.diagnostic(
                    .warning, "no entry names the \(first.kind) term '\(first.term)', so its name here is not used",
                    hint: Suggestion.hint(for: first.term, in: named[first.kind] ?? [])
                        ?? "remove it, or name the term in an entry's '\(first.kind)'")
            ]
        }
        unused.sort { Self.precedes($0, $1) }
        let shown = unused.prefix(Self.unusedShown).map { "the \($0.kind) term '\($0.term)'" }
        let list =
            unused.count > Self.unusedShown
            ? shown.joined(separator: ", ") + " and \(unused.count - Self.unusedShown) more"
            : shown.dropLast().joined(separator: ", ") + " and " + shown.last!
        return [
            first.name.diagnostic(
                .warning,
                "no entry names \(unused.count) of the terms this glossary gives names to, so their names here are not used: \(list)",
                hint: Suggestion.hint(for: first.term, in: named[first.kind] ?? []).map { "'\(first.term)': \($0)" }
                    ?? "remove them, or name the terms in entries' subject fields")
        ]
    }

    /// File order: by line, then column, then kind and term.
    private static func precedes(
        _ a: (kind: String, term: String, name: Located<String>),
        _ b: (kind: String, term: String, name: Located<String>)
    ) -> Bool {
        (a.name.location.line ?? 0, a.name.location.column ?? 0, a.kind, a.term)
            < (b.name.location.line ?? 0, b.name.location.column ?? 0, b.kind, b.term)
    }
}
