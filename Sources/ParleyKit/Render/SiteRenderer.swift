/// Stage 4, render: every page of the site through its template, all pages in parallel.
enum SiteRenderer {
    /// How many of the most recent entries the home page lists.
    static let latestCount = 5

    static func render(_ site: ResolvedSite, templates: SiteTemplates) -> RenderedSite {
        let pages = plan(
            site, context: PageContext(site: site, templates: templates), formatted: formattedReferences(site))
        return RenderedSite(pages: pages.parallelMap { $0.rendered() }, assets: site.assets)
    }

    /// Each source in the house style, by id: formatted once, however often it is cited.
    static func formattedReferences(_ site: ResolvedSite) -> [String: String] {
        formattedReferences(site, previous: FormattedReferences()).html
    }

    /// The same, kept with what each was formatted from: a source equal to the one in `previous`, formatted in
    /// the same language, punctuation and words, is taken from there instead of being formatted again. Compared,
    /// not keyed: the record lives only as long as the process (the preview's, a build's).
    static func formattedReferences(_ site: ResolvedSite, previous: FormattedReferences) -> FormattedReferences {
        let language = site.config.language, smart = site.config.smartPunctuation, words = site.words
        var formatted = FormattedReferences(language: language, smart: smart, words: words)
        // The words it is written in are part of what a source is formatted from (a strings file can reword them).
        let same = previous.language == language && previous.smart == smart && previous.words == words
        for reference in site.bibliography.references where formatted.sources[reference.id] == nil {
            if same, let kept = previous.sources[reference.id], kept.reference == reference {
                formatted.sources[reference.id] = kept
            }
        }
        let missing = site.bibliography.references.filter { formatted.sources[$0.id] == nil }
        for (reference, text) in zip(
            missing,
            missing.parallelMap { ReferenceFormatter.html($0, siteLanguage: language, smart: smart, words: words) })
        where formatted.sources[reference.id] == nil {
            formatted.sources[reference.id] = (reference, text)
        }
        return formatted
    }

    /// Every page of the site, unrendered, in a fixed order: the default edition's, then each other edition's
    /// under its folder (`uk/`), each with its sitemap; `robots.txt` last.
    static func plan(_ site: ResolvedSite, context: PageContext, formatted: [String: String]) -> [PlannedPage] {
        var editions = [(site: site, planned: planEdition(site, context: context, formatted: formatted))]
        for (edition, editionContext) in zip(site.otherEditions, context.editionContexts) {
            editions.append(
                (edition, planEdition(edition, context: editionContext, formatted: formattedReferences(edition))))
        }
        for (edition, planned) in editions {
            context.editions.record(edition.config.language, paths: planned.pages.map(\.path))
        }
        func folders(_ pages: [PlannedPage]) -> Set<String> {
            Set(pages.map(\.path).filter { $0.hasSuffix(".html") }.map(Routes.page(ofFile:)))
        }
        var pages: [PlannedPage] = []
        for (index, (edition, planned)) in editions.enumerated() {
            let alternates = editions.indices.filter { $0 != index }.compactMap { other in
                editions[other].site.config.editionBaseURL.map {
                    (editions[other].site.config.language, $0, folders(editions[other].planned.pages))
                }
            }
            var own = planned.pages
            if let sitemap = SitemapPage.page(edition, paths: own.map(\.path), alternates: alternates) {
                own.append(sitemap)
            }
            own += planned.aliases
            let prefix = edition.config.editionPath
            pages +=
                prefix.isEmpty
                ? own
                : own.map { page in
                    var page = page
                    page.path = prefix + page.path
                    return page
                }
        }
        if let robots = RobotsPage.page(site) { pages.append(robots) }
        return pages
    }

