import Testing
@testable import ParleyKit

@Suite struct SiteURLResolverTests {
    let resolver = SiteURLResolver(basePath: "/talks/")
    let page = "rounds/alpha-talks/index.html"

    @Test func relativeURLsResolveFromThePagesFolder() {
        #expect(resolver.resolve("../beta-talks/", onPage: page) == .site(path: "rounds/beta-talks/", fragment: nil))
        #expect(
            resolver.resolve("../../assets/site.css", onPage: page) == .site(path: "assets/site.css", fragment: nil))
        #expect(
            resolver.resolve("./notes.html", onPage: page)
                == .site(path: "rounds/alpha-talks/notes.html", fragment: nil))
        #expect(resolver.resolve("../../", onPage: page) == .site(path: "", fragment: nil))
        #expect(resolver.resolve("./", onPage: "index.html") == .site(path: "", fragment: nil))
        #expect(resolver.resolve("rounds/", onPage: "index.html") == .site(path: "rounds/", fragment: nil))
        #expect(resolver.resolve("../..", onPage: page) == .site(path: "", fragment: nil))
    }

    @Test func climbingAboveTheRootIsCaught() {
        #expect(resolver.resolve("../../../x/", onPage: page) == .aboveRoot)
        #expect(resolver.resolve("../", onPage: "index.html") == .aboveRoot)
    }

    @Test func fragmentsAloneStayOnThePage() {
        #expect(resolver.resolve("#outcome", onPage: page) == .site(path: page, fragment: "outcome"))
        #expect(
            resolver.resolve("../beta-talks/#outcome", onPage: page)
                == .site(path: "rounds/beta-talks/", fragment: "outcome"))
        // Keys are percent-encoded in note links; ids are not.
        #expect(
            resolver.resolve("../../bibliography/#agency%2Freport", onPage: page)
                == .site(path: "bibliography/", fragment: "agency/report"))
    }

    @Test func queriesAndPercentEncodingAreDropped() {
        #expect(resolver.resolve("../a%20b/?x=1#y", onPage: page) == .site(path: "rounds/a b/", fragment: "y"))
    }

    @Test func absolutePathsResolveFromTheBasePath() {
        #expect(
            resolver.resolve("/talks/assets/site.css", onPage: "404.html")
                == .site(path: "assets/site.css", fragment: nil))
        #expect(resolver.resolve("/talks/", onPage: "404.html") == .site(path: "", fragment: nil))
        #expect(resolver.resolve("/talks", onPage: "404.html") == .site(path: "", fragment: nil))
        #expect(resolver.resolve("/other/", onPage: "404.html") == .outsideBasePath("/other/"))
        #expect(
            SiteURLResolver(basePath: "/").resolve("/rounds/", onPage: page) == .site(path: "rounds/", fragment: nil))
    }

    @Test func externalAndEmptyURLsAreNotChecked() {
        for url in [
            "https://example.org/", "mailto:me@example.org", "//cdn.example.org/x.js", "", "  ", "tel:+1",
            "javascript:void(0)",
        ] {
            #expect(resolver.resolve(url, onPage: page) == .notChecked, "\(url)")
        }
    }

    @Test func relativeURLsBetweenPages() {
        #expect(SiteURLResolver.relative(from: page, to: "rounds/beta-talks/") == "../beta-talks/")
        #expect(SiteURLResolver.relative(from: page, to: "assets/site.css") == "../../assets/site.css")
        #expect(SiteURLResolver.relative(from: "index.html", to: "") == "./")
        #expect(SiteURLResolver.relative(from: page, to: "rounds/alpha-talks/") == "./")
    }

    @Test func folderURLsFindTheirIndexPage() {
        let checker = LinkChecker(
            pages: [
                RenderedPage(path: "index.html", contents: "", template: "home"),
                RenderedPage(path: "rounds/a/index.html", contents: "", template: "entry"),
            ],
            assets: ["assets/site.css"], basePath: "/")
        #expect(checker.file(at: "") == "index.html")
        #expect(checker.file(at: "rounds/a/") == "rounds/a/index.html")
        #expect(checker.file(at: "rounds/a") == "rounds/a/index.html")
        #expect(checker.file(at: "rounds/") == nil)
        #expect(checker.file(at: "assets/site.css") == "assets/site.css")
        #expect(checker.file(at: "assets/") == nil)
    }
}
