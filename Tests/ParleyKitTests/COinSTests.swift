import Foundation
import Testing
@testable import ParleyKit

@Suite struct COinSTests {
    /// The fields of a KEV ContextObject, decoded, in order.
    static func fields(_ kev: String) -> [(key: String, value: String)] {
        kev.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (
                String(parts[0]),
                String(parts.count > 1 ? parts[1] : "").removingPercentEncoding ?? "<not percent-encoded>"
            )
        }
    }

    static func values(_ fields: [(key: String, value: String)], _ key: String) -> [String] {
        fields.filter { $0.key == key }.map(\.value)
    }

    @Test func eachSourceOfTheBibliographyPageIsAContextObjectInASpan() throws {
        let pages = try MetadataSite.build()
        let page = try #require(pages["bibliography/index.html"])
        let titles = MetadataSite.matches(#"<span class="Z3988" title="([^"]*)"></span>"#, in: page).map(
            MetadataSite.unescape)
        #expect(titles.count == 5)
        let newspaper = try #require(
            titles.map(Self.fields).first { Self.values($0, "rft.title") == ["Talks & \"peace\" — Київ"] })
        #expect(newspaper.first?.key == "ctx_ver" && newspaper.first?.value == "Z39.88-2004")
        #expect(Self.values(newspaper, "rft_val_fmt") == ["info:ofi/fmt:kev:mtx:dc"])
        #expect(Self.values(newspaper, "rft.type") == ["newspaperArticle"])
        #expect(Self.values(newspaper, "rft.source") == ["The New York Times"])
        #expect(Self.values(newspaper, "rft.creator") == ["Hopkins, Valerie", "Reuters"])
        #expect(Self.values(newspaper, "rft.date") == ["2022-02-28"])
        #expect(Self.values(newspaper, "rft_id") == ["https://www.example.com/talks?a=1&b=2"])
    }

    @Test func everyValueIsPercentEncodedAsUTF8() {
        let reference = Reference(
            id: "x", type: "article-journal", title: "A&B = C+D #1 50% Київ", url: "https://e.org/?a=1&b=2",
            location: SourceLocation(file: "Content/bibliography.yaml"))
        let kev = COinS.contextObject(reference)
        #expect(kev.contains("rft.atitle=A%26B%20%3D%20C%2BD%20%231%2050%25%20%D0%9A%D0%B8%D1%97%D0%B2"))
        #expect(kev.contains("rft_id=https%3A%2F%2Fe.org%2F%3Fa%3D1%26b%3D2"))
        for pair in kev.split(separator: "&") {
            #expect(pair.split(separator: "=").count == 2, "\(pair)")
            #expect(pair.allSatisfy { $0.isASCII && !$0.isWhitespace })
        }
    }

    @Test func eachTypeOfSourceHasItsFormatAndGenre() throws {
        let pages = try MetadataSite.build()
        let page = try #require(pages["bibliography/index.html"])
        let all = MetadataSite.matches(#"<span class="Z3988" title="([^"]*)"></span>"#, in: page).map(
            MetadataSite.unescape
        ).map(Self.fields)
        func find(_ key: String, _ value: String) throws -> [(key: String, value: String)] {
            try #require(all.first { Self.values($0, key) == [value] }, "\(key)=\(value)")
        }
        let journal = try find("rft.atitle", "A journal article")
        #expect(Self.values(journal, "rft_val_fmt") == ["info:ofi/fmt:kev:mtx:journal"])
        #expect(Self.values(journal, "rft.genre") == ["article"])
        #expect(Self.values(journal, "rft.jtitle") == ["Journal of Examples"])
        #expect(Self.values(journal, "rft.aulast") == ["Smith"])
        #expect(Self.values(journal, "rft.aufirst") == ["Fred M."])
        #expect(Self.values(journal, "rft.au") == ["Smith, Fred M."])
        #expect(Self.values(journal, "rft.volume") == ["12"])
        #expect(Self.values(journal, "rft.issue") == ["3"])
        #expect(Self.values(journal, "rft.spage") == ["4"])
        #expect(Self.values(journal, "rft.epage") == ["7"])
        #expect(Self.values(journal, "rft.issn") == ["1234-5678"])
        #expect(Self.values(journal, "rft_id") == ["info:doi/10.1234/abc"])
        #expect(Self.values(journal, "rft.date") == ["2020-05"])

        let book = try find("rft.btitle", "A book")
        #expect(Self.values(book, "rft_val_fmt") == ["info:ofi/fmt:kev:mtx:book"])
        #expect(Self.values(book, "rft.genre") == ["book"])
        #expect(Self.values(book, "rft.pub") == ["Example Press"])
        #expect(Self.values(book, "rft.place") == ["London"])
        #expect(Self.values(book, "rft.isbn") == ["978-1-234-56789-7"])

        let chapter = try find("rft.atitle", "A chapter")
        #expect(Self.values(chapter, "rft.genre") == ["bookitem"])
        #expect(Self.values(chapter, "rft.btitle") == ["An edited book"])
        #expect(Self.values(chapter, "rft.au") == ["Poe"])
        #expect(
            Self.values(chapter, "rft.aulast").isEmpty,
            "aulast with aufirst only, so that Zotero does not read the author twice")

        let thesis = try find("rft.title", "A thesis")
        #expect(Self.values(thesis, "rft_val_fmt") == ["info:ofi/fmt:kev:mtx:dissertation"])
        #expect(Self.values(thesis, "rft.inst") == ["University of Examples"])
    }
}
