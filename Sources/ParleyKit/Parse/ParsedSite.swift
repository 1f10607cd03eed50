/// The second stage's output: every entry parsed (front matter checked, body rendered to HTML), the sources,
/// strings and glossaries.
struct ParsedSite: Sendable {
    var config: SiteConfig
    /// Entries in path order; drafts are left out unless the build includes them.
    var entries: [Entry]
    /// The kinds of page the content calls for besides those every site has (`timeline` when an entry has a
    /// date, `bibliography` when there are sources, …): the templates the site must have.
    var contentPageKinds: [String] = []
    var assets: [AssetFile]
    /// Every source the entries may cite.
    var bibliography: Bibliography
    /// The slug of every entry file, including those that failed to parse and drafts, so that links to them
    /// are not reported again as broken.
    var allSlugs: Set<String> = []
    /// The path of every entry file, likewise.
    var allPaths: Set<String> = []
    /// The drafts this build leaves out, by slug with their paths: links to them lead nowhere.
    var drafts: [String: String] = [:]
    /// The translations of entries into the site's other languages: by language, by slug.
    var translations: [String: [String: Entry]] = [:]
    /// The subject terms' names in the other languages, by language.
    var glossaries: [String: Glossary] = [:]
    /// The strings files: the templates' labels and Parley's words in each language.
    var strings = SiteStrings()
    /// For an edition in another language: the default edition's order of the dated entries, which breaks
    /// ties in this one's (see ``Chronology/ties``).
    var chronologyTies: [String: Int] = [:]
}

/// Stage 2, parse: front matter and Markdown, all entries in parallel; the sources, strings files and glossaries.
enum SiteParser {
    static func parse(_ site: LoadedSite, includeDrafts: Bool = false) -> (ParsedSite, [Diagnostic]) {
        parse(site, includeDrafts: includeDrafts, cache: nil)
    }

    /// Parses the site; with a cache, an entry whose file, section and parse settings are unchanged since the
    /// cache last saw it is taken from there instead of being parsed again.
    static func parse(
        _ site: LoadedSite, includeDrafts: Bool, cache: EntryParseCache?, progress: BuildProgress? = nil
    ) -> (ParsedSite, [Diagnostic]) {
        let options = site.markdownOptions
        let config = site.config
        // The sources first: in-text citations show their authors' names.
        let (bibliography, bibliographyProblems) =
            cache?.bibliography(site.bibliographyFiles)
            ?? BibliographyParser.parse(site.bibliographyFiles)
        let languages = config.editions.map(\.language)
        let (strings, stringProblems) = SiteStrings.parse(site.strings, languages: languages)
        let labels = AuthorLabels(bibliography, words: languages.map(strings.words))
        cache?.prepare(config: config, labels: labels, options: options)
        progress?.count(site.entries.count)
        let parses = site.entries.parallelMap { file -> (result: (Entry?, [Diagnostic]), reused: CacheKey?) in
            defer { progress?.advance() }
            guard let section = config.section(named: file.section) else { return ((nil, []), nil) }
            if let reuse = cache?.reuse(file) { return (reuse.result, reuse.key) }
            return (
                EntryParser.parse(
                    file, section: section, subjects: config.subjects, fields: config.fields(for: section.name),
                    settingsBroken: site.settingsBroken, options: options, authorLabel: labels.labels(file.language)),
                nil
            )
        }
        let results = parses.map(\.result)
        cache?.store(zip(site.entries, parses).map { ($0, $1.result, $1.reused) })
        var diagnostics = bibliographyProblems + stringProblems + results.flatMap(\.1)
        let parsedEntries = results.compactMap(\.0).filter { includeDrafts || !$0.draft }
        let entries = parsedEntries.filter { $0.language == nil }
        let hasSubjects = results.contains { $0.0?.subjects.isEmpty == false }
        var parsed = ParsedSite(config: config, entries: entries, assets: site.assets, bibliography: bibliography)
        parsed.contentPageKinds =
            (bibliography.references.isEmpty ? [] : ["bibliography"])
            + (hasSubjects ? ["subjects", "subject"] : [])
            + (results.contains { $0.0?.date != nil } ? ["timeline"] : [])
            + (results.contains { $0.0?.aliases.isEmpty == false } ? ["alias"] : [])
            + (config.search ? ["search"] : [])
        parsed.allSlugs = Set(site.entries.map(\.slug)).union(site.unloadedSlugs)
        parsed.allPaths = Set(site.entries.map(\.source.path))
        parsed.strings = strings
        diagnostics += translations(parsedEntries, files: site.entries, into: &parsed)
        for file in site.glossaries {
            guard let language = SiteLoader.glossaryLanguage(ofFile: String(file.path.dropFirst("Content/".count)))
            else { continue }
            let (glossary, problems) = Glossary.parse(file, language: language, kinds: config.subjects)
            parsed.glossaries[language] = glossary
            diagnostics += problems + glossary.unused(entries.flatMap(\.subjects))
        }
        if !includeDrafts {
            for case let entry? in results.map(\.0) where entry.draft && entry.language == nil {
                parsed.drafts[entry.slug] = entry.path
            }
        }
        return (parsed, diagnostics)
    }
}

