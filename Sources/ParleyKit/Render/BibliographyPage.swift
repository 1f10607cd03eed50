import Foundation

/// The bibliography page and its machine-readable exports.
enum BibliographyPage {
    /// The bibliography's pages and its exports, unrendered.
    static func pages(_ site: ResolvedSite, formatted: [String: String], context: PageContext) -> [PlannedPage] {
        let pagination = Pagination(bibliographyOf: site)
        return (1...pagination.pageCount).map { number in
            let url = pagination.url(number)
            return .page(Routes.file(ofPage: url), "bibliography", context.templates) {
                BibliographyPageValues(
                    common: context.common(
                        url: url,
                        title: Pagination.title(
                            context.words("title-bibliography"), page: number, words: context.words),
                        kind: "bibliography",
                        pagination: pagination.values(number)),
                    bibliography: values(
                        site: site, formatted: formatted, context: context, items: pagination.range(number)))
            }
        } + [
            .data(Routes.bibliographyJSON) { BibliographyExporter.cslJSON(site.bibliography) },
            .data(Routes.bibliographyBibTeX) { BibliographyExporter.bibTeX(site.bibliography) },
        ]
    }

    /// The sources in the page's order: the cited ones sorted by author, title and date, then the others.
    static func order(_ site: ResolvedSite) -> (cited: [Reference], furtherReading: [Reference]) {
        // Each source's sort key made once, not twice per comparison.
        let alphabet = IndexAlphabet.of(language: site.config.language)
        let sorted = site.bibliography.references.map {
            (key: ReferenceFormatter.sortKey($0, alphabet: alphabet), reference: $0)
        }
        .sorted { a, b in a.key != b.key ? a.key < b.key : a.reference.id < b.reference.id }
        .map(\.reference)
        return (sorted.filter { site.citedIn[$0.id] != nil }, sorted.filter { site.citedIn[$0.id] == nil })
    }

    /// Values for `bibliography.mustache`: the sources of one page (`items`, counted over the cited sources
    /// then the others), each cited one with the entries that cite it; the uncited ones under `furtherReading`.
    static func values(
        site: ResolvedSite, formatted: [String: String], context: PageContext, items: Range<Int>? = nil
    ) -> BibliographyValues {
        let (cited, further) = context.bibliographyOrder
        let items = items ?? 0..<(cited.count + further.count)
        func values(_ reference: Reference) -> SourceValues {
            let citing = (site.citedIn[reference.id] ?? []).compactMap { cited in
                site.entry(cited.slug).map { CitingValues(summary: context.summary($0), note: cited.note) }
            }
            return SourceValues(
                id: reference.id, url: context.bibliographyURL(of: reference.id), html: formatted[reference.id] ?? "",
                citedIn: citing,
                coins: COinS.contextObject(reference))
        }
        let citedRange = items.clamped(to: 0..<cited.count)
        let furtherRange = (items.lowerBound - cited.count)..<(items.upperBound - cited.count)
        return BibliographyValues(
            sourceCount: site.bibliography.references.count, citationCount: site.citationCount,
            cited: cited[citedRange].map(values),
            furtherReading: further[furtherRange.clamped(to: 0..<further.count)].map(values))
    }
}
