import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing
@testable import ParleyKit

/// The files for publishing (`feed.xml`, `sitemap.xml`, `robots.txt`) and a site published under a base URL with
/// a path: every link of every page, and every address of the feed, the sitemap and `timeline.json`, stays under it.
@Suite struct PublishingTests {
    static let base = "https://example.org/peace-talks/"

    /// The fixture site built with `base-url: https://example.org/peace-talks/`, without git dates.
    static func buildUnderAPath() throws -> (output: TemporaryFolder, files: [String: String]) {
        let site = TemporaryFolder()
        site.copy(from: Fixtures.basicSite)
        try? FileManager.default.removeItem(at: site.url.appendingPathComponent("Expected"))
        let settings = site.url.appendingPathComponent("Content/site.yaml")
        let text = try String(contentsOf: settings, encoding: .utf8)
        #expect(text.contains("base-url: https://example.org/talks\n"))
        try text.replacingOccurrences(of: "base-url: https://example.org/talks\n", with: "base-url: \(base)\n")
            .write(to: settings, atomically: true, encoding: .utf8)
        let output = TemporaryFolder()
        _ = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: output.url, gitDates: false))
        let files = Snapshot.take(output.url).mapValues { String(decoding: $0, as: UTF8.self) }
        return (output, files)
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Whether `text` is well-formed XML, by Foundation's parser.
    static func isWellFormed(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test func theFeedIsAtomWithAbsoluteAddressesUnderTheBasePath() throws {
        let (_, files) = try Self.buildUnderAPath()
        let feed = try #require(files["feed.xml"])
        #expect(Self.isWellFormed(feed))
        #expect(
            feed.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n"
            ))
        #expect(feed.contains("  <id>https://example.org/peace-talks/feed.xml</id>\n  <title>Fixture Talks</title>\n"))
        #expect(
            feed.contains(
                "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/peace-talks/feed.xml\"/>"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/peace-talks/\"/>"))
        // The newest update first: epsilon's `updated` field; then the others by the last day their dates may mean.
        #expect(feed.contains("  <updated>2024-05-01T00:00:00Z</updated>\n"))
        let ids = Self.matches(#"<entry>\n    <id>([^<]*)</id>"#, in: feed)
        #expect(
            ids
                == [
                    "rounds/epsilon-talks/", "rounds/gamma-talks/", "rounds/delta-talks/", "rounds/beta-talks/",
                    "rounds/alpha-talks/",
                ]
                .map { Self.base + $0 })
        #expect(
            !ids.contains(Self.base + "proposals/plan/"), "an undated entry of an undated section is not in the feed")
        #expect(!ids.contains(Self.base + "rounds/draft-talks/"))
        #expect(feed.contains("<category term=\"rounds\" label=\"Rounds\"/>"))
        for href in Self.matches(#"href="([^"]*)""#, in: feed) { #expect(href.hasPrefix(Self.base), "\(href)") }
        // Without git, nothing says when an entry was first published.
        #expect(!feed.contains("<published>"))
    }

    @Test func theSitemapListsEveryPageButThe404SortedWithDates() throws {
        let (output, files) = try Self.buildUnderAPath()
        let sitemap = try #require(files["sitemap.xml"])
        #expect(Self.isWellFormed(sitemap))
        let locations = Self.matches("<loc>([^<]*)</loc>", in: sitemap)
        #expect(locations == locations.sorted())
        let pages = files.keys.filter { $0.hasSuffix(".html") && $0 != "404.html" }
        #expect(locations.count == pages.count)
        #expect(locations.first == Self.base)
        for location in locations {
            #expect(location.hasPrefix(Self.base))
            let path = String(location.dropFirst(Self.base.count))
            #expect(
                FileManager.default.fileExists(atPath: output.url.appendingPathComponent(path + "index.html").path),
                "\(location)")
        }
        #expect(!sitemap.contains("404"))
        #expect(sitemap.contains("<loc>\(Self.base)rounds/epsilon-talks/</loc>\n    <lastmod>2024-05-01</lastmod>"))
        #expect(sitemap.contains("<loc>\(Self.base)rounds/alpha-talks/</loc>\n  </url>"), "no update date, no lastmod")
        #expect(sitemap.contains("<loc>\(Self.base)rounds/</loc>\n    <lastmod>2024-05-01</lastmod>"))
        #expect(sitemap.contains("<loc>\(Self.base)proposals/</loc>\n    <lastmod>2023-11-20</lastmod>"))
        #expect(sitemap.contains("<loc>\(Self.base)</loc>\n    <lastmod>2024-05-01</lastmod>"))
    }

    @Test func robotsNamesTheSitemap() throws {
        let (_, files) = try Self.buildUnderAPath()
        #expect(
            files["robots.txt"] == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/peace-talks/sitemap.xml\n")
    }

    /// Every link of every page, resolved against the page's published address, stays under the base path; the
    /// 404 page, served at any depth, links from the base path itself.
    @Test func everyLinkOfEveryPageStaysUnderTheBasePath() throws {
        let (_, files) = try Self.buildUnderAPath()
        var checked = 0
        for (path, html) in files where path.hasSuffix(".html") {
            let address = try #require(URL(string: Self.base + path))
            // Addresses with a scheme are the content's own links to other sites; the site's are all relative.
            for link in Self.matches(#"(?:href|src)="([^"]*)""#, in: html)
            where !link.isEmpty && !link.hasPrefix("#") && !link.contains("://") {
                let resolved = try #require(
                    URL(string: link.replacingOccurrences(of: "&amp;", with: "&"), relativeTo: address)
                ).absoluteString
                if !resolved.hasPrefix(Self.base) {
                    Issue.record("\(path): \(link) leaves the base path (\(resolved))")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
        let notFound = try #require(files["404.html"])
        #expect(notFound.contains("href=\"/peace-talks/assets/site.css\""))
        #expect(notFound.contains("href=\"/peace-talks/feed.xml\""))
        #expect(Self.matches(#"href="(/[^"]*)""#, in: notFound).allSatisfy { $0.hasPrefix("/peace-talks/") })
        let entry = try #require(files["rounds/epsilon-talks/index.html"])
        #expect(entry.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../../feed.xml\">"))
        #expect(entry.contains("<p class=\"updated\">Last updated <time datetime=\"2024-05-01\">1 May 2024</time></p>"))
        let timeline = try #require(files["timeline.json"])
        let headlines = Self.matches(#"<a href=\\"([^"\\]*)\\">"#, in: timeline)
        #expect(!headlines.isEmpty)
        #expect(headlines.allSatisfy { $0.hasPrefix(Self.base + "rounds/") }, "\(headlines)")
    }

    @Test func withoutABaseURLOneWarningSaysWhyAndNothingIsWritten() throws {
        let site = miniSite([
            "Content/site.yaml": "title: Talks\nsections:\n  - name: rounds\n    dated: true\n",
            "Content/rounds/a.md": "---\ntitle: A\ndate: 2022-02-28\nupdated: 2024-01-01\n---\nA.\n",
        ])
        let output = TemporaryFolder()
        let report = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: output.url, gitDates: false))
        let warnings = report.diagnostics.filter { $0.message.contains("base-url") }
        #expect(warnings.count == 1)
        #expect(
            warnings.first?.description
                == "Content/site.yaml: warning: site.yaml has no 'base-url', so feed.xml, sitemap.xml and robots.txt are not written (they need absolute addresses)"
        )
        #expect(warnings.first?.hint?.contains("base-url: https://example.org/reference/") == true)
        for name in ["feed.xml", "sitemap.xml", "robots.txt"] {
            #expect(!FileManager.default.fileExists(atPath: output.url.appendingPathComponent(name).path), "\(name)")
        }
        let home = try String(contentsOf: output.url.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!home.contains("application/atom+xml"))
    }

    @Test func theFeedEscapesXMLAndKeepsTheNewestUpToItsLimit() throws {
        let site = miniSite([
            // Straight quotes kept (smart punctuation off), so that the feed's escaping of them is seen.
            "Content/site.yaml":
                "title: Talks & \"Tea\" <b>\nbase-url: https://example.org/a&b/\nfeed-limit: 2\nsmart-punctuation: false\nsections:\n  - name: rounds\n    dated: true\n",
            "Content/rounds/old.md": "---\ntitle: Old\ndate: 2021-01-01\n---\n",
            "Content/rounds/middle.md":
                "---\ntitle: Fish & <chips>\ndate: 2022-01-01\nsummary: \"It's \\\"done\\\".\"\n---\n",
            "Content/rounds/new.md": "---\ntitle: New\ndate: 2021-06-01\nupdated: 2024-02-29\n---\n",
        ])
        let output = TemporaryFolder()
        _ = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: output.url, gitDates: false))
        let feed = try String(contentsOf: output.url.appendingPathComponent("feed.xml"), encoding: .utf8)
        #expect(Self.isWellFormed(feed), "\(feed)")
        #expect(
            Self.matches("<entry>\n    <id>([^<]*)</id>", in: feed) == [
                "https://example.org/a&amp;b/rounds/new/", "https://example.org/a&amp;b/rounds/middle/",
            ])
        #expect(feed.contains("<title>Talks &amp; &quot;Tea&quot; &lt;b&gt;</title>"))
        #expect(feed.contains("<title>Fish &amp; &lt;chips&gt;</title>"))
        #expect(feed.contains("<summary>It&apos;s &quot;done&quot;.</summary>"))
        #expect(feed.contains("<updated>2024-02-29T00:00:00Z</updated>\n    <link"))
        #expect(feed.contains("<updated>2022-01-01T00:00:00Z</updated>"))
    }

    @Test func aWrongUpdatedDateOrFeedLimitIsALocatedError() {
        let site = miniSite([
            "Content/site.yaml":
                "title: Talks\nbase-url: https://example.org/\nfeed-limit: lots\nsections:\n  - name: rounds\n    dated: true\n",
            "Content/rounds/a.md": "---\ntitle: A\ndate: 2022-02-28\nupdated: 2024-05\n---\n",
            "Content/rounds/b.md": "---\ntitle: B\ndate: 2022-02-28\nupdated: 2023-02-29\n---\n",
        ])
        let result = diagnostics(building: site.url)
        #expect(!result.succeeded)
        let errors = result.diagnostics.filter(\.isError).map(\.description)
        #expect(
            errors == [
                "Content/rounds/a.md:4:10: error: 'updated' must be a day, not '2024-05'",
                "Content/rounds/b.md:4:10: error: '2023-02-29' is not a valid date (February 2023 has 28 days)",
                "Content/site.yaml:3:13: error: 'feed-limit' must be a whole number above 0, not 'lots'",
            ])
    }
}
