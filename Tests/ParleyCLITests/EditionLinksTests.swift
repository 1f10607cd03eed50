import Foundation
import Testing

/// A site in several languages, through the real binary: each page of each edition is its own entry file's (a
/// translation's page is the translation's), and a body's relative addresses lead where they lead on the entry's
/// own page in every edition that shows the body.
@Suite struct EditionLinksTests {
    /// `check` reports a broken link of a translated entry, of its translation and of an untranslated entry
    /// each at its own file, line and column, never in a template or the generated page.
    @Test func everyEditionsPageIsLocatedInItsOwnFile() throws {
        let site = try CheckCommandTests.copy(with: "translation-links")
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try CLITests.parley("check", "--color", "never", in: site)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("Content/rounds/zeta-talks.md:8:5: error: the link '#outcom' leads nowhere"),
            "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "Content/rounds/zeta-talks.uk.md:9:15: error: the link '#%D0%BF%D0%BE%D1%87%D0%B0%D1%82%D0%BA' leads nowhere"
            ),
            "\(result.stderr)")
        // Shown as written in the Ukrainian edition: one problem, at the entry's line.
        #expect(
            result.stderr.contains(
                "Content/rounds/eta-talks.md:8:5: error: the link '#rout' leads nowhere: the page has no element with id 'rout' (on 2 pages, e.g. rounds/eta-talks/)"
            ),
            "\(result.stderr)")
        #expect(result.stderr.contains("error: check failed with 3 errors and 1 warning"), "\(result.stderr)")
        #expect(!result.stderr.contains("Templates/") && !result.stderr.contains("Public/"), "\(result.stderr)")
    }

    /// A new site in English and Ukrainian whose entry, untranslated, is shown as written in the Ukrainian
    /// edition, one folder deeper (`uk/events/first-event/`).
    static func twoLanguageSite() throws -> (parent: URL, site: URL) {
        let parent = try NewCommandTests.starterSite(settings: "")
        let site = parent.appendingPathComponent("site")
        func rewrite(_ path: String, _ change: (String) -> String) throws {
            let file = site.appendingPathComponent(path)
            try change(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        }
        try rewrite("Content/site.yaml") {
            $0.replacingOccurrences(
                of: "\nlanguage: en\n",
                with: "\nlanguages:\n  - code: en\n  - code: uk\n    untranslated: show-original\n")
        }
        // The assets are the site's, shared by the editions: {{assets}} leads to them from every page.
        try rewrite("Templates/base.mustache") { $0.replacingOccurrences(of: "{{root}}assets/", with: "{{assets}}") }
        try Data("not really a picture\n".utf8).write(to: site.appendingPathComponent("Templates/assets/map.png"))
        return (parent, site)
    }

    /// A relative image and link of an untranslated entry work in both editions; `check --strict` passes.
    @Test func aRelativeImageWorksInEveryEdition() throws {
        let (parent, site) = try Self.twoLanguageSite()
        defer { try? FileManager.default.removeItem(at: parent) }
        let entry = site.appendingPathComponent("Content/events/first-event.md")
        try
            (try String(contentsOf: entry, encoding: .utf8)
            + "\n![The route](../../assets/map.png) and [all events](../)\n")
            .write(to: entry, atomically: true, encoding: .utf8)
        let build = try CLITests.parley("build", in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let english = try String(
            contentsOf: site.appendingPathComponent("Public/events/first-event/index.html"), encoding: .utf8)
        let ukrainian = try String(
            contentsOf: site.appendingPathComponent("Public/uk/events/first-event/index.html"), encoding: .utf8)
        #expect(english.contains("<img src=\"../../assets/map.png\" alt=\"The route\" />"))
        #expect(ukrainian.contains("<img src=\"../../../assets/map.png\" alt=\"The route\" />"))
        // A page the edition has stays in the edition.
        #expect(
            english.contains("<a href=\"../\">all events</a>") && ukrainian.contains("<a href=\"../\">all events</a>"))
        let check = try CLITests.parley("check", "--strict", in: site)
        #expect(check.status == 0, "\(check.stderr)")
    }

    /// A relative image that is missing is reported once, at the entry's line, for both editions' pages.
    @Test func aMissingImageIsReportedOnceAtTheEntrysLine() throws {
        let (parent, site) = try Self.twoLanguageSite()
        defer { try? FileManager.default.removeItem(at: parent) }
        let entry = site.appendingPathComponent("Content/events/first-event.md")
        let text = try String(contentsOf: entry, encoding: .utf8)
        try (text + "\n![The route](../../assets/rout.png)\n").write(to: entry, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let check = try CLITests.parley("check", "--strict", "--color", "never", in: site)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "Content/events/first-event.md:\(line):1: error: <img> src '../../assets/rout.png' refers to assets/rout.png, which is not among the site's assets (on 2 pages, e.g. events/first-event/)"
            ),
            "\(check.stderr)")
        #expect(check.stderr.contains("error: check failed with 1 error"), "\(check.stderr)")
        #expect(!check.stderr.contains("Public/"), "\(check.stderr)")
    }
}
