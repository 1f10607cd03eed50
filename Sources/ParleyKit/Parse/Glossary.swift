/// `Content/terms.<language>.yaml`: the subject terms' names in one of the site's other languages, by kind,
/// so that each name is translated once however many entries name it:
///
///     people:
///       Vladimir Putin: Володимир Путін
///     places:
///       Moscow: Москва
public struct Glossary: Sendable, Hashable {
    public var language: String
    public var path: String
    /// By kind, each term's name in the language, by its name in the entries.
    var names: [String: [String: Located<String>]] = [:]

    /// The language of a glossary's file name: `terms.uk.yaml` → `uk`; nil for another file.
    static func language(ofFile name: String) -> String? {
        guard name.hasPrefix("terms."), name.hasSuffix(".yaml"), name.count > "terms..yaml".count else { return nil }
        return String(name.dropFirst("terms.".count).dropLast(".yaml".count))
    }

    /// The name of a term in this language, if the glossary gives one.
    func name(_ kind: String, _ term: String) -> String? { names[kind]?[term]?.value }

    static func parse(_ file: SourceFile, language: String, kinds: [SubjectKind]) -> (Glossary, [Diagnostic]) {
        var glossary = Glossary(language: language, path: file.path)
        var reader = YAMLReader(file: file, lineOffset: 0, context: "glossary")
        guard let mapping = reader.mapping(from: file.text) else { return (glossary, reader.diagnostics) }
        let kindNames = kinds.map(\.name)
        for (key, value) in mapping {
            guard let kind = key.scalar?.string else { continue }
            guard kindNames.contains(kind) else {
                reader.report(reader.error(at: key, "'\(kind)' is not a kind of subject in Content/site.yaml",
                                           hint: Suggestion.hint(for: kind, in: kindNames) ?? "the kinds are " + kindNames.map { "'\($0)'" }.joined(separator: ", ")))
                continue
            }
            guard let terms = value.mapping else {
                if !reader.isNull(value) {
                    reader.report(reader.error(at: value, "'\(kind)' must be a set of lines 'Name in the entries: name in \(language)'",
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
                glossary.names[kind, default: [:]][termName] = reader.located(text, line: line, column: column)
            }
        }
        return (glossary, reader.diagnostics)
    }

    /// Warnings for names the glossary gives to terms no entry names (a misspelt key translates nothing).
    func unused(_ uses: [TermUse]) -> [Diagnostic] {
        var named: [String: Set<String>] = [:]
        for use in uses { named[use.kind, default: []].insert(use.name) }
        var diagnostics: [Diagnostic] = []
        for (kind, terms) in names.sorted(by: { $0.key < $1.key }) {
            for (term, name) in terms.sorted(by: { $0.key < $1.key }) where named[kind]?.contains(term) != true {
                diagnostics.append(name.diagnostic(
                    .warning, "no entry names the \(kind) term '\(term)', so its name here is not used",
                    hint: Suggestion.hint(for: term, in: named[kind] ?? []) ?? "remove it, or name the term in an entry's '\(kind)'"))
            }
        }
        return diagnostics
    }
}
