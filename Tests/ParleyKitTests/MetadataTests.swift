import Foundation
import Testing
@testable import ParleyKit

/// Metadata other tools read: canonical addresses, Open Graph and Twitter cards on every page, schema.org JSON-LD
/// and Google Scholar's `citation_*` tags on entry pages, COinS on the bibliography page.
enum MetadataSite {
    static var starter: URL { Fixtures.starter }

    static let settings = """
        title: Metadata Site
        description: A site for testing metadata.
        language: uk-UA
        smart-punctuation: false
        fields:
          - name: location
            type: text
          - name: participants
            type: list
          - name: venue
            type: entry
          - name: outcome
            type: markdown
        subjects:
          - name: people
            sort: surname
        sections:
          - name: events
            title: Events
            singular: Event
            description: What happened.
            dated: true
            schema: {type: Event, location: location, attendee: participants, attendee-type: Organization}
          - name: meetings
            title: Meetings
            schema:
              type: Event
              location: venue
              attendee: participants
          - name: notes
            title: Notes
            dated: true

        """

    static let bibliography = """
        references:
          - id: hopkins2022
            type: article-newspaper
            author:
              - family: Hopkins
                given: Valerie
              - literal: Reuters
            title: Talks & "peace" — Київ
            container-title: The New York Times
            issued: 2022-02-28
            URL: https://www.example.com/talks?a=1&b=2
          - id: smith2020
            type: article-journal
            author:
              - family: Smith
                given: Fred M.
            title: A journal article
            container-title: Journal of Examples
            volume: "12"
            issue: "3"
            page: 4-7
            ISSN: 1234-5678
            DOI: 10.1234/abc
            issued: 2020-05
          - id: book2019
            type: book
            author:
              - family: Doe
                given: Jane
            title: A book
            publisher: Example Press
            publisher-place: London
            ISBN: 978-1-234-56789-7
            issued: 2019
          - id: thesis2018
            type: thesis
            author:
              - family: Roe
                given: Rick
            title: A thesis
            publisher: University of Examples
            issued: 2018
          - id: chapter2017
            type: chapter
            author:
              - family: Poe
            title: A chapter
            container-title: An edited book
            publisher: Example Press
            issued: 2017

        """

    /// An entry of `events` with this date, named after it.
    static func event(_ slug: String, date: String, extra: String = "") -> (String, String) {
        ("Content/events/\(slug).md", "---\ntitle: \(slug)\ndate: \(date)\n\(extra)---\nText.\n")
    }

    static var dates: [(slug: String, edtf: String, start: String?, end: String?)] { CertainDateTests.dates }

