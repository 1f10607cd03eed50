import Foundation

/// The values templates see, as dictionaries (swift-mustache reads a dictionary ~5× faster than a struct).
///
/// Every URL is relative to the site root and written in templates after `{{root}}`, the way from the
/// current page back to the root (`../../` on an entry page), so that the site works under any base path
/// and straight from the disk.
///
/// Unchecked Sendable: every property is a `let` filled in `init`, then only read, from any thread.
struct PageContext: @unchecked Sendable {
    let site: ResolvedSite
    /// The `site` value every page shares.
    let siteValues: [String: Any]
    /// Each entry's values, built once and shared by every page that lists it.
    private let summaries: [String: [String: Any]]
    /// Each term's values by kind and name, for the people, places and topics of entry pages.
    let terms: [String: [String: Any]]
    /// Each entry's previous and next entries in its section's order.
    let neighbours: [String: (previous: Entry?, next: Entry?)]

    init(site: ResolvedSite) {
        self.site = site
        var summaries: [String: [String: Any]] = [:]
        for entry in site.entries { summaries[entry.slug] = Self.summary(of: entry, in: site) }
        self.summaries = summaries
        var neighbours: [String: (previous: Entry?, next: Entry?)] = [:]
        for section in site.sections {
            let entries = section.entries
            for (position, entry) in entries.enumerated() {
                neighbours[entry.slug] = (position > 0 ? entries[position - 1] : nil,
                                          position + 1 < entries.count ? entries[position + 1] : nil)
            }
        }
        self.neighbours = neighbours
        var terms: [String: [String: Any]] = [:]
        for term in site.subjects.terms { terms[SubjectPages.key(term.kind, term.name)] = SubjectPages.termValues(term) }
        self.terms = terms

        let config = site.config
        let pages = site.sections.filter { !$0.config.listed }.flatMap(\.entries)
        self.siteValues = compact([
            "title": config.title,
            "description": config.description,
            "baseURL": config.baseURL,
            "language": config.language,
            "sections": site.sections.filter(\.config.listed).map(Self.sectionValues),
            "pages": pages.map { summaries[$0.slug]! },
            "bibliography": site.bibliography.references.isEmpty
                ? nil : ["url": BibliographyPage.folder, "count": site.bibliography.references.count] as [String: Any],
            "timeline": site.entries.contains { $0.date != nil } ? ["url": TimelinePages.folder] as [String: Any] : nil,
            "subjects": site.subjects.terms.isEmpty
                ? nil : ["url": SubjectPages.folder, "count": site.subjects.terms.count] as [String: Any],
        ])
    }

    func summary(_ entry: Entry) -> [String: Any] { summaries[entry.slug]! }

    /// The values every page has: `site`, `root`, `page`, and `nav` (the listed sections, the current one `active`).
    func page(url: String, title: String, kind: String, section: String? = nil, root: String? = nil) -> [String: Any] {
        let depth = url.split(separator: "/").count
        let nav: [[String: Any]] = site.sections.filter(\.config.listed).map { listed in
            var values = Self.sectionValues(listed)
            values["active"] = listed.config.name == section
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
