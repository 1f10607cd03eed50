/// `feed.xml`: an Atom 1.0 feed (RFC 4287) of the most recently updated entries, with absolute URLs from the
/// site's base URL. Written only when the site has a base URL and entries with dates.
///
/// Every date in it comes from the content or from git, never from the clock: two builds of the same commit
/// write the same bytes.
enum FeedPage {
    static let path = Routes.feed

    /// Whether the site has a feed: it needs a base URL, for absolute addresses, and an entry to hold.
    static func exists(_ site: ResolvedSite) -> Bool {
        site.config.editionBaseURL != nil && site.entries.contains { updated($0, site: site) != nil }
    }

    /// The feed, or nothing when the site has none. Made fresh on every rebuild that plans the site.
    static func page(_ site: ResolvedSite) -> PlannedPage? {
        guard let base = site.config.editionBaseURL, let text = xml(site, base: base) else { return nil }
        return .data(path) { text }
    }

    /// When an entry counts as updated, for the feed: its last update, or else the last day its date may mean
    /// (the first, for a date with an open end). Nil for entries the feed leaves out: those of undated sections
    /// without a date.
    static func updated(_ entry: Entry, site: ResolvedSite) -> Timestamp? {
        guard site.config.section(named: entry.section)?.dated == true || entry.date != nil else { return nil }
        if let updated = entry.updated { return updated }
        guard let date = entry.date else { return nil }
        let day = date.latest != Int.max ? date.latest : date.earliest
        return day == Int.min ? nil : Timestamp(dayNumber: day)
    }

    /// The feed's XML: the newest entries first (then by title and slug), at most the site's `feed-limit`.
    static func xml(_ site: ResolvedSite, base: String) -> String? {
        let dated = site.entries.compactMap { entry in updated(entry, site: site).map { (entry: entry, updated: $0) } }
        let newest = dated.sorted { a, b in
            if a.updated != b.updated { return a.updated > b.updated }
            if a.entry.titleKey != b.entry.titleKey {
                return a.entry.titleKey.lexicographicallyPrecedes(b.entry.titleKey)
            }
            return a.entry.slug < b.entry.slug
        }.prefix(site.config.feedLimit)
        guard let latest = newest.first?.updated else { return nil }
        let config = site.config
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(config.language.xmlEscaped)">
              <id>\((base + path).xmlEscaped)</id>
              <title>\(config.title.xmlEscaped)</title>

            """
        if let description = config.description { xml += "  <subtitle>\(description.xmlEscaped)</subtitle>\n" }
        xml += """
              <updated>\(latest.rfc3339)</updated>
              <link rel="self" type="application/atom+xml" href="\((base + path).xmlEscaped)"/>
              <link rel="alternate" type="text/html" href="\(base.xmlEscaped)"/>
              <author><name>\(config.title.xmlEscaped)</name></author>
              <generator>Parley</generator>

            """
        for (entry, updated) in newest {
            let url = (base + site.url(of: entry)).xmlEscaped
            xml += "  <entry>\n"
            xml += "    <id>\(url)</id>\n"
            xml += "    <title>\(entry.title.xmlEscaped)</title>\n"
            xml += "    <updated>\(updated.rfc3339)</updated>\n"
            if let published = entry.published { xml += "    <published>\(published.rfc3339)</published>\n" }
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n"
            if let summary = entry.summary { xml += "    <summary>\(summary.xmlEscaped)</summary>\n" }
            if let section = config.section(named: entry.section) {
                xml += "    <category term=\"\(section.name.xmlEscaped)\" label=\"\(section.title.xmlEscaped)\"/>\n"
            }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}