    /// One edition's pages: its pages and feed, then the redirects at its entries' former addresses (the
    /// default edition's only: an alias is an address the site once had).
    static func planEdition(
        _ site: ResolvedSite, context: PageContext, formatted: [String: String]
    ) -> (pages: [PlannedPage], aliases: [PlannedPage]) {
        let isDefault = !site.config.isOtherEdition
        let templates = context.templates
        var pages: [PlannedPage] = []
        pages.append(
            .page(Routes.home, "home", templates) {
                let common = context.common(url: "", title: site.config.title, kind: "home")
                // Most recent first: the timeline's order, reversed.
                let dated = site.chronology.sorted(site.entries.filter { $0.date != nil }).reversed()
                return HomePage(
                    common: common, latest: dated.prefix(latestCount).map(context.summary),
                    sections: site.sections.filter(\.config.listed).compactMap {
                        context.section(named: $0.config.name)
                    },
                    overview: site.config.home.flatMap { site.entry($0.value) }.map {
                        entryValues(
                            $0, site: site, context: context, formatted: formatted, root: common.root, shownAt: "")
                    })
            })

        for section in site.sections where section.config.listed {
            let pagination = Pagination(section: section, site: site)
            for number in 1...pagination.pageCount {
                let url = pagination.url(number)
                pages.append(
                    .page(Routes.file(ofPage: url), "section", templates) {
                        let common = context.common(
                            url: url, title: Pagination.title(section.config.title, page: number, words: context.words),
                            kind: "section", section: section.config.name,
                            pagination: pagination.values(number), description: section.config.description)
                        let all = context.section(named: section.config.name)!
                        // A later page's section shows that page's entries.
                        let values =
                            pagination.pageCount == 1
                            ? all
                            : SectionValues(section, part: all) {
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
            pages.append(
                .page(Routes.file(ofPage: Routes.search), "search", templates) {
                    SearchPage(
                        common: context.common(
                            url: Routes.search, title: context.words("title-search"), kind: "search"),
                        editionPath: site.config.editionPath)
                })
        }

        // The 404 page is served at any depth, so its links start from the site's base path; hosts serve one.
        if isDefault {
            pages.append(
                .page(Routes.notFound, "404", templates) {
                    NotFoundPage(
                        common: context.common(
                            url: Routes.notFound, title: context.words("title-not-found"), kind: "notFound",
                            root: site.config.basePath))
                })
        }

        for entry in site.entries { pages.append(entryPage(entry, site: site, context: context, formatted: formatted)) }

        // The publishing files need the base URL; the sitemap lists every page planned above (a redirect at a
        // former address is no page of its own: it comes after).
        if let feed = FeedPage.page(site) { pages.append(feed) }
        var aliases: [PlannedPage] = []
        if isDefault {
            for entry in site.entries where !entry.aliases.isEmpty {
                aliases += aliasPages(entry, site: site, context: context)
            }
        }
        return (pages, aliases)
    }

    /// An entry's page.
    static func entryPage(
        _ entry: Entry, site: ResolvedSite, context: PageContext, formatted: [String: String]
    ) -> PlannedPage {
        let url = site.url(of: entry)
        var page = PlannedPage.page(Routes.file(ofPage: url), "entry", context.templates) {
            let common = context.common(
                url: url, title: entry.title, kind: "entry", section: entry.section, description: entry.summary,
                untranslated: site.config.isOtherEdition && entry.language == nil)
            return EntryPage(
                common: common,
                entry: entryValues(
                    entry, site: site, context: context, formatted: formatted, root: common.root, shownAt: url))
        }
        page.entry = entry
        return page
    }

    /// The pages at an entry's former addresses.
    static func aliasPages(_ entry: Entry, site: ResolvedSite, context: PageContext) -> [PlannedPage] {
        let url = site.url(of: entry)
        let canonical = (site.config.baseURL ?? site.config.basePath) + url
        return entry.aliases.map { alias in
            // A folder's page is one level deeper than a file's: `a/b/` is two folders down, `a/b.html` one.
            let depth = alias.value.split(separator: "/").count - (alias.value.hasSuffix("/") ? 0 : 1)
            return .page(Routes.file(ofPage: alias.value), "alias", context.templates) {
                let common = context.common(
                    url: alias.value, title: entry.title, kind: "alias", section: entry.section,
                    root: depth == 0 ? "./" : String(repeating: "../", count: depth),
                    canonical: canonical, description: entry.summary)
                return AliasPage(common: common, entry: context.summary(entry), canonical: canonical)
            }
        }
    }

    static func entryValues(
        _ entry: Entry, site: ResolvedSite, context: PageContext, formatted: [String: String], root: String,
        shownAt shown: String
    ) -> EntryValues {
        let headings = entry.body.headings
        let topLevel = headings.map(\.level).min() ?? 2
        var named: [String: [TermValues]] = [:]
        for use in entry.subjects {
            if let term = context.term(use.kind, use.name) { named[use.kind, default: []].append(term) }
        }
        let terms = site.config.subjects.compactMap { kind in named[kind.name].map { KindValues(kind: kind, terms: $0) }
        }
        let neighbours = context.neighbours[entry.slug]
        let references = ReferenceNotes.values(for: entry, formatted: formatted, url: context.bibliographyURL)
        // The body's relative addresses, written for the entry's own page, rewritten for the page showing it.
        let editions = context.editions, language = site.config.language
        let placement = BodyLinks.Placement.of(entry, in: site, shown: shown) { editions.has(language, $0) }
        return EntryValues(
            summary: context.summary(entry),
            body: BodyLinks.resolve(entry, in: site, root: root, shownAt: placement),
            toc: headings.count >= 3 ? headings.map { TocItem($0, depth: $0.level - topLevel) } : [],
            terms: terms,
            related: context.summaries(entry.related.map(\.value)),
            linkedFrom: context.summaries(site.linkedFrom[entry.slug] ?? []),
            previous: (neighbours?.previous).map(context.summary),
            next: (neighbours?.next).map(context.summary),
            updated: entry.updated.map { UpdatedValues($0, words: context.words) },
            references: references,
            footnotes: entry.body.footnotes.enumerated().map { index, note in
                FootnoteNote(
                    number: index + 1,
                    html: BodyLinks.resolve(note.html, of: entry, in: site, root: root, shownAt: placement),
                    uses: note.uses)
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

/// Sources in the house style, with what each was formatted from (``SiteRenderer/formattedReferences(_:previous:)``).
struct FormattedReferences {
    var language = ""
    var smart = false
    var words: LocalWords?
    var sources: [String: (reference: Reference, html: String)] = [:]

    /// Each source's HTML, by id.
    var html: [String: String] { sources.mapValues(\.html) }
}
