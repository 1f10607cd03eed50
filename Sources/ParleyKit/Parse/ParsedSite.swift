/// The second stage's output: every entry parsed (front matter checked, body rendered to HTML)
/// and every template parsed.
public struct ParsedSite: Sendable {
    public var config: SiteConfig
    /// Entries in path order; drafts are left out unless the build includes them.
    public var entries: [Entry]
    public var templates: SiteTemplates
    public var assets: [AssetFile]
    /// Every source the entries may cite.
    public var bibliography: Bibliography
    /// The slug of every entry file, including those that failed to parse and drafts, so that links to them
    /// are not reported again as broken.
    public var allSlugs: Set<String> = []
    /// The path of every entry file, likewise.
    public var allPaths: Set<String> = []
    /// The drafts this build leaves out, by slug with their paths: links to them lead nowhere.
    public var drafts: [String: String] = [:]
}

/// Stage 2, parse: front matter, Markdown and templates, all entries in parallel.
public enum SiteParser {
    public static func parse(_ site: LoadedSite, includeDrafts: Bool = false) -> (ParsedSite, [Diagnostic]) {
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
        let (bibliography, bibliographyProblems) = cache?.bibliography(site.bibliographyFiles)
            ?? BibliographyParser.parse(site.bibliographyFiles)
        let labels = AuthorLabels(bibliography)
        cache?.prepare(config: config, labels: labels, options: options)
        progress?.count(site.entries.count)
        let parses = site.entries.parallelMap { file -> (result: (Entry?, [Diagnostic]), reused: CacheKey?) in
            defer { progress?.advance() }
            guard let section = config.section(named: file.section) else { return ((nil, []), nil) }
            if let reuse = cache?.reuse(file) { return (reuse.result, reuse.key) }
            return (EntryParser.parse(file, section: section, subjects: config.subjects, fields: config.fields(for: section.name), settingsBroken: site.settingsBroken, options: options, authorLabel: labels.label), nil)
        }
        let results = parses.map(\.result)
        cache?.store(zip(site.entries, parses).map { ($0, $1.result, $1.reused) })
        var diagnostics = bibliographyProblems + results.flatMap(\.1)
        let entries = results.compactMap(\.0).filter { includeDrafts || !$0.draft }
        let hasSubjects = results.contains { $0.0?.subjects.isEmpty == false }
        let pageKinds = TemplateParser.pageKinds + (bibliography.references.isEmpty ? [] : ["bibliography"])
            + (hasSubjects ? ["subjects", "subject"] : [])
            + (results.contains { $0.0?.date != nil } ? ["timeline"] : [])
            + (results.contains { $0.0?.aliases.isEmpty == false } ? ["alias"] : [])
            + (config.search ? ["search"] : [])
        let (templates, templateProblems) = TemplateParser.parse(site.templates, required: pageKinds, fields: site.settingsBroken ? nil : config.fields)
        diagnostics += templateProblems
        var parsed = ParsedSite(config: config, entries: entries, templates: templates, assets: site.assets, bibliography: bibliography)
        parsed.allSlugs = Set(site.entries.map(\.slug)).union(site.unloadedSlugs)
        parsed.allPaths = Set(site.entries.map(\.source.path))
        if !includeDrafts {
            for case let entry? in results.map(\.0) where entry.draft { parsed.drafts[entry.slug] = entry.path }
        }
        return (parsed, diagnostics)
    }
}

/// The name shown before an in-text citation's marker, for each source: its authors' family names, or its title.
struct AuthorLabels: Sendable, Equatable {
    private let labels: [String: String]

    init(_ bibliography: Bibliography) {
        var labels: [String: String] = [:]
        for reference in bibliography.references {
            labels[reference.id] = ReferenceFormatter.authorLabel(reference) ?? reference.title
        }
        self.labels = labels
    }

    func label(_ key: String) -> String? { labels[key] }

    /// Every source's label, by key, in key order.
    func sorted() -> [(String, String)] { labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}
