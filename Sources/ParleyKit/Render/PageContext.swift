import Foundation

/// The values templates see, as dictionaries (swift-mustache reads a dictionary ~5× faster than a struct).
///
/// Every URL is relative to the site root and written in templates after `{{root}}`, the way from the
/// current page back to the root (`../../` on an entry page), so that the site works under any base path
/// and straight from the disk.
///
/// Unchecked Sendable: every property is a `let` filled in `init`, then only read, from any thread; the values
/// built on first use are behind a lock.
struct PageContext: @unchecked Sendable {
    let site: ResolvedSite
    /// The `site` value every page shares, built when the first page needs it.
    var siteValues: [String: Any] { shared.siteValues(self) }
    /// Each entry's values and the `site` value, built once when first needed and shared by every page: a
    /// rebuild that renders one page builds only what that page shows.
    private let shared = SharedValues()
    /// Each term's values by kind and name, for the people, places and topics of entry pages.
    let terms: [String: [String: Any]]
    /// Each entry's previous and next entries in its section's order.
    let neighbours: [String: (previous: Entry?, next: Entry?)]
    /// The listed sections' values, for every page's `nav`.
    private let listedSections: [(name: String, values: [String: Any])]

    init(site: ResolvedSite) {
        self.site = site
        var neighbours: [String: (previous: Entry?, next: Entry?)] = [:]
        for section in site.sections {
            let entries = section.entries
            for (position, entry) in entries.enumerated() {
                neighbours[entry.slug] = (position > 0 ? entries[position - 1] : nil,
                                          position + 1 < entries.count ? entries[position + 1] : nil)
            }
        }
        self.neighbours = neighbours
        listedSections = site.sections.filter(\.config.listed).map { ($0.config.name, Self.sectionValues($0)) }
        var terms: [String: [String: Any]] = [:]
        for term in site.subjects.terms { terms[SubjectPages.key(term.kind, term.name)] = SubjectPages.termValues(term) }
        self.terms = terms
    }

    /// The `site` value: the site's settings, its listed sections, its unlisted pages, and what it has.
    fileprivate func makeSiteValues() -> [String: Any] {
        let config = site.config
        let pages = site.sections.filter { !$0.config.listed }.flatMap(\.entries)
        return compact([
            "title": config.title,
            "description": config.description,
            "baseURL": config.baseURL,
            "language": config.language,
            "sections": site.sections.filter(\.config.listed).map(Self.sectionValues),
            "pages": pages.map(summary),
            "bibliography": site.bibliography.references.isEmpty
                ? nil : ["url": BibliographyPage.folder, "count": site.bibliography.references.count] as [String: Any],
            "timeline": site.entries.contains { $0.date != nil } ? ["url": TimelinePages.folder] as [String: Any] : nil,
            "feed": FeedPage.exists(site) ? ["url": FeedPage.path] as [String: Any] : nil,
            "subjects": site.subjects.terms.isEmpty
                ? nil : ["url": SubjectPages.folder, "count": site.subjects.terms.count] as [String: Any],
        ])
    }

    func summary(_ entry: Entry) -> [String: Any] { shared.summary(entry, in: site) }

    /// The values every page has: `site`, `root`, `page`, and `nav` (the listed sections, the current one `active`).
    func page(url: String, title: String, kind: String, section: String? = nil, root: String? = nil) -> [String: Any] {
        let depth = url.split(separator: "/").count
        let nav: [[String: Any]] = listedSections.map { name, values in
            var values = values
            values["active"] = name == section
            return values
        }
        return [
            "site": siteValues,
            "root": root ?? (depth == 0 ? "./" : String(repeating: "../", count: depth)),
            "page": ["url": url, "title": title, "kind": kind, kind: true],
            "nav": nav,
        ]
    }

    static func sectionValues(_ section: ResolvedSection) -> [String: Any] {
        compact([
            "name": section.config.name,
            "title": section.config.title,
            "singular": section.config.singular,
            "description": section.config.description,
            "url": section.url,
            "count": section.entries.count,
            "dated": section.config.dated,
        ])
    }

    /// What a list shows of an entry: title, link, date, location, summary, section.
    static func summary(of entry: Entry, in site: ResolvedSite) -> [String: Any] {
        let section = site.sections.first { $0.config.name == entry.section }
        return compact([
            "slug": entry.slug,
            "title": entry.title,
            "url": site.url(of: entry),
            "date": entry.date.map(dateValues),
            "summary": entry.summary,
            "location": entry.location,
            "section": section.map(sectionValues),
        ])
    }

    static func dateValues(_ date: EDTFDate) -> [String: Any] {
        compact([
            "edtf": date.description, "text": date.text, "html": timeHTML(date), "year": date.year,
            "datetime": date.datetimes.first, "interval": date.isInterval,
            "approximate": date.isApproximate, "uncertain": date.isUncertain,
        ])
    }

    /// The date in words inside `<time>` elements: one for a single date, one per end of an interval whose
    /// words split at the dash ("<time datetime=2022-05-09>9</time>–<time datetime=2022-05-15>15 May 2022</time>").
    /// A date with no valid HTML form (a decade) is plain text.
    static func timeHTML(_ date: EDTFDate) -> String {
        let text = date.text
        let datetimes = date.datetimes
        guard let first = datetimes.first else { return "<span class=\"date\">\(text.htmlEscaped)</span>" }
        if datetimes.count == 2, let dash = text.range(of: "–") {
            let left = text[..<dash.lowerBound], right = text[dash.upperBound...]
            let leftText = left.trimmingCharacters(in: .whitespaces), rightText = right.trimmingCharacters(in: .whitespaces)
            let spaced = left.hasSuffix(" ")
            return "<span class=\"date\"><time datetime=\"\(first)\">\(leftText.htmlEscaped)</time>" + (spaced ? " – " : "–")
                + "<time datetime=\"\(datetimes[1])\">\(rightText.htmlEscaped)</time></span>"
        }
        return "<time datetime=\"\(first)\">\(text.htmlEscaped)</time>"
    }
}

/// A template context without its absent values: swift-mustache treats a stored `nil` as a value
/// (it prints `nil` and opens sections), so a missing field must be missing from the dictionary.
func compact(_ values: [String: Any?]) -> [String: Any] {
    values.compactMapValues { $0 }
}

/// The values of a ``PageContext`` that are built on first use, from any rendering thread.
private final class SharedValues: @unchecked Sendable {
    // `lock` guards both caches; the values in them are never changed once stored.
    private let lock = NSLock()
    private var summaries: [String: [String: Any]] = [:]
    private var site: [String: Any]?

    func summary(_ entry: Entry, in resolved: ResolvedSite) -> [String: Any] {
        lock.lock()
        if let values = summaries[entry.slug] { lock.unlock(); return values }
        lock.unlock()
        let values = PageContext.summary(of: entry, in: resolved)
        lock.lock()
        summaries[entry.slug] = values
        lock.unlock()
        return values
    }

    func siteValues(_ context: PageContext) -> [String: Any] {
        lock.lock()
        if let site { lock.unlock(); return site }
        lock.unlock()
        let values = context.makeSiteValues()
        lock.lock()
        site = values
        lock.unlock()
        return values
    }
}
