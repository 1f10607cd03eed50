import Foundation
import Synchronization

/// What pages share: the site's values, each entry's summary, each section's and each term's values, each
/// entry's neighbours. Summaries and the site's values are built on first use and then shared by every page
/// (a rebuild that renders one page builds only what that page shows).
///
/// Unchecked Sendable: every property is a `let` filled in `init`, then only read, from any thread; the values
/// built on first use are behind a lock.
struct PageContext: @unchecked Sendable {
    let site: ResolvedSite
    /// The templates every edition's pages are rendered with.
    let templates: SiteTemplates
    private let shared: SharedValues
    /// Each entry's previous and next entries in its section's order.
    let neighbours: [String: (previous: Entry?, next: Entry?)]
    /// What makes an address of the site absolute: the base URL, or the base path without one (`/`).
    let urlPrefix: String
    /// site.yaml's `image`, absolute with the base URL (from the host's root without one).
    let imageURL: String?
    /// The `WebSite` every entry's JSON-LD is part of.
    let websiteJSON: String
    /// `strings` as this edition's pages show them.
    let strings: StringValues
    /// The site's editions and their pages, shared by every edition's context.
    let editions: EditionMap
    /// On the default edition's context, each other edition's, in `site.otherEditions`' order.
    let editionContexts: [PageContext]

    init(site: ResolvedSite, templates: SiteTemplates, editions map: EditionMap? = nil) {
        self.site = site
        self.templates = templates
        let config = site.config
        strings = StringValues(site.words, keys: site.strings.keys)
        let editions = map ?? EditionMap(site)
        self.editions = editions
        editionContexts =
            map == nil ? site.otherEditions.map { PageContext(site: $0, templates: templates, editions: editions) } : []
        urlPrefix = config.editionBaseURL ?? config.editionBasePath
        imageURL = Self.imageURL(config)
        websiteJSON = LinkedData.website(config, url: urlPrefix)
        var neighbours: [String: (previous: Entry?, next: Entry?)] = [:]
        for section in site.sections {
            let entries = section.entries
            for (position, entry) in entries.enumerated() {
                neighbours[entry.slug] = (
                    position > 0 ? entries[position - 1] : nil,
                    position + 1 < entries.count ? entries[position + 1] : nil
                )
            }
        }
        self.neighbours = neighbours
        shared = SharedValues(site: site)
    }

    /// The words of this edition's language.
    var words: LocalWords { site.words }

    /// The `site` value every page shares.
    var siteValues: SiteValues { shared.siteValues() }

    func summary(_ entry: Entry) -> EntrySummary { shared.summary(entry) }

    /// The summaries of the entries with these slugs (those that exist).
    func summaries(_ slugs: some Sequence<String>) -> [EntrySummary] {
        slugs.compactMap { site.entry($0).map(summary) }
    }

    func section(named name: String) -> SectionValues? { shared.sections[name] }

    /// A source's place on the bibliography's pages (`bibliography/page/2/#key` past the first).
    func bibliographyURL(of key: String) -> String {
        let pagination = Pagination(bibliographyOf: site)
        guard pagination.pageCount > 1, let index = shared.bibliographyOrder().index[key] else {
            return Routes.source(key)
        }
        return Routes.source(key, page: pagination.page(ofItem: index))
    }

    /// The sources in the bibliography's order: the cited ones, then the others ("Further reading").
    var bibliographyOrder: (cited: [Reference], furtherReading: [Reference]) {
        let order = shared.bibliographyOrder()
        return (order.cited, order.furtherReading)
    }

    /// site.yaml's `image` as an address: as written when absolute, else (`assets/card.png`) after the base URL,
    /// or the base path without one.
    static func imageURL(_ config: SiteConfig) -> String? {
        config.image.map { image in
            // The assets are the site's, shared by its editions: from the site's base, not the edition's.
            image.value.hasPrefix("https://") || image.value.hasPrefix("http://")
                ? image.value : (config.baseURL ?? config.basePath) + image.value
        }
    }

    /// A page's address made absolute: with the base URL, else from the host's root (`/rounds/first-round/`).
    func absoluteURL(_ url: String) -> String { urlPrefix + url }

    /// A source as a schema.org `CreativeWork`, made once however many entries cite it.
    func sourceJSON(_ key: String) -> String? { shared.sourceJSON(key) }

    func term(_ kind: String, _ name: String) -> TermValues? { shared.terms[SubjectTerm.key(kind, name)] }