extension SiteParser {
    /// Puts each translation with its entry's language into `parsed.translations`, and reports a translation
    /// whose entry does not exist or is in another section.
    static func translations(_ parsed: [Entry], files: [EntryFile], into site: inout ParsedSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var originals: [String: EntryFile] = [:]
        for file in files where file.language == nil { originals[file.slug] = file }
        for file in files where file.language != nil {
            guard let original = originals[file.slug] else {
                let sameSection = files.filter { $0.language == nil && $0.section == file.section }.map(\.slug)
                diagnostics.append(
                    file.source.error(
                        "this is a translation of '\(file.slug)', but there is no entry '\(file.slug).md' to translate",
                        hint: Suggestion.hint(for: file.slug, in: sameSection).map {
                            $0 + " (name a translation after its entry: \(file.slug).\(file.language!).md)"
                        }
                            ?? "a translation sits beside its entry, named after it: rounds/first-round.md and rounds/first-round.\(file.language!).md"
                    ))
                continue
            }
            if original.section != file.section {
                diagnostics.append(
                    file.source.error(
                        "this translation is in '\(file.section)', but its entry \(original.source.path) is in '\(original.section)'",
                        hint: "move it beside its entry, into Content/\(original.section)/"))
            }
        }
        for entry in parsed {
            guard let language = entry.language, let original = originals[entry.slug], original.section == entry.section
            else { continue }
            site.translations[language, default: [:]][entry.slug] = entry
        }
        return diagnostics
    }
}

/// The name shown before an in-text citation's marker, for each source and in each language: its authors'
/// family names ("Reevell and Hutchinson", "Reevell і Hutchinson"), or its title.
struct AuthorLabels: Sendable, Equatable {
    /// By language (the default's under ""), each source's label by key.
    private let labels: [String: [String: String]]

    init(_ bibliography: Bibliography, words: [LocalWords] = [.english]) {
        var labels: [String: [String: String]] = [:]
        for (index, w) in words.enumerated() {
            var own: [String: String] = [:]
            for reference in bibliography.references {
                own[reference.id] = reference.authorLabel(words: w) ?? reference.title
            }
            labels[index == 0 ? "" : w.language] = own
        }
        self.labels = labels
    }

    /// The default language's label.
    func label(_ key: String) -> String? { labels[""]?[key] }

    /// The labels of a translation's language (nil: the default's).
    func labels(_ language: String?) -> @Sendable (String) -> String? {
        let own = labels[language ?? ""] ?? labels[""] ?? [:]
        return { own[$0] }
    }

    /// Every label, by language and key, in order.
    func sorted() -> [(String, String)] {
        labels.sorted { $0.key < $1.key }.flatMap { language, own in
            own.sorted { $0.key < $1.key }.map { (language + ":" + $0.key, $0.value) }
        }
    }
}
