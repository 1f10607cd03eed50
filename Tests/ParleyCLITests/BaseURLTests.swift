import Foundation
import Testing

/// `--base-url`: the published address, given where the site is built, over site.yaml's.
@Suite struct BaseURLTests {
    @Test func theOverrideReachesEveryAbsoluteAddressAndThe404Page() throws {
        let site = try CLITests.temporaryCopy(of: CLITests.fixtures.appendingPathComponent("Sites/basic"))
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try CLITests.parley("build", "--base-url", "https://someone.github.io/talks", in: site)
        #expect(result.status == 0, "\(result.stderr)")
        func read(_ path: String) throws -> String {
            try String(contentsOf: site.appendingPathComponent("Public/" + path), encoding: .utf8)
        }
        #expect(try read("robots.txt").contains("Sitemap: https://someone.github.io/talks/sitemap.xml"))
        #expect(try read("sitemap.xml").contains("<loc>https://someone.github.io/talks/rounds/alpha-talks/</loc>"))
        #expect(try read("feed.xml").contains("https://someone.github.io/talks/rounds/alpha-talks/"))
        #expect(try !read("feed.xml").contains("example.org"))
        // The 404 page is served at any depth: its links start from the base path.
        #expect(try read("404.html").contains("href=\"/talks/\""))
        // parley check with the same address finds every link (the fixture keeps one uncited source: a warning).
        let check = try CLITests.parley("check", "--base-url", "https://someone.github.io/talks/", in: site)
        #expect(check.status == 0, "\(check.stderr)\(check.text)")
    }

    @Test func itIsNeededOnlyOnceAndSiteYamlMayLeaveItOut() throws {
        let site = try CLITests.temporaryCopy(of: CLITests.fixtures.appendingPathComponent("Sites/basic"))
        defer { try? FileManager.default.removeItem(at: site) }
        let settings = site.appendingPathComponent("Content/site.yaml")
        let text = try String(contentsOf: settings, encoding: .utf8)
        try Data(text.split(separator: "\n").filter { !$0.hasPrefix("base-url:") }.joined(separator: "\n").utf8).write(
            to: settings)
        // Without an address: a warning, and no feed.
        let without = try CLITests.parley("build", in: site)
        #expect(without.stderr.contains("site.yaml has no 'base-url'"))
        // With one on the command line: no warning, and the feed.
        let with = try CLITests.parley("build", "--base-url", "https://example.net/", in: site)
        #expect(with.status == 0)
        #expect(!with.stderr.contains("base-url"), "\(with.stderr)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/feed.xml").path))
    }

    @Test func anAddressThatIsNotOneIsRefused() throws {
        let result = try CLITests.parley("build", "--base-url", "example.org/talks")
        #expect(result.status == 64)
        #expect(result.stderr.contains("--base-url must be an absolute http or https address"))
    }
}
