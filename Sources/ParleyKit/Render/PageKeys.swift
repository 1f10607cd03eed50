/// The keys of a site's pages: for each page, everything its template sees, reduced to one number.
///
/// A key must change whenever the page's bytes could: a missed input is a stale page in the preview, so the
/// incremental-equals-full tests edit each kind of input and compare every byte with a full build.
struct PageKeys {
    var inputs: RenderInputs
    /// What every page shows: the site's settings, its sections and their counts, the navigation, the pages list.
    let global: UInt64
    /// Each entry's summary (title, URL, date, summary, location, section), as lists show it.
    private let summaries: [String: UInt64]
    /// Every entry's summary in the site's orders (by path, and section by section).
    let allSummaries: UInt64
    private var templateKeys: [String: UInt64] = [:]
    /// The summaries of each entry's previous and next entries in its section.
    let neighbours: [String: (previous: UInt64, next: UInt64)]
    /// Each term's key, by `SubjectPages.key(kind, name)`.
    private var termKeys: [String: UInt64] = [:]

    init(site: ResolvedSite, inputs: RenderInputs) {
        self.inputs = inputs
        var summaries: [String: UInt64] = [:]
        summaries.reserveCapacity(site.entries.count)
        for entry in site.entries {
            summaries[entry.slug] = KeyHasher.key { h in
                h.combine(entry.slug); h.combine(entry.title); h.combine(entry.section); h.combine(entry.date?.description)
                h.combine(entry.summary); h.combine(entry.location)
            }
        }
        self.summaries = summaries
        var neighbours: [String: (previous: UInt64, next: UInt64)] = [:]
        neighbours.reserveCapacity(site.entries.count)
        for section in site.sections {
            let entries = section.entries
            for (position, entry) in entries.enumerated() {
                neighbours[entry.slug] = (position > 0 ? summaries[entries[position - 1].slug]! : 0,
                                          position + 1 < entries.count ? summaries[entries[position + 1].slug]! : 0)
            }
        }
        self.neighbours = neighbours
        self.allSummaries = KeyHasher.key { h in
            for entry in site.entries { h.combine(summaries[entry.slug]!) }
            for section in site.sections { h.combine(section.entries.count); for entry in section.entries { h.combine(summaries[entry.slug]!) } }
        }
        let config = site.config
        self.global = KeyHasher.key { h in
            config.combine(into: &h)
            for section in site.sections {
                h.combine(section.entries.count)
                if !section.config.listed { for entry in section.entries { h.combine(summaries[entry.slug]!) } }
            }
            h.combine(site.bibliography.references.count)
            h.combine(site.entries.contains { $0.date != nil })
            h.combine(FeedPage.exists(site))
            h.combine(site.subjects.terms.count)
        }
        for name in inputs.templates.keys { templateKeys[name] = templateKey(name) }
        for term in site.subjects.terms { termKeys[SubjectPages.key(term.kind, term.name)] = Self.term(term) }
    }

    func summary(_ slug: String?) -> UInt64 { slug.flatMap { summaries[$0] } ?? 0 }

    /// A key with the global inputs and the page's template (with its partials and parents) already in it.
    func page(_ template: String, _ build: (inout KeyHasher) -> Void) -> UInt64 {
        KeyHasher.key { h in
            h.combine(global)
            h.combine(templateKeys[template] ?? 0)
            build(&h)
        }
    }

    func reference(_ id: String) -> UInt64 { inputs.references[id] ?? 0 }

    /// The key of the term an entry names, 0 if there is none.
    func term(_ kind: SubjectKind, _ name: String) -> UInt64 { termKeys[SubjectPages.key(kind, name)] ?? 0 }

    static func term(_ term: SubjectTerm) -> UInt64 {
        KeyHasher.key { h in
            h.combine(term.kind.rawValue); h.combine(term.name); h.combine(term.original); h.combine(term.slug)
            h.combine(term.letter); h.combine(term.entries.count)
        }
    }

    /// The template's text and, recursively, the texts of the partials and parents it names.
    private func templateKey(_ name: String) -> UInt64 {
        var seen: Set<String> = []
        var queue = [name]
        var hasher = KeyHasher()
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            hasher.combine(next)
            hasher.combine(inputs.templates[next])
            if let text = inputs.templates[next] { queue += TemplateParser.references(in: text).map(\.name).sorted().reversed() }
        }
        return hasher.finalized
    }
}
