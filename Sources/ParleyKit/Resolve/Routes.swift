import Foundation

/// Every address Parley gives a page or file of the output, relative to an edition's root (the output's root
/// for the default edition, `uk/` for the Ukrainian one), and the rule between a page's address and its file.
/// Render, Write, Check and the build cache ask here; nothing else spells an address out.
enum Routes {
    // MARK: Pages and files Parley makes

    /// The home page's file.
    static let home = "index.html"
    /// The page a server shows for an address the site does not have.
    static let notFound = "404.html"
    /// The timeline, with one view per dated section below it (`timeline/rounds/`).
    static let timeline = "timeline/"
    /// The timeline's data for TimelineJS.
    static let timelineData = "timeline.json"
    /// The bibliography, its later pages below it (`bibliography/page/2/`).
    static let bibliography = "bibliography/"
    /// The bibliography's CSL-JSON export.
    static let bibliographyJSON = bibliography + "bibliography.json"
    /// The bibliography's BibTeX export.
    static let bibliographyBibTeX = bibliography + "bibliography.bib"
    /// The subject index, each term's page below it (`subjects/people/vladimir-putin/`).
    static let subjects = "subjects/"
    /// The search page, when `site.yaml` turns search on.
    static let search = "search/"
    /// The search index's folder, which Pagefind writes (one for every edition, at the output's root).
    static let searchIndex = "pagefind"
    /// The Atom feed.
    static let feed = "feed.xml"
    /// The sitemap.
    static let sitemap = "sitemap.xml"
    static let robots = "robots.txt"
    /// `Templates/assets/` as it is.
    static let assets = "assets/"

    // MARK: Addresses made from the site

    /// An entry's page: its section's folder and its slug (`rounds/istanbul-talks/`).
    static func entry(slug: String, sectionFolder: String) -> String { sectionFolder + slug + "/" }

    /// A term's page: `subjects/people/vladimir-putin/`.
    static func term(_ term: SubjectTerm) -> String { subjects + term.kind.name + "/" + term.slug + "/" }

    /// Page `number` (from 1) of a list whose first page is at `first`: `rounds/page/2/`.
    static func page(_ number: Int, of first: String) -> String { number == 1 ? first : first + "page/\(number)/" }

    /// A source's place on the bibliography page `page`: `bibliography/#hopkins2022`, the key percent-encoded
    /// where a URL needs it.
    static func source(_ key: String, page number: Int = 1) -> String {
        let folder = page(number, of: bibliography)
        // Most keys are letters, digits and a few marks that need no encoding: those skip Foundation's encoder,
        // which pages ask for on every note.
        let plain = key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/")
        }
        if plain { return folder + "#" + key }
        return folder + "#"
            + (key.addingPercentEncoding(
                withAllowedCharacters: .urlFragmentAllowed.subtracting(CharacterSet(charactersIn: "#%"))) ?? key)
    }

    // MARK: Addresses and files

    /// The file a page's address is written to: a folder's `index.html` (`rounds/a/` → `rounds/a/index.html`,
    /// the home page `""` → `index.html`); an address that names a file is that file.
    static func file(ofPage address: String) -> String {
        address.isEmpty || address.hasSuffix("/") ? address + home : address
    }

    /// A page's address as links write it, from its file: `rounds/a/index.html` → `rounds/a/`, `index.html` → `""`;
    /// any other file is its own address.
    static func page(ofFile path: String) -> String {
        if path == home { return "" }
        return path.hasSuffix("/" + home) ? String(path.dropLast(home.count)) : path
    }
}
