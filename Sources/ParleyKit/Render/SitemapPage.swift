/// `sitemap.xml` (sitemaps.org): every HTML page but the 404 page, by absolute URL, sorted, each with the date
/// it last changed when that is known: an entry's last update, and for a page that lists entries the latest
/// of theirs.
enum SitemapPage {
    static let path = Routes.sitemap

    /// The sitemap of the pages at `paths` (in the edition's folder), or nothing when the site has no base URL.
    /// With `alternates` (each other edition's language, base URL and pages), a page another edition also has
    /// lists it, and itself, as `xhtml:link rel="alternate" hreflang` (as Google reads a sitemap of editions).
    static func page(
        _ site: ResolvedSite, paths: [String], alternates: [(language: String, base: String, paths: Set<String>)] = []
    ) -> PlannedPage? {
        guard let base = site.config.editionBaseURL else { return nil }
        let text = xml(site, paths: paths, base: base, alternates: alternates)
        return .data(path) { text }
    }

    static func xml(
        _ site: ResolvedSite, paths: [String], base: String,
        alternates: [(language: String, base: String, paths: Set<String>)] = []
    ) -> String {
        let lastChanged = lastChanged(site)
        let urls = paths.filter { $0.hasSuffix(".html") && $0 != Routes.notFound }.map {
            path -> (url: String, folder: String) in
            let folder = Routes.page(ofFile: path)
            return (base + folder, folder)
        }.sorted { $0.url < $1.url }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\(alternates.isEmpty ? "" : " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"")>

            """
        for (url, folder) in urls {
            xml += "  <url>\n    <loc>\(url.xmlEscaped)</loc>\n"
            if let date = lastChanged[folder] { xml += "    <lastmod>\(date)</lastmod>\n" }
            let others = alternates.filter { $0.paths.contains(folder) }
            if !others.isEmpty {
                let all = ([(site.config.language, url)] + others.map { ($0.language, $0.base + folder) }).sorted {
                    $0.0 < $1.0
                }
                for (language, href) in all {
                    xml +=
                        "    <xhtml:link rel=\"alternate\" hreflang=\"\(language.xmlEscaped)\" href=\"\(href.xmlEscaped)\"/>\n"
                }
            }
            xml += "  </url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// When each page last changed, by its URL relative to the site root, for the pages whose content is
    /// entries: the entry pages, the home page, the section lists, the timeline, the subject pages and the
    /// bibliography.
    static func lastChanged(_ site: ResolvedSite) -> [String: Timestamp] {
        func latest<S: Sequence>(_ entries: S) -> Timestamp? where S.Element == Entry {
            entries.compactMap(\.updated).max()
        }
        var dates: [String: Timestamp] = [:]
        for entry in site.entries { dates[site.url(of: entry)] = entry.updated }
        // A section at the site's root shares its list's URL with the home page: the home page, listing every
        // entry, comes last and wins, as it does for the timeline.
        for section in site.sections where section.config.listed { dates[section.url] = latest(section.entries) }
        dates[""] = latest(site.entries)
        for section in site.sections {
            dates[Routes.timeline + section.url] = latest(section.entries.filter { $0.date != nil })
        }
        dates[Routes.timeline] = latest(site.entries.filter { $0.date != nil })
        dates[Routes.subjects] = latest(site.entries.filter { !$0.subjects.isEmpty })
        for term in site.subjects.terms { dates[Routes.term(term)] = latest(term.entries.compactMap(site.entry)) }
        dates[Routes.bibliography] = latest(site.entries.filter { !$0.body.citations.isEmpty })
        return dates
    }
}