    /// The values every page has: `site`, `root`, `page`, and `nav` (the listed sections, the current one `active`).
    /// `canonical` is the page's own absolute address unless given (nil on the 404 page, which is served at any
    /// address); `description` is the site's unless given.
    func common(
        url: String, title: String, kind: String, section: String? = nil, root: String? = nil,
        pagination: PaginationValues? = nil,
        canonical: String? = nil, description: String? = nil, untranslated: Bool = false
    ) -> CommonValues {
        let depth = url.split(separator: "/").count
        let nav = shared.nav.map { item in item.section.section.config.name == section ? item.active : item.inactive }
        // Pages served at any address (404) or standing for another (aliases) link to no edition.
        let fixed = root != nil
        let editionDepth = site.config.editionPath.split(separator: "/").count
        let siteDepth = depth + editionDepth
        // The assets are the site's: from an absolute root (the 404 page's) as they are, else up past the edition.
        let assets =
            switch root {
            case let root? where root.hasPrefix("/"): root + "assets/"
            case let root?: root + String(repeating: "../", count: editionDepth) + "assets/"
            case nil: String(repeating: "../", count: siteDepth) + "assets/"
            }
        return CommonValues(
            site: siteValues, root: root ?? (depth == 0 ? "./" : String(repeating: "../", count: depth)),
            assets: assets,
            page: PageInfo(
                url: url, title: title, kind: kind, pagination: pagination,
                canonical: canonical ?? (kind == "notFound" ? nil : absoluteURL(url)),
                description: description ?? site.config.description,
                editions: fixed ? [] : editions.links(url: url, from: site.config.language, depth: siteDepth),
                untranslated: untranslated ? editions.editions.first?.language : nil),
            nav: nav, strings: strings)
    }

    /// The date in words inside `<time>` elements: one for a single date, one per end of an interval whose
    /// words split at the dash ("<time datetime=2022-05-09>9</time>–<time datetime=2022-05-15>15 May 2022</time>").
    /// A date with no valid HTML form (a decade) is plain text.
    static func timeHTML(_ date: EDTFDate, text: String) -> String {
        let datetimes = date.datetimes
        guard let first = datetimes.first else { return "<span class=\"date\">\(text.htmlEscaped)</span>" }
        if datetimes.count == 2, let dash = text.range(of: "–") {
            let left = text[..<dash.lowerBound], right = text[dash.upperBound...]
            let leftText = left.trimmingCharacters(in: .whitespaces),
                rightText = right.trimmingCharacters(in: .whitespaces)
            let spaced = left.hasSuffix(" ")
            return "<span class=\"date\"><time datetime=\"\(first)\">\(leftText.htmlEscaped)</time>"
                + (spaced ? " – " : "–")
                + "<time datetime=\"\(datetimes[1])\">\(rightText.htmlEscaped)</time></span>"
        }
        return "<time datetime=\"\(first)\">\(text.htmlEscaped)</time>"
    }
}

/// The values of a ``PageContext``: sections and terms made up front, summaries and the site's values on first
/// use, from any rendering thread.
private final class SharedValues: @unchecked Sendable {
    let site: ResolvedSite
    /// Every section's values, by name, and the listed ones in order.
    private(set) var sections: [String: SectionValues] = [:]
    private(set) var listed: [SectionValues] = []
    /// Each listed section's menu items, as on its own pages and as on the others.
    private(set) var nav: [(section: SectionValues, active: NavItem, inactive: NavItem)] = []
    /// Each term's values, by `SubjectTerm.key(kind, name)`.
    private(set) var terms: [String: TermValues] = [:]

    /// The values made on first use; each is never changed once stored.
    private struct Made {
        var summaries: [String: EntrySummary] = [:]
        var site: SiteValues?
        var bibliography: (cited: [Reference], furtherReading: [Reference], index: [String: Int])?
        var sources: [String: String] = [:]
    }
    private let made = Mutex(Made())

    /// Sorted on first use: a page of an entry needs it only when the bibliography is split over pages.
    func bibliographyOrder() -> (cited: [Reference], furtherReading: [Reference], index: [String: Int]) {
        if let bibliography = made.withLock({ $0.bibliography }) { return bibliography }
        let (cited, further) = BibliographyPage.order(site)
        var index: [String: Int] = [:]
        for (position, reference) in (cited + further).enumerated() where index[reference.id] == nil {
            index[reference.id] = position
        }
        return made.withLock { made in
            if let bibliography = made.bibliography { return bibliography }
            made.bibliography = (cited, further, index)
            return made.bibliography!
        }
    }

