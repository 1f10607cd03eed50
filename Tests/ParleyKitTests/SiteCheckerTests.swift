import Foundation
import Testing
@testable import ParleyKit

/// `parley check` on broken sites: every broken link reported once, at the line of the entry or template to fix.
///
/// A case is `Tests/Fixtures/Check/<case>/`, laid over a copy of the basic fixture site as the broken-site
/// cases are (`site/`, `delete.txt`); checking it must report exactly `expected-diagnostics.txt` (re-recorded
/// with `PARLEY_RECORD=1`). Cases whose name starts with `warn-` must pass, the others must not.
@Suite struct SiteCheckerTests {
    static let folder = Fixtures.root.appendingPathComponent("Check")
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    static func site(for name: String) throws -> TemporaryFolder {
        let site = TemporaryFolder()
        for path in Snapshot.files(in: Fixtures.basicSite) where !path.hasPrefix("Expected/") {
            site.write(path, try Data(contentsOf: Fixtures.basicSite.appendingPathComponent(path)))
        }
        site.copy(from: folder.appendingPathComponent(name).appendingPathComponent("site"))
        return site
    }

    @Test func everyCaseIsHere() {
        #expect(Self.cases.count >= 4)
    }

    @Test(arguments: cases)
    func brokenSiteReportsExactDiagnostics(name: String) throws {
        let site = try Self.site(for: name)
        let report = SiteChecker.check(Pipeline.Options(siteRoot: site.url))
        let text = DiagnosticFormatter.report(report.diagnostics) + "\n"
        let expectedFile = Self.folder.appendingPathComponent(name).appendingPathComponent("expected-diagnostics.txt")
        if Fixtures.recording {
            try text.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        #expect(text == (try String(contentsOf: expectedFile, encoding: .utf8)))
        #expect(report.passes(strict: false) == name.hasPrefix("warn-"))
        #expect(!report.passes(strict: true))
        #expect(report.linksWereChecked)
        // Never in the generated page: every problem of these cases is written in a source file.
        for diagnostic in report.diagnostics {
            #expect(
                diagnostic.location.file.hasPrefix("Content/") || diagnostic.location.file.hasPrefix("Templates/"),
                "\(diagnostic)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("Public").path))
    }

    @Test func theFixtureSiteChecksClean() {
        // Its one warning is the build's own (a source never cited, on purpose): no link is broken.
        let report = SiteChecker.check(Pipeline.Options(siteRoot: Fixtures.basicSite))
        #expect(
            report.diagnostics.map(\.description) == [
                "Content/bibliography.yaml:19:9: warning: source 'unused2020' is never cited; the bibliography lists it under Further reading"
            ])
        #expect(report.pagesChecked == 22)
        #expect(report.linksChecked > 100)
    }

    @Test func theRealSiteChecksClean() {
        let repository = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        let report = SiteChecker.check(Pipeline.Options(siteRoot: repository))
        #expect(report.linksWereChecked)
        #expect(report.diagnostics == [], "\(DiagnosticFormatter.report(report.diagnostics))")
    }

    @Test func aLinkBrokenOnEveryPageIsOneDiagnosticSayingHowMany() throws {
        let site = try Self.site(for: "template-fragment")
        let errors = SiteChecker.check(Pipeline.Options(siteRoot: site.url)).diagnostics.filter(\.isError)
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasSuffix("(on 22 pages, e.g. the home page)") == true)
    }

    /// The problems of a mini-site's check but the warnings about the sections it has no folders for.
    static func linkProblems(_ site: TemporaryFolder) -> [Diagnostic] {
        SiteChecker.check(Pipeline.Options(siteRoot: site.url)).diagnostics.filter {
            $0.location.file != "Content/site.yaml"
        }
    }

    @Test func aLinkThatIsInNoSourceIsReportedInThePageWithAHint() throws {
        // The URL comes from a value, with no text of its own in the template: the fallback is the page.
        let site = miniSite([
            "Templates/home.mustache": "<a href=\"{{root}}{{site.title}}\">x</a>",
            "Content/rounds/a.md": "---\ntitle: A\ndate: 2022\n---\nBody.\n",
        ])
        let links = Self.linkProblems(site)
        let problem = try #require(links.first)
        #expect(links.count == 1)
        #expect(problem.location == SourceLocation(file: "Public/index.html", line: 1, column: 10))
        #expect(
            problem.message
                == "the link './Fixture Talks' leads to Fixture Talks, which is not a page or file of the site")
        #expect(problem.hint?.contains("this is the page 'parley build' would write") == true)
    }

    @Test func rawHTMLLinksOfUnsafeSitesAreFoundInTheEntry() throws {
        let site = miniSite([
            "Content/rounds/a.md": "---\ntitle: A\ndate: 2022\n---\nSee <a href=\"../missing/\">this</a>.\n"
        ])
        let settings = site.url.appendingPathComponent("Content/site.yaml")
        try (try String(contentsOf: settings, encoding: .utf8) + "unsafe-html: true\n").write(
            to: settings, atomically: true, encoding: .utf8)
        #expect(
            Self.linkProblems(site).map(\.location) == [
                SourceLocation(file: "Content/rounds/a.md", line: 5, column: 14)
            ])
    }
}
