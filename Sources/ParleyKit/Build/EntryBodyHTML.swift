import Foundation

/// Renders Markdown exactly as a site renders its entries' bodies, for `parley render --site`: the site's
/// settings, its sources (for in-text citations' author names) and its entries (for links to them), through
/// the same code as the build.
public struct EntryBodyHTML: Sendable {
    let config: SiteConfig
    let options: MarkdownOptions
    let site: ParsedSite
    let labels: AuthorLabels

    /// Reads and parses the site. Problems in its entries or templates do not stop a preview of one body;
    /// problems in its settings or bibliography do.
    public static func load(siteRoot: URL) -> Result<EntryBodyHTML, BuildFailure> {
        let (loadedSite, loadProblems) = SiteLoader.load(root: siteRoot)
        guard let loaded = loadedSite else { return .failure(BuildFailure(loadProblems)) }
        let fatal = loadProblems.filter {
            $0.isError && ($0.location.file.hasSuffix(".yaml") || $0.location.file.hasSuffix(".json"))
        }
        if !fatal.isEmpty { return .failure(BuildFailure(fatal)) }
        let (parsed, problems) = SiteParser.parse(loaded, includeDrafts: true)
        let bibliographyProblems = problems.filter { $0.isError && $0.location.file.hasPrefix("Content/bibliography.") }
        if !bibliographyProblems.isEmpty { return .failure(BuildFailure(bibliographyProblems)) }
        return .success(
            EntryBodyHTML(
                config: loaded.config, options: loaded.markdownOptions, site: parsed,
                labels: AuthorLabels(parsed.bibliography)))
    }

    /// The body of an entry file's text (a front matter, if any, is left out), with its links to other entries
    /// resolved. `path` (relative to the site root) says which entry the text is, for its links' relative URLs;
    /// text that is no entry of the site is rendered as if it were a page at the site's root. Its explanatory
    /// notes follow it as a list.
    public func html(_ text: String, path: String? = nil) -> String {
        let file = path ?? "-"
        var body = MarkdownHTML.entryBody(
            text, site: config, options: options, file: file, authorLabel: labels.label)
        var site = site
        let existing = site.entries.first { $0.path == path }
        var entry =
            existing
            ?? Entry(
                slug: "-", section: config.sections.first?.name ?? "", path: file, title: "", date: nil, summary: nil,
                related: [], draft: false, body: body)
        entry.body = body
        site.entries.removeAll { $0.path == entry.path }
        site.entries.append(entry)
        let (resolved, _) = SiteResolver.resolve(site)
        let root =
            existing.map { String(repeating: "../", count: resolved.url(of: $0).split(separator: "/").count) } ?? "./"
        body.html = BodyLinks.resolve(entry, in: resolved, root: root)
        // The explanatory notes, which a page's template lists, follow as a plain list.
        guard !body.footnotes.isEmpty else { return body.html }
        var html = body.html + "<ol class=\"footnotes\" type=\"a\">\n"
        for (index, note) in body.footnotes.enumerated() {
            html +=
                "<li id=\"\(Footnote.noteID(index + 1))\">\(BodyLinks.resolve(note.html, of: entry, in: resolved, root: root))</li>\n"
        }
        return html + "</ol>\n"
    }
}
