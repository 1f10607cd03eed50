import Yams

/// The strings files, `Templates/strings/<language>.yaml`: for each language, the labels the templates print
/// (`{{strings.date}}`) and any of Parley's own words (``LocalWords``) the site words otherwise.
///
/// Checked so that no page goes out with a word missing: every language of the site has every label any of
/// its strings files has, and every word Parley writes (built in for English and Ukrainian, else from the
/// file). A missing one is an error at the file that lacks it, naming the file that has it.
struct SiteStrings: Sendable, Hashable {
    /// Each file's strings, by language.
    var byLanguage: [String: [String: String]] = [:]
    /// The labels templates may read: every key of any file, sorted.
    var keys: [String] = []

    /// The words of a language: Parley's own, with the site's file over them.
    func words(_ language: String) -> LocalWords {
        LocalWords(language: language, overrides: table(language)?.strings ?? [:])
    }

    /// The strings file a language reads: its own (`en-gb.yaml`), else its primary language's (`en.yaml`).
    func table(_ language: String) -> (language: String, strings: [String: String])? {
        if let own = byLanguage[language] { return (language, own) }
        let primary = LocalWords.primary(language)
        return byLanguage[primary].map { (primary, $0) }
    }

    static func folder(_ language: String) -> String { "Templates/strings/\(language).yaml" }

    static func parse(_ files: [SourceFile], languages: [String]) -> (SiteStrings, [Diagnostic]) {
        var strings = SiteStrings()
        var diagnostics: [Diagnostic] = []
        var positions: [String: [String: Located<String>]] = [:]
        // Languages whose file could not be read: its error is the one to report, not the strings it lacks.
        var unreadable: Set<String> = []
        for file in files {
            let language = String(file.path.dropFirst("Templates/strings/".count).dropLast(".yaml".count))
            var reader = YAMLReader(file: file, lineOffset: 0, context: "strings file")
            guard let mapping = reader.mapping(from: file.text) else {
                diagnostics += reader.diagnostics
                unreadable.insert(language)
                continue
            }
            var table: [String: String] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { continue }
                let (line, column) = reader.position(of: key)
                guard Slug.isValid(name) else {
                    reader.report(
                        reader.error(
                            at: key,
                            "'\(name)' is not a valid name for a string (templates read it as {{strings.\(name)}})",
                            hint: "use lowercase letters, digits and '-', e.g. '\(Slug.make(name))'"))
                    continue
                }
                guard let text = value.scalar?.string else {
                    reader.report(reader.error(at: value, "the string '\(name)' must be text"))
                    continue
                }
                table[name] = text
                positions[language, default: [:]][name] = reader.located(name, line: line, column: column)
            }
            diagnostics += reader.diagnostics
            strings.byLanguage[language] = table
        }
        let engine = Set(LocalWords.keys.map(\.key))
        let labels = Set(languages.compactMap { strings.table($0)?.strings }.flatMap(\.keys)).subtracting(engine)
        strings.keys = labels.union(engine).sorted()
        // Each language of the site: every label another of its files has, and every word Parley writes.
        for language in languages {
            if unreadable.contains(language)
                || (strings.byLanguage[language] == nil && unreadable.contains(LocalWords.primary(language)))
            {
                continue
            }
            let own = strings.table(language)?.strings ?? [:]
            let path = folder(strings.table(language)?.language ?? language)
            let missingLabels = labels.filter { own[$0] == nil }.sorted()
            if !missingLabels.isEmpty {
                let example = missingLabels[0]
                let other =
                    languages.compactMap { strings.table($0)?.language }.first {
                        strings.byLanguage[$0]?[example] != nil
                    } ?? languages[0]
                let had = positions[other]?[example].map { "\($0.location)" } ?? folder(other)
                diagnostics.append(
                    .error(
                        (own.isEmpty ? "there is no \(path), so " : "") + "the \(language) edition has no "
                            + "\(missingLabels.count == 1 ? "string" : "strings") \(missingLabels.map { "'\($0)'" }.joined(separator: ", ")), which \(had) has",
                        at: SourceLocation(file: path, line: own.isEmpty ? nil : 1, column: own.isEmpty ? nil : 1),
                        hint: "add \(missingLabels.count == 1 ? "it" : "them") in \(language), e.g. '\(example): …'"))
            }
            let missingWords = strings.words(language).missing
            if !missingWords.isEmpty {
                let about = Dictionary(uniqueKeysWithValues: LocalWords.keys.map { ($0.key, $0.about) })
                diagnostics.append(
                    .error(
                        "Parley has no words of its own in '\(language)', and \(path) lacks \(missingWords.count) of them: "
                            + missingWords.map { "'\($0)'" }.joined(separator: ", "),
                        at: SourceLocation(file: path),
                        hint:
                            "add each in \(language): \(missingWords[0]) is \(about[missingWords[0]]!); the manual's Languages page lists them all with their English"
                    ))
            }
        }
        return (strings, diagnostics)
    }
}