    init(site: ResolvedSite) {
        self.site = site
        // The closures hold this object unowned: it holds them, through the values it keeps.
        for section in site.sections {
            let values = SectionValues(section) { [unowned self] in section.entries.map(self.summary) }
            sections[section.config.name] = values
            if section.config.listed {
                listed.append(values)
                nav.append((values, NavItem(values, active: true), NavItem(values, active: false)))
            }
        }
        for term in site.subjects.terms {
            terms[SubjectTerm.key(term.kind.name, term.name)] = TermValues(term) { [unowned self] in
                term.entries.compactMap { self.site.entry($0).map(self.summary) }
            }
        }
    }

    func summary(_ entry: Entry) -> EntrySummary {
        if let values = made.withLock({ $0.summaries[entry.slug] }) { return values }
        let declared = DeclaredValues(entry, declarations: site.config.fields, words: site.words) {
            [unowned self] slug in
            self.site.entry(slug).map(self.summary)
        }
        let values = EntrySummary(
            entry, url: site.url(of: entry), section: sections[entry.section], fields: declared, words: site.words)
        return made.withLock { made in
            // Another thread may have made it meanwhile: keep one, so that every page shares it.
            if let existing = made.summaries[entry.slug] { return existing }
            made.summaries[entry.slug] = values
            return values
        }
    }

    func sourceJSON(_ key: String) -> String? {
        if let json = made.withLock({ $0.sources[key] }) { return json }
        guard let reference = site.bibliography.reference(key) else { return nil }
        let json = LinkedData.source(reference)
        made.withLock { $0.sources[key] = json }
        return json
    }

    func siteValues() -> SiteValues {
        if let values = made.withLock({ $0.site }) { return values }
        let config = site.config
        let values = SiteValues(
            title: config.title, description: config.description, baseURL: config.baseURL, language: config.language,
            sections: listed,
            pages: site.sections.filter { !$0.config.listed }.flatMap(\.entries).map(summary),
            bibliography: site.bibliography.references.isEmpty
                ? nil
                : SiteLink(
                    url: Routes.bibliography, count: site.bibliography.references.count,
                    json: Routes.bibliographyJSON, bibtex: Routes.bibliographyBibTeX),
            timeline: site.entries.contains { $0.date != nil }
                ? SiteLink(url: Routes.timeline, json: Routes.timelineData) : nil,
            feed: FeedPage.exists(site) ? SiteLink(url: Routes.feed) : nil,
            subjects: site.subjects.terms.isEmpty
                ? nil : SiteLink(url: Routes.subjects, count: site.subjects.terms.count),
            search: config.search ? SiteLink(url: Routes.search) : nil,
            image: PageContext.imageURL(config),
            author: config.author)
        return made.withLock { made in
            if let existing = made.site { return existing }
            made.site = values
            return values
        }
    }
}

/// The site's editions and the pages each has, for the links between them (`page.editions`): filled once
/// every edition's pages are planned, read when their values are made.
final class EditionMap: Sendable {
    struct Edition: Sendable {
        var language: String
        /// The language's name in that language, for the switcher.
        var name: String
        /// Its folder under the output folder: `""`, `uk/`.
        var path: String
        /// What makes its addresses absolute: its base URL, or its base path without one.
        var base: String
    }

    let editions: [Edition]
    /// By language, the URL (relative to the edition's root: `rounds/istanbul-talks/`, `""`) of each of its pages.
    private let pages = Mutex<[String: Set<String>]>([:])

    init(_ site: ResolvedSite) {
        editions =
            site.config.languages.count < 2
            ? []
            : ([site] + site.otherEditions).map { edition in
                let config = edition.config
                return Edition(
                    language: config.language, name: LocalWords.ownName(of: config.language), path: config.editionPath,
                    base: config.editionBaseURL ?? config.editionBasePath)
            }
    }

    /// Records an edition's pages by their paths in its folder (`rounds/istanbul-talks/index.html`).
    func record(_ language: String, paths: [String]) {
        guard !editions.isEmpty else { return }
        let urls = Set(paths.map(Routes.page(ofFile:)))
        pages.withLock { $0[language] = urls }
    }

    /// Whether an edition has a page at this URL.
    func has(_ language: String, _ url: String) -> Bool { pages.withLock { $0[language]?.contains(url) ?? false } }

    /// The page at `url` in each edition, relative to a page `depth` folders below the site's root (its own
    /// edition's folder included), or that edition's home page where it has no such page.
    func links(url: String, from language: String, depth: Int) -> [EditionLink] {
        guard !editions.isEmpty else { return [] }
        let up = String(repeating: "../", count: depth)
        return editions.map { edition in
            let translated = has(edition.language, url)
            let target = edition.path + (translated ? url : "")
            let relative = up + target
            return EditionLink(
                language: edition.language, name: edition.name, url: relative.isEmpty ? "./" : relative,
                absolute: edition.base + (translated ? url : ""), current: edition.language == language,
                translated: translated)
        }
    }
}