    /// The site built into memory (without git dates), by page path; `settings` replace the default ones.
    static func build(
        baseURL: String? = "https://example.org/meta/", image: String? = nil, author: String? = nil,
        files: [String: String] = [:], assets: [String: String] = [:], overrideBaseURL: String? = nil
    ) throws -> [String: String] {
        let site = TemporaryFolder()
        site.copy(from: starter)
        try? FileManager.default.removeItem(at: site.url.appendingPathComponent("Content/events/first-event.md"))
        var config = settings
        if let baseURL { config = "base-url: \(baseURL)\n" + config }
        if let image { config = "image: \(image)\n" + config }
        if let author { config = "author: \(author)\n" + config }
        var all: [String: String] = ["Content/site.yaml": config, "Content/bibliography.yaml": bibliography]
        for (slug, edtf, _, _) in dates {
            let (path, text) = event(slug, date: edtf)
            all[path] = text
        }
        all["Content/notes/cited.md"] = """
            ---
            title: A cited note
            date: 2022-03-01
            summary: One sentence about it.
            updated: 2024-05-01
            ---
            Hopkins said so [@hopkins2022], and Smith [@smith2020, p. 5] and again [@hopkins2022]; see the book [@book2019].

            """
        all["Content/meetings/summit.md"] = """
            ---
            title: The summit
            date: 2022-06-01
            venue: palace
            participants: [Ada Lovelace]
            ---
            Text [@thesis2018] [@chapter2017].

            """
        all["Content/meetings/palace.md"] = "---\ntitle: The palace\n---\nA place.\n"
        for (path, text) in files { all[path] = text }
        for (path, text) in assets { all["Templates/assets/" + path] = text }
        site.write(all)
        let rendered = try Pipeline.renderSite(
            Pipeline.Options(siteRoot: site.url, gitDates: false, baseURL: overrideBaseURL))
        var pages: [String: String] = [:]
        for page in rendered.site.pages { pages[page.path] = page.contents }
        return pages
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The JSON-LD of a page, parsed.
    static func jsonLD(_ page: String) throws -> [String: Any] {
        let scripts = matches(#"<script type="application/ld\+json">(.*?)</script>"#, in: page)
        #expect(scripts.count == 1)
        let data = Data(try #require(scripts.first).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The `content` of each `<meta>` with this `name` or `property`, HTML entities decoded.
    static func meta(_ key: String, in page: String) -> [String] {
        let escaped = NSRegularExpression.escapedPattern(for: key)
        return matches(#"<meta (?:name|property)="\#(escaped)" content="([^"]*)">"#, in: page).map(unescape)
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

@Suite struct LinkedDataTests {
    @Test func anEventSaysOnlyTheDatesItIsSureOf() throws {
        let pages = try MetadataSite.build()
        for (slug, edtf, start, end) in MetadataSite.dates {
            let page = try #require(pages["events/\(slug)/index.html"], "\(slug)")
            let json = try MetadataSite.jsonLD(page)
            #expect(json["@context"] as? String == "https://schema.org")
            #expect(json["@type"] as? String == "Event", "\(edtf)")
            #expect(json["name"] as? String == slug)
            #expect(json["url"] as? String == "https://example.org/meta/events/\(slug)/")
            #expect(json["startDate"] as? String == start, "\(edtf): startDate")
            #expect(json["endDate"] as? String == end, "\(edtf): endDate")
            #expect(json["inLanguage"] as? String == "uk-UA")
        }
    }

    @Test func anEventHasItsPlaceAndParticipantsFromTheFieldsTheSiteNames() throws {
        let pages = try MetadataSite.build(files: [
            "Content/events/talks.md":
                "---\ntitle: Talks\ndate: 2022-02-28\nsummary: They met.\nlocation: Gomel region\nparticipants: [Ukraine, Russia]\n---\nThey met [@hopkins2022].\n"
        ])
        let json = try MetadataSite.jsonLD(try #require(pages["events/talks/index.html"]))
        #expect(json["description"] as? String == "They met.")
        let location = try #require(json["location"] as? [String: Any])
        #expect(location["@type"] as? String == "Place")
        #expect(location["name"] as? String == "Gomel region")
        let attendees = try #require(json["attendee"] as? [[String: Any]])
        #expect(attendees.map { $0["@type"] as? String } == ["Organization", "Organization"])
        #expect(attendees.map { $0["name"] as? String } == ["Ukraine", "Russia"])
        // The page is an article about the event, with its sources.
        let article = try #require(json["subjectOf"] as? [String: Any])
        #expect(article["@type"] as? String == "Article")
        #expect(article["@context"] == nil)
        #expect(article["headline"] as? String == "Talks")
        #expect(article["url"] as? String == json["url"] as? String)
        #expect(article["description"] == nil, "said once, on the event")
        #expect((article["citation"] as? [[String: Any]])?.count == 1)

        // A field of type entry gives the entry's title and address; attendees are people unless said otherwise.
        let summit = try MetadataSite.jsonLD(try #require(pages["meetings/summit/index.html"]))
        let venue = try #require(summit["location"] as? [String: Any])
        #expect(venue["name"] as? String == "The palace")
        #expect(venue["url"] as? String == "https://example.org/meta/meetings/palace/")
        #expect((summit["attendee"] as? [[String: Any]])?.first?["@type"] as? String == "Person")
        // An undated entry of an event section is an article.
        #expect(
            try MetadataSite.jsonLD(try #require(pages["meetings/palace/index.html"]))["@type"] as? String == "Article")
    }

    @Test func anArticleHasItsDatesLanguageSiteAndSources() throws {
        let pages = try MetadataSite.build()
        let json = try MetadataSite.jsonLD(try #require(pages["notes/cited/index.html"]))
        #expect(json["@type"] as? String == "Article")
        #expect(json["headline"] as? String == "A cited note")
        #expect(json["description"] as? String == "One sentence about it.")
        #expect(json["url"] as? String == "https://example.org/meta/notes/cited/")
        #expect(json["dateModified"] as? String == "2024-05-01")
        #expect(json["datePublished"] == nil, "without git, nothing says when it was first published")
        #expect(json["startDate"] == nil, "an article's own date is not its publication")
        #expect(json["inLanguage"] as? String == "uk-UA")
        let site = try #require(json["isPartOf"] as? [String: Any])
        #expect(site["@type"] as? String == "WebSite")
        #expect(site["name"] as? String == "Metadata Site")
        #expect(site["url"] as? String == "https://example.org/meta/")
        // Each source once, in the order of the notes.
        let citations = try #require(json["citation"] as? [[String: Any]])
        #expect(citations.map { $0["name"] as? String } == ["Talks & \"peace\" — Київ", "A journal article", "A book"])
        let first = citations[0]
        #expect(first["@type"] as? String == "CreativeWork")
        #expect(first["datePublished"] as? String == "2022-02-28")
        #expect(first["url"] as? String == "https://www.example.com/talks?a=1&b=2")
        let authors = try #require(first["author"] as? [[String: Any]])
        #expect(authors[0]["@type"] as? String == "Person")
        #expect(authors[0]["name"] as? String == "Valerie Hopkins")
        #expect(authors[1]["@type"] as? String == "Organization")
        #expect(authors[1]["name"] as? String == "Reuters")
        #expect(citations[1]["datePublished"] as? String == "2020-05")
    }

    @Test func stringsAreEscapedForJSONAndForTheScriptElement() throws {
        let title = #"Quotes " and \ and </script><script>alert(1)</script> <!-- Київ — “ok”"#
        let pages = try MetadataSite.build(files: [
            "Content/notes/tricky.md":
                "---\ntitle: '\(title.replacingOccurrences(of: "'", with: "''"))'\ndate: 2022-01-01\nsummary: \"Tab\\tand & < >\"\n---\nText.\n"
        ])
        let page = try #require(pages["notes/tricky/index.html"])
        let script = try #require(
            MetadataSite.matches(#"<script type="application/ld\+json">(.*?)</script>"#, in: page).first)
        #expect(!script.contains("<"), "no '<' can close the element or open a comment")
        #expect(!script.contains(">") && !script.contains("&"))
        #expect(script.contains("Київ"), "non-ASCII is written as it is")
        let json = try MetadataSite.jsonLD(page)
        #expect(json["headline"] as? String == title)
        #expect(json["description"] as? String == "Tab\tand & < >")
    }

    @Test func theEscaperWritesValidJSON() throws {
        for text in [
            "", "plain", "\"", "\\", "\u{0}\u{1F}", "</script>", "\u{2028}\u{2029}", "é 😀 Київ", "a&b<c>d",
            "a\u{2028}b\u{2029}c", "x\u{1}y\ttab", "— “curly” ‘quotes’ …", "end\\",
        ] {
            let json = "[" + LinkedData.string(text) + "]"
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
            #expect(parsed == [text], "\(json)")
        }
    }
}

@Suite struct SharingTagsTests {
    @Test func everyPageHasItsCanonicalAddressAndOpenGraphAndTwitterTags() throws {
        let pages = try MetadataSite.build(image: "assets/card.png", assets: ["card.png": "not really a picture"])
        let cases: [(path: String, url: String, title: String, description: String, type: String)] = [
            (
                "events/day/index.html", "https://example.org/meta/events/day/", "day", "A site for testing metadata.",
                "article"
            ),
            (
                "notes/cited/index.html", "https://example.org/meta/notes/cited/", "A cited note",
                "One sentence about it.", "article"
            ),
            ("events/index.html", "https://example.org/meta/events/", "Events", "What happened.", "website"),
            ("index.html", "https://example.org/meta/", "Metadata Site", "A site for testing metadata.", "website"),
            // The site is in Ukrainian (uk-UA): the titles of the pages Parley makes are in its words.
            (
                "bibliography/index.html", "https://example.org/meta/bibliography/", "Бібліографія",
                "A site for testing metadata.", "website"
            ),
        ]
        for page in cases {
            let html = try #require(pages[page.path], "\(page.path)")
            #expect(
                MetadataSite.matches(#"<link rel="canonical" href="([^"]*)">"#, in: html) == [page.url], "\(page.path)")
            #expect(MetadataSite.meta("og:url", in: html) == [page.url])
            #expect(MetadataSite.meta("og:type", in: html) == [page.type])
            #expect(MetadataSite.meta("og:title", in: html) == [page.title])
            #expect(MetadataSite.meta("twitter:title", in: html) == [page.title])
            #expect(MetadataSite.meta("description", in: html) == [page.description])
            #expect(MetadataSite.meta("og:description", in: html) == [page.description])
            #expect(MetadataSite.meta("twitter:description", in: html) == [page.description])
            #expect(MetadataSite.meta("og:site_name", in: html) == ["Metadata Site"])
            #expect(MetadataSite.meta("og:locale", in: html) == ["uk_UA"])
            #expect(MetadataSite.meta("og:image", in: html) == ["https://example.org/meta/assets/card.png"])
            #expect(MetadataSite.meta("twitter:card", in: html) == ["summary_large_image"])
            // No tag twice.
            let names = MetadataSite.matches(#"<meta (?:name|property)="([^"]*)""#, in: html)
            #expect(names.count == Set(names).count, "\(page.path): \(names)")
        }
        // The 404 page is served at any address: it names none as canonical.
        let notFound = try #require(pages["404.html"])
        #expect(!notFound.contains("rel=\"canonical\""))
        #expect(MetadataSite.meta("og:url", in: notFound).isEmpty)
    }

    @Test func withoutABaseURLAddressesStartFromTheHostsRootAndWithoutAPictureTheCardIsSmall() throws {
        let pages = try MetadataSite.build(baseURL: nil)
        let html = try #require(pages["events/day/index.html"])
        #expect(MetadataSite.matches(#"<link rel="canonical" href="([^"]*)">"#, in: html) == ["/events/day/"])
        #expect(MetadataSite.meta("og:url", in: html) == ["/events/day/"])
        #expect(MetadataSite.meta("og:image", in: html).isEmpty)
        #expect(MetadataSite.meta("twitter:card", in: html) == ["summary"])
        #expect(try MetadataSite.jsonLD(html)["url"] as? String == "/events/day/")
        let home = try #require(pages["index.html"])
        #expect(MetadataSite.matches(#"<link rel="canonical" href="([^"]*)">"#, in: home) == ["/"])
    }

    @Test func aPictureGivenByAddressAndABaseURLGivenOnTheCommandLineAreUsed() throws {
        let pages = try MetadataSite.build(
            image: "https://cdn.example.net/card.jpg", overrideBaseURL: "https://mirror.example.com/x/")
        let html = try #require(pages["events/day/index.html"])
        #expect(MetadataSite.meta("og:image", in: html) == ["https://cdn.example.net/card.jpg"])
        #expect(MetadataSite.meta("og:url", in: html) == ["https://mirror.example.com/x/events/day/"])
        #expect(try MetadataSite.jsonLD(html)["image"] as? String == "https://cdn.example.net/card.jpg")
    }

    @Test func anEntryHasCitationTagsForReferenceManagers() throws {
        let pages = try MetadataSite.build(author: "The Editors")
        let cited = try #require(pages["notes/cited/index.html"])
        #expect(MetadataSite.meta("citation_title", in: cited) == ["A cited note"])
        #expect(MetadataSite.meta("citation_author", in: cited) == ["The Editors"])
        #expect(MetadataSite.meta("citation_publication_date", in: cited) == ["2024/05/01"], "its last update")
        #expect(MetadataSite.meta("citation_publisher", in: cited) == ["Metadata Site"])
        #expect(MetadataSite.meta("citation_public_url", in: cited) == ["https://example.org/meta/notes/cited/"])
        #expect(MetadataSite.meta("citation_abstract_html_url", in: cited) == ["https://example.org/meta/notes/cited/"])
        #expect(MetadataSite.meta("citation_language", in: cited) == ["uk-UA"])
        // Without an update, its own date where certain; never an uncertain one.
        #expect(
            MetadataSite.meta("citation_publication_date", in: try #require(pages["events/month/index.html"])) == [
                "2022/03"
            ])
        #expect(
            MetadataSite.meta("citation_publication_date", in: try #require(pages["events/uncertain/index.html"]))
                .isEmpty)
        // Without an author, no author tag.
        let anonymous = try MetadataSite.build()
        #expect(MetadataSite.meta("citation_author", in: try #require(anonymous["notes/cited/index.html"])).isEmpty)
        // Only entry pages have them.
        #expect(MetadataSite.meta("citation_title", in: try #require(pages["index.html"])).isEmpty)
    }
}
