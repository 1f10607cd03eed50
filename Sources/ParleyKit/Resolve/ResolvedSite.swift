/// The third stage's output: entries with their URLs and places in their sections, every reference
/// between them checked.
struct ResolvedSite: Sendable {
    var config: SiteConfig
    /// Every entry, in path order.
    var entries: [Entry]
    /// The sections in site.yaml's order, each with its entries in reading order.
    var sections: [ResolvedSection]
    var assets: [AssetFile]
    var bibliography: Bibliography
    /// For each cited source's key, the entries that cite it, in reading order, with its note number there.
    var citedIn: [String: [CitedIn]] = [:]
    /// Citations across all entries.
    var citationCount = 0
    /// For each entry, the slug each of its body's links points to (by link index), nil where it points nowhere.
    var linkTargets: [String: [String?]] = [:]
    /// The A–Z index of every person, place and topic the entries name.
    var subjects = SubjectIndex.build([], kinds: []).0
    /// The order of the dated entries, by their dates and their `after` and `before`.
    var chronology = Chronology()
    /// For each entry, the entries whose bodies link to it, in reading order.
    var linkedFrom: [String: [String]] = [:]
    /// The site's other language editions, each resolved as a site of its own (``Editions``); empty on those.
    var otherEditions: [ResolvedSite] = []
    /// The strings files, and the words of this edition's language (Parley's own, with the site's over them).
    var strings = SiteStrings()
    var words = LocalWords.english

    /// The URL of an entry relative to the site root, with a trailing slash: `rounds/first-round/`.
    func url(of entry: Entry) -> String {
        let prefix = config.section(named: entry.section)?.path ?? entry.section
        return prefix.isEmpty ? entry.slug + "/" : prefix + "/" + entry.slug + "/"
    }

    private var index: [String: Int] = [:]

    init(
        config: SiteConfig, entries: [Entry], sections: [ResolvedSection],
        assets: [AssetFile], bibliography: Bibliography
    ) {
        self.config = config
        self.entries = entries
        self.sections = sections
        self.assets = assets
        self.bibliography = bibliography
        for (position, entry) in entries.enumerated() { index[entry.slug] = position }
    }

    /// Puts an entry in the place of the one with its slug, in `entries` and in its section.
    mutating func replace(_ entry: Entry) {
        guard let position = index[entry.slug] else { return }
        entries[position] = entry
        for s in sections.indices {
            if let i = sections[s].entries.firstIndex(where: { $0.slug == entry.slug }) {
                sections[s].entries[i] = entry
            }
        }
    }

    /// The entry with this slug.
    func entry(_ slug: String) -> Entry? { index[slug].map { entries[$0] } }
}

/// A section and its entries: by date (earliest first, then title) when it is dated, else by title.
struct ResolvedSection: Sendable {
    var config: SectionConfig
    var entries: [Entry]

    /// The URL of its list page relative to the site root: `rounds/`.
    var url: String { config.path.isEmpty ? "" : config.path + "/" }
}

/// One entry that cites a source, and the number of that source's note there.
struct CitedIn: Sendable, Hashable {
    var slug: String
    var note: Int
}
