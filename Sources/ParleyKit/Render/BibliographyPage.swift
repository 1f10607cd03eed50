import Foundation

/// The bibliography page and its machine-readable exports.
enum BibliographyPage {
    static let folder = "bibliography/"

    /// A source's place on the bibliography page, relative to the site root: `bibliography/#hopkins2022`,
    /// the key percent-encoded where a URL needs it.
    static func url(of key: String) -> String {
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

    /// The bibliography page and its exports, unrendered.
    static func pages(_ site: ResolvedSite, formatted: [String: String], context: PageContext) -> [PlannedPage] {
        [
            .page(folder + "index.html", "bibliography", site.templates) {
                BibliographyPageValues(
                    common: context.common(url: folder, title: "Bibliography", kind: "bibliography"),
                    bibliography: values(site: site, formatted: formatted, context: context))
            },
            .data(folder + "bibliography.json") { BibliographyExporter.cslJSON(site.bibliography) },
            .data(folder + "bibliography.bib") { BibliographyExporter.bibTeX(site.bibliography) },
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
            return SourceValues(id: reference.id, html: formatted[reference.id] ?? "", citedIn: citing,
                                coins: COinS.contextObject(reference))
        }
        return BibliographyValues(
            sourceCount: site.bibliography.references.count, citationCount: site.citationCount,
            cited: sorted.filter { site.citedIn[$0.id] != nil }.map(values),
            furtherReading: sorted.filter { site.citedIn[$0.id] == nil }.map(values))
    }
}
