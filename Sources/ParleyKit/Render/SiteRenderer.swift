/// Stage 4, render: every page of the site through its template, all pages in parallel.
public enum SiteRenderer {
    /// How many of the most recent entries the home page lists.
    static let latestCount = 5

    public static func render(_ site: ResolvedSite) -> RenderedSite {
        let pages = plan(site, context: PageContext(site: site), formatted: formattedReferences(site), keys: nil)
        return RenderedSite(pages: pages.parallelMap { $0.rendered() }, assets: site.assets)
    }

    /// Each source in the house style, by id: formatted once, however often it is cited.
    static func formattedReferences(_ site: ResolvedSite) -> [String: String] {
        let language = site.config.language
        let references = site.bibliography.references
        return Dictionary(
            zip(references.map(\.id), references.parallelMap { ReferenceFormatter.html($0, siteLanguage: language) }),
            uniquingKeysWith: { first, _ in first })
    }

    /// Every page of the site, unrendered, in a fixed order, each with its key when `keys` are given.
    static func plan(_ site: ResolvedSite, context: PageContext, formatted: [String: String], keys: PageKeys?) -> [PlannedPage] {
        let templates = site.templates
        func key(_ template: String, _ build: (inout KeyHasher) -> Void) -> UInt64 { keys?.page(template, build) ?? 0 }

        var pages: [PlannedPage] = []
        pages.append(PlannedPage(path: "index.html", template: "home", key: key("home") { $0.combine(keys!.allSummaries) }) {
            let common = context.common(url: "", title: site.config.title, kind: "home")
            // Most recent first: by the latest day a date may mean, then the earliest (a year-long date that runs
            // into the autumn is more recent than a day in May), then the timeline's order, reversed.
            let dated = site.entries.filter { $0.date != nil }.sorted { a, b in
                let (x, y) = (a.date!, b.date!)
                if (x.latest, x.earliest) != (y.latest, y.earliest) { return (x.latest, x.earliest) > (y.latest, y.earliest) }
                return SiteResolver.chronological(b, a)
            }
            let home = HomePage(
                common: common, latest: dated.prefix(latestCount).map(context.summary),
                sections: site.sections.filter(\.config.listed).compactMap { context.section(named: $0.config.name) })
            return templates.render("home", home)
        })

        for section in site.sections where section.config.listed {
            let sectionKey = key("section") { h in
                h.combine(section.config.name)
                for entry in section.entries { h.combine(keys!.summary(entry.slug)) }
            }
            pages.append(PlannedPage(path: section.url + "index.html", template: "section", key: sectionKey) {
                let common = context.common(url: section.url, title: section.config.title, kind: "section", section: section.config.name)
                return templates.render("section", SectionPage(common: common, section: context.section(named: section.config.name)!))
            })
        }

        if !site.bibliography.references.isEmpty {
            pages += BibliographyPage.pages(site, formatted: formatted, context: context, keys: keys)
        }
        pages += SubjectPages.pages(site, context: context, keys: keys)
        pages += TimelinePages.pages(site, context: context, keys: keys)

        // The 404 page is served at any depth, so its links start from the site's base path.
        pages.append(PlannedPage(path: "404.html", template: "404", key: key("404") { _ in }) {
            let basePath = site.config.basePath
            let common = context.common(url: "404.html", title: "Page not found", kind: "notFound", root: basePath)
            return templates.render("404", NotFoundPage(common: common))
        })

        for entry in site.entries {
            let url = site.url(of: entry)
            pages.append(PlannedPage(path: url + "index.html", template: "entry", key: keys.map { entryKey(entry, site: site, keys: $0) } ?? 0) {
                entryPage(entry, site: site, context: context, formatted: formatted)
            })
        }

        // The publishing files need the base URL; the sitemap lists every page planned above.
        if let feed = FeedPage.page(site, keyed: keys != nil) { pages.append(feed) }
        if let sitemap = SitemapPage.page(site, paths: pages.map(\.path), keyed: keys != nil) { pages.append(sitemap) }
        if let robots = RobotsPage.page(site, keyed: keys != nil) { pages.append(robots) }
        return pages
    }

    /// An entry's page.
    static func entryPage(_ entry: Entry, site: ResolvedSite, context: PageContext, formatted: [String: String]) -> String {
        let url = site.url(of: entry)
        let common = context.common(url: url, title: entry.title, kind: "entry", section: entry.section)
        let values = entryValues(entry, site: site, context: context, formatted: formatted, root: common.root)
        return site.templates.render("entry", EntryPage(common: common, entry: values))
    }

    /// Everything an entry's page shows: the entry itself, the summaries of the entries it names or that name
    /// it, its neighbours, its terms (with their counts), the sources it cites and when it was last updated.
    static func entryKey(_ entry: Entry, site: ResolvedSite, keys: PageKeys) -> UInt64 {
        keys.page("entry") { h in
            h.combine(keys.inputs.entries[entry.slug] ?? 0)
            h.combine(keys.summary(entry.slug))
            for slug in site.linkTargets[entry.slug] ?? [] { h.combine(keys.summary(slug)) }
            h.combine(0xF1 as UInt64)
            for related in entry.related { h.combine(keys.summary(related.value)) }
            h.combine(0xF2 as UInt64)
            for slug in site.linkedFrom[entry.slug] ?? [] { h.combine(keys.summary(slug)) }
            h.combine(0xF3 as UInt64)
            if let (previous, next) = keys.neighbours[entry.slug] { h.combine(previous); h.combine(next) }
            for use in entry.subjects { h.combine(keys.term(use.kind, use.name)) }
            for citation in entry.body.citations { h.combine(keys.reference(citation.key)) }
            h.combine(entry.updated?.description)
        }
    }

    static func entryValues(
        _ entry: Entry, site: ResolvedSite, context: PageContext, formatted: [String: String], root: String
    ) -> EntryValues {
        let headings = entry.body.headings
        let topLevel = headings.map(\.level).min() ?? 2
        var terms: [SubjectKind: [TermValues]] = [:]
        for use in entry.subjects { if let term = context.term(use.kind, use.name) { terms[use.kind, default: []].append(term) } }
        let neighbours = context.neighbours[entry.slug]
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
            references: ReferenceNotes.values(for: entry, formatted: formatted))
    }
}
