import Foundation

/// COinS (ContextObjects in Spans): each source of the bibliography page as an OpenURL 1.0 ContextObject in
/// Key/Encoded-Value form (ANSI/NISO Z39.88-2004), for `<span class="Z3988" title="…">`. Zotero's browser
/// connector finds these spans and offers to import every source on the page; link resolvers read them too.
///
/// The CSL type chooses the metadata format, as Zotero itself writes and reads them:
///
/// | CSL type | format | genre |
/// |---|---|---|
/// | `article-journal` | `journal` (`atitle`, `jtitle`, `volume`, `issue`, `issn`) | `article` |
/// | `book` | `book` (`btitle`, `pub`, `place`, `isbn`) | `book` |
/// | `chapter` | `book` (`atitle`, `btitle`: the book) | `bookitem` |
/// | `paper-conference` | `book` (`atitle`, `btitle`: the proceedings) | `proceeding` |
/// | `report` | `book` (`btitle`, `pub`) | `report` |
/// | `thesis` | `dissertation` (`title`, `inst`) | |
/// | any other (`article-newspaper`, `webpage`, …) | `dc`, Dublin Core (`title`, `source`: the container, `publisher`, `language`), with Zotero's item type as `type` (`newspaperArticle`, `webpage`, …) | |
///
/// OpenURL has no format for newspaper and magazine articles or web pages: as Dublin Core with their type, they
/// import into Zotero as what they are, where the journal format would make each a journal article.
///
/// Authors: in the journal, book and dissertation formats, the first as `aulast` and `aufirst` (when both are
/// known) and every person as `au` (`Hopkins, Valerie`), organisations as `aucorp`; in Dublin Core, each as
/// `creator`. Then `date` (ISO 8601: `2022-02-28`, `2022-02`, `2022`), the pages, and the address as `rft_id`
/// (the URL, else the archived copy's; a DOI as `info:doi/…`). Every value is percent-encoded as UTF-8, all but
/// the unreserved characters of RFC 3986, as the KEV format requires; a template writes the whole with `{{coins}}`,
/// which escapes its `&` for the attribute.
enum COinS {
    /// The metadata format and genre for a CSL type.
    static func format(_ type: String?) -> (format: String, genre: String?) {
        switch type {
        case "article-journal": ("journal", "article")
        case "book": ("book", "book")
        case "chapter": ("book", "bookitem")
        case "paper-conference": ("book", "proceeding")
        case "report": ("book", "report")
        case "thesis": ("dissertation", nil)
        default: ("dc", nil)
        }
    }

    /// Zotero's item type for a CSL type, for Dublin Core's `type`.
    static func zoteroType(_ type: String?) -> String {
        switch type {
        case "article-newspaper": "newspaperArticle"
        case "article-magazine": "magazineArticle"
        case "article-journal", "article": "journalArticle"
        case "webpage": "webpage"
        case "post-weblog": "blogPost"
        case "post": "forumPost"
        case "book": "book"
        case "chapter": "bookSection"
        case "entry-encyclopedia": "encyclopediaArticle"
        case "entry-dictionary": "dictionaryEntry"
        case "report": "report"
        case "thesis": "thesis"
        case "paper-conference": "conferencePaper"
        case "speech": "presentation"
        case "interview": "interview"
        case "personal_communication": "letter"
        case "legislation": "statute"
        case "legal_case": "case"
        case "bill": "bill"
        case "manuscript": "manuscript"
        case "map": "map"
        case "motion_picture": "film"
        case "broadcast": "tvBroadcast"
        case "song": "audioRecording"
        case "graphic": "artwork"
        case "software": "computerProgram"
        case "dataset": "dataset"
        case "patent": "patent"
        default: "document"
        }
    }

    /// The ContextObject of a source, in KEV form (`ctx_ver=Z39.88-2004&rft_val_fmt=…&rft.atitle=…`).
    static func contextObject(_ reference: Reference) -> String {
        var kev = KEV()
        let (format, genre) = format(reference.type)
        kev.add("ctx_ver", "Z39.88-2004")
        kev.add("rft_val_fmt", "info:ofi/fmt:kev:mtx:" + format)
        if let doi = reference.field("DOI")?.text { kev.add("rft_id", "info:doi/" + doi) }
        if let url = reference.url ?? reference.archiveURL { kev.add("rft_id", url) }
        if let genre { kev.add("rft.genre", genre) }
        let title = reference.title ?? reference.translatedTitle
        switch (format, genre) {
        case ("journal", _):
            kev.add("rft.atitle", title)
            kev.add("rft.jtitle", reference.containerTitle)
        case ("book", "book"), ("book", "report"):
            kev.add("rft.btitle", title)
        case ("book", _):
            kev.add("rft.atitle", title)
            kev.add("rft.btitle", reference.containerTitle)
        case ("dc", _):
            kev.add("rft.type", zoteroType(reference.type))
            kev.add("rft.title", title)
            kev.add("rft.source", reference.containerTitle)
        default:
            kev.add("rft.title", title)
        }

        if format == "dc" {
            for name in reference.authors { kev.add("rft.creator", name.inverted) }
        } else {
            if let first = reference.authors.first, first.literal == nil, let family = first.family,
                let given = first.given
            {
                kev.add("rft.aulast", family)
                kev.add("rft.aufirst", given)
            }
            for name in reference.authors {
                if let literal = name.literal {
                    kev.add("rft.aucorp", literal)
                } else {
                    kev.add("rft.au", name.inverted)
                }
            }
        }
        kev.add("rft.date", reference.issued?.description)

        switch format {
        case "journal":
            kev.add("rft.volume", reference.field("volume")?.text)
            kev.add("rft.issue", reference.field("issue")?.text)
            pages(reference.page, into: &kev)
            kev.add("rft.issn", reference.issn)
        case "book":
            kev.add("rft.place", reference.field("publisher-place")?.text)
            kev.add("rft.pub", reference.publisher)
            kev.add("rft.edition", reference.field("edition")?.text)
            pages(reference.page, into: &kev)
            kev.add("rft.isbn", reference.field("ISBN")?.text)
        case "dissertation":
            kev.add("rft.inst", reference.publisher)
        default:
            kev.add("rft.publisher", reference.publisher)
            kev.add("rft.language", reference.language)
        }
        return kev.text
    }

    /// `rft.pages` as written, with `spage` and `epage` for a range of two page numbers.
    private static func pages(_ page: String?, into kev: inout KEV) {
        guard let page else { return }
        kev.add("rft.pages", page)
        let ends = page.split(whereSeparator: { $0 == "-" || $0 == "–" }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if ends.count == 2, ends.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            kev.add("rft.spage", ends[0])
            kev.add("rft.epage", ends[1])
        } else if ends.count == 1, ends[0].allSatisfy(\.isNumber) {
            kev.add("rft.spage", ends[0])
        }
    }

    /// Key/Encoded-Value pairs joined by `&`.
    struct KEV {
        private(set) var text = ""

        mutating func add(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            if !text.isEmpty { text += "&" }
            text += key
            text += "="
            text += COinS.encoded(value)
        }
    }

    /// A value percent-encoded as UTF-8: every byte but RFC 3986's unreserved characters (`A`–`Z`, `a`–`z`,
    /// `0`–`9`, `-`, `.`, `_`, `~`), so `&`, `=`, `+`, `#`, `%` and spaces (`%20`) are never read as syntax.
    static func encoded(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
