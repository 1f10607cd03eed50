import Foundation

/// The bibliography page and its machine-readable exports.
enum BibliographyPage {
    static let folder = "bibliography/"

    /// A source's place on the bibliography page, relative to the site root: `bibliography/#hopkins2022`,
    /// the key percent-encoded where a URL needs it.
    static func url(of key: String, page: Int = 1) -> String {
        let folder = page == 1 ? folder : folder + "page/\(page)/"
        // Most keys are letters, digits and a few marks that need no encoding: those skip Foundation's encoder,
        // which pages ask for on every note.
        let plain = key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/")
        }
        if plain { return folder + "#" + key }
        return folder + "#" + (key.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.subtracting(CharacterSet(charactersIn: "#%"))) ?? key)
    }

    /// How the sources are split over pages: the site's `page-size` each.
    static func pagination(_ site: ResolvedSite) -> Pagination {
        Pagination(base: folder, count: site.bibliography.references.count, size: site.config.pageSize)
    }

    /// The bibliography's pages and its exports, unrendered.
    static func pages(_ site: ResolvedSite, formatted: [String: String], context: PageContext) -> [PlannedPage] {
        let pagination = pagination(site)
        return (1...pagination.pageCount).map { number in
            let url = pagination.url(number)
            return .page(url + "index.html", "bibliography", site.templates) {
                BibliographyPageValues(
                    common: context.common(url: url, title: Pagination.title(context.words("title-bibliography"), page: number, words: context.words), kind: "bibliography",
                                           pagination: pagination.values(number)),
                    bibliography: values(site: site, formatted: formatted, context: context, items: pagination.range(number)))
            }
        } + [
            .data(folder + "bibliography.json") { BibliographyExporter.cslJSON(site.bibliography) },
            .data(folder + "bibliography.bib") { BibliographyExporter.bibTeX(site.bibliography) },
        ]
    }

    /// The sources in the page's order: the cited ones sorted by author, title and date, then the others.
    static func order(_ site: ResolvedSite) -> (cited: [Reference], furtherReading: [Reference]) {
        // Each source's sort key made once, not twice per comparison.
        let alphabet = IndexAlphabet.of(language: site.config.language)
        let sorted = site.bibliography.references.map { (key: ReferenceFormatter.sortKey($0, alphabet: alphabet), reference: $0) }
            .sorted { a, b in a.key != b.key ? a.key < b.key : a.reference.id < b.reference.id }
            .map(\.reference)
        return (sorted.filter { site.citedIn[$0.id] != nil }, sorted.filter { site.citedIn[$0.id] == nil })
    }

    /// Values for `bibliography.mustache`: the sources of one page (`items`, counted over the cited sources
    /// then the others), each cited one with the entries that cite it; the uncited ones under `furtherReading`.
    static func values(site: ResolvedSite, formatted: [String: String], context: PageContext, items: Range<Int>? = nil) -> BibliographyValues {
        let (cited, further) = context.bibliographyOrder
        let items = items ?? 0..<(cited.count + further.count)
        func values(_ reference: Reference) -> SourceValues {
            let citing = (site.citedIn[reference.id] ?? []).compactMap { cited in
                site.entry(cited.slug).map { CitingValues(summary: context.summary($0), note: cited.note) }
            }
            return SourceValues(id: reference.id, url: context.bibliographyURL(of: reference.id), html: formatted[reference.id] ?? "", citedIn: citing,
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
