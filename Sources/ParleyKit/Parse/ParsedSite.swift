import Mustache

/// The second stage's output: every entry parsed (front matter checked, body rendered to HTML)
/// and every template parsed.
public struct ParsedSite: Sendable {
    public var config: SiteConfig
    /// Entries in path order; drafts are left out unless the build includes them.
    public var entries: [Entry]
    public var templates: MustacheLibrary
    public var assets: [AssetFile]
}

/// Stage 2, parse: front matter, Markdown and templates, all entries in parallel.
public enum SiteParser {
    public static func parse(_ site: LoadedSite, includeDrafts: Bool = false) -> (ParsedSite, [Diagnostic]) {
        let options = MarkdownOptions(site: site.config)
        let config = site.config
        let results = site.entries.parallelMap { file -> (Entry?, [Diagnostic]) in
            guard let section = config.section(named: file.section) else { return (nil, []) }
            return EntryParser.parse(file, section: section, options: options)
        }
        var diagnostics = results.flatMap(\.1)
        let entries = results.compactMap(\.0).filter { includeDrafts || !$0.draft }
        let (templates, templateProblems) = TemplateParser.parse(site.templates)
        diagnostics += templateProblems
        return (ParsedSite(config: config, entries: entries, templates: templates, assets: site.assets), diagnostics)
    }
}
