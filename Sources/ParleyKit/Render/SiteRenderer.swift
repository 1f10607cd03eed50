/// Stage 4, render: every page of the site through its template, all pages in parallel.
public enum SiteRenderer {
    /// How many of the most recent entries the home page lists.
    static let latestCount = 5

    public static func render(_ site: ResolvedSite) -> RenderedSite {
        let pages = plan(site, context: PageContext(site: site), formatted: formattedReferences(site))
        return RenderedSite(pages: pages.parallelMap { $0.rendered() }, assets: site.assets)
    }

    /// Each source in the house style, by id: formatted once, however often it is cited.
    static func formattedReferences(_ site: ResolvedSite) -> [String: String] {
        formattedReferences(site, previous: [:]).mapValues(\.html)
    }

    /// The same, with each source's key: a source whose key is the one in `previous` (made from the source and
    /// the settings it is formatted with) is taken from there instead of being formatted again.
    static func formattedReferences(
        _ site: ResolvedSite, previous: [String: (key: Int, html: String)]
    ) -> [String: (key: Int, html: String)] {
        let references = site.bibliography.references
        let language = site.config.language, smart = site.config.smartPunctuation
        func key(_ reference: Reference) -> Int {
            var hasher = Hasher()
            hasher.combine(reference); hasher.combine(language); hasher.combine(smart)
            return hasher.finalize()
        }
        var formatted: [String: (key: Int, html: String)] = [:]
        for reference in references where formatted[reference.id] == nil {
            if let kept = previous[reference.id], kept.key == key(reference) { formatted[reference.id] = kept }
        }
        let missing = references.filter { formatted[$0.id] == nil }
        for (reference, text) in zip(missing, missing.parallelMap { ReferenceFormatter.html($0, siteLanguage: language, smart: smart) })
        where formatted[reference.id] == nil {
            formatted[reference.id] = (key(reference), text)
        }
        return formatted
    }

    /// Every page of the site, unrendered, in a fixed order.
    static func plan(_ site: ResolvedSite, context: PageContext, formatted: [String: String]) -> [PlannedPage] {
        let templates = site.templates
        var pages: [PlannedPage] = []
        pages.append(.page("index.html", "home", templates) {
            let common = context.common(url: "", title: site.config.title, kind: "home")
            // Most recent first: the timeline's order, reversed.
            let dated = site.chronology.sorted(site.entries.filter { $0.date != nil }).reversed()
            return HomePage(
                common: common, latest: dated.prefix(latestCount).map(context.summary),
                sections: site.sections.filter(\.config.listed).compactMap { context.section(named: $0.config.name) },
                overview: site.config.home.flatMap { site.entry($0.value) }.map {
                    entryValues($0, site: site, context: context, formatted: formatted, root: common.root)
                })
        })

        for section in site.sections where section.config.listed {
            let pagination = Pagination(section: section, site: site)
            for number in 1...pagination.pageCount {
                let url = pagination.url(number)
                pages.append(.page(url + "index.html", "section", templates) {
                    let common = context.common(
                        url: url, title: Pagination.title(section.config.title, page: number), kind: "section", section: section.config.name,
                        pagination: pagination.values(number), description: section.config.description)
                    let all = context.section(named: section.config.name)!
                    // A later page's section shows that page's entries.
                    let values = pagination.pageCount == 1 ? all : SectionValues(section, part: all) {
                        section.entries[pagination.range(number)].map(context.summary)
                    }
                    return SectionPage(common: common, section: values)
                })
            }
        }

        if !site.bibliography.references.isEmpty {
            pages += BibliographyPage.pages(site, formatted: formatted, context: context)
        }
        pages += SubjectPages.pages(site, context: context)
        pages += TimelinePages.pages(site, context: context)

        if site.config.search {
            pages.append(.page(SearchPage.folder + "index.html", "search", templates) {
                SearchPage(common: context.common(url: SearchPage.folder, title: "Search", kind: "search"))
            })
        }

        // The 404 page is served at any depth, so its links start from the site's base path.
        pages.append(.page("404.html", "404", templates) {
            NotFoundPage(common: context.common(url: "404.html", title: "Page not found", kind: "notFound", root: site.config.basePath))
        })

        for entry in site.entries { pages.append(entryPage(entry, site: site, context: context, formatted: formatted)) }

        // The publishing files need the base URL; the sitemap lists every page planned above (a redirect at a
        // former address is no page of its own: it comes after).
        if let feed = FeedPage.page(site) { pages.append(feed) }
        if let sitemap = SitemapPage.page(site, paths: pages.map(\.path)) { pages.append(sitemap) }
        for entry in site.entries where !entry.aliases.isEmpty { pages += aliasPages(entry, site: site, context: context) }
        if let robots = RobotsPage.page(site) { pages.append(robots) }
        return pages
    }

