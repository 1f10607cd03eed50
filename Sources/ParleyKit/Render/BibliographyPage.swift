import Foundation

/// The bibliography page and its machine-readable exports.
enum BibliographyPage {
    static let folder = "bibliography/"

    /// A source's place on the bibliography page, relative to the site root: `bibliography/#hopkins2022`,
    /// the key percent-encoded where a URL needs it.
    static func url(of key: String) -> String {
        folder + "#" + (key.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.subtracting(CharacterSet(charactersIn: "#%"))) ?? key)
    }

    /// The bibliography page and its exports, unrendered.
    static func pages(_ site: ResolvedSite, formatted: [String: String], context: PageContext, keys: PageKeys?) -> [PlannedPage] {
        // The page sorts the sources by fields it may not show, so it depends on the files as well.
        let sources = keys.map { keys in
            KeyHasher.key { h in
                h.combine(keys.inputs.bibliography)
                for reference in site.bibliography.references { h.combine(reference.id); h.combine(keys.reference(reference.id)) }
            }
        } ?? 0
        let pageKey = keys?.page("bibliography") { h in
            h.combine(sources)
            h.combine(site.citationCount)
            for reference in site.bibliography.references {
                for cited in site.citedIn[reference.id] ?? [] { h.combine(keys!.summary(cited.slug)); h.combine(cited.note) }
                h.combine(0xB1 as UInt64)
            }
        } ?? 0
        return [
            PlannedPage(path: folder + "index.html", template: "bibliography", key: pageKey) {
                let common = context.common(url: folder, title: "Bibliography", kind: "bibliography")
                let values = Self.values(site: site, formatted: formatted, context: context)
                return site.templates.render("bibliography", BibliographyPageValues(common: common, bibliography: values))
            },
            PlannedPage(path: folder + "bibliography.json", template: "", key: keys.map { $0.inputs.bibliography ^ 0x4A53 } ?? 0) {
                BibliographyExporter.cslJSON(site.bibliography)
            },
            PlannedPage(path: folder + "bibliography.bib", template: "", key: keys.map { $0.inputs.bibliography ^ 0x4249_42 } ?? 0) {
                BibliographyExporter.bibTeX(site.bibliography)
            },
        ]
    }

    /// Values for `bibliography.mustache`: every cited source sorted by author, title and date, each with the
    /// entries that cite it; the uncited ones under `furtherReading`.
    static func values(site: ResolvedSite, formatted: [String: String], context: PageContext) -> BibliographyValues {
        // Each source's sort key made once, not twice per comparison.
        let sorted = site.bibliography.references.map { (key: ReferenceFormatter.sortKey($0), reference: $0) }
            .sorted { a, b in a.key != b.key ? a.key < b.key : a.reference.id < b.reference.id }
            .map(\.reference)
        func values(_ reference: Reference) -> SourceValues {
            let citing = (site.citedIn[reference.id] ?? []).compactMap { cited in
                site.entry(cited.slug).map { CitingValues(summary: context.summary($0), note: cited.note) }
            }
            return SourceValues(id: reference.id, html: formatted[reference.id] ?? "", citedIn: citing)
        }
        return BibliographyValues(
            sourceCount: site.bibliography.references.count, citationCount: site.citationCount,
            cited: sorted.filter { site.citedIn[$0.id] != nil }.map(values),
            furtherReading: sorted.filter { site.citedIn[$0.id] == nil }.map(values))
    }
}