    /// An entry's page.
    static func entryPage(_ entry: Entry, site: ResolvedSite, context: PageContext, formatted: [String: String]) -> PlannedPage {
        let url = site.url(of: entry)
        return .page(url + "index.html", "entry", site.templates) {
            let common = context.common(url: url, title: entry.title, kind: "entry", section: entry.section, description: entry.summary)
            return EntryPage(common: common, entry: entryValues(entry, site: site, context: context, formatted: formatted, root: common.root))
        }
    }

    /// The pages at an entry's former addresses.
    static func aliasPages(_ entry: Entry, site: ResolvedSite, context: PageContext) -> [PlannedPage] {
        let url = site.url(of: entry)
        let canonical = (site.config.baseURL ?? site.config.basePath) + url
        return entry.aliases.map { alias in
            // A folder's page is one level deeper than a file's: `a/b/` is two folders down, `a/b.html` one.
            let depth = alias.value.split(separator: "/").count - (alias.value.hasSuffix("/") ? 0 : 1)
            return .page(AliasPath.file(alias.value), "alias", site.templates) {
                let common = context.common(url: alias.value, title: entry.title, kind: "alias", section: entry.section,
                                            root: depth == 0 ? "./" : String(repeating: "../", count: depth),
                                            canonical: canonical, description: entry.summary)
                return AliasPage(common: common, entry: context.summary(entry), canonical: canonical)
            }
        }
    }

    static func entryValues(
        _ entry: Entry, site: ResolvedSite, context: PageContext, formatted: [String: String], root: String
    ) -> EntryValues {
        let headings = entry.body.headings
        let topLevel = headings.map(\.level).min() ?? 2
        var named: [String: [TermValues]] = [:]
        for use in entry.subjects { if let term = context.term(use.kind, use.name) { named[use.kind, default: []].append(term) } }
        let terms = site.config.subjects.compactMap { kind in named[kind.name].map { KindValues(kind: kind, terms: $0) } }
        let neighbours = context.neighbours[entry.slug]
        let references = ReferenceNotes.values(for: entry, formatted: formatted, url: context.bibliographyURL)
        return EntryValues(
            summary: context.summary(entry),
            body: BodyLinks.resolve(entry, in: site, root: root),
            toc: headings.count >= 3 ? headings.map { TocItem($0, depth: $0.level - topLevel) } : [],
            terms: terms,
            related: context.summaries(entry.related.map(\.value)),
            linkedFrom: context.summaries(site.linkedFrom[entry.slug] ?? []),
            previous: (neighbours?.previous).map(context.summary),
            next: (neighbours?.next).map(context.summary),
            updated: entry.updated.map(UpdatedValues.init),
            references: references,
            footnotes: entry.body.footnotes.enumerated().map { index, note in
                FootnoteNote(number: index + 1, html: BodyLinks.resolve(note.html, of: entry, in: site, root: root), uses: note.uses)
            },
            jsonLD: LinkedData.entry(entry, site: site, context: context, cited: references.map(\.key)),
            citationDate: citationDate(entry))
    }

    /// The date to cite an entry's page by, as Google Scholar's `citation_publication_date` writes it
    /// (`2024/03/04`, `2022/03`, `2022`): its last update (git's, or its `updated` field), else its own date
    /// where that is certain (see ``EDTFDate/certainEnds``); nil when neither is known.
    static func citationDate(_ entry: Entry) -> String? {
        let iso = entry.updated?.day.description ?? entry.date?.certainEnds.start
        return iso.map { String($0.map { $0 == "-" ? "/" : $0 }) }
    }
}
