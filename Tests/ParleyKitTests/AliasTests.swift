import Foundation
import Testing
@testable import ParleyKit

/// `aliases:` (an entry's former addresses, each a page that redirects to it) and the warning for a published
/// page that disappears without one.
@Suite struct AliasTests {
    // MARK: The addresses an alias may be

    @Test(arguments: [
        ("/rounds/old-name/", "rounds/old-name/"),
        ("rounds/old-name", "rounds/old-name/"),
        ("/old-name.html", "old-name.html"),
        ("/2022/03/talks.HTM", "2022/03/talks.HTM"),
        ("/Old%20Name/", "Old Name/"),
        ("  /rounds/a/  ", "rounds/a/"),
        ("/v1.2/", "v1.2/"),
        ("/.well-hidden/", ".well-hidden/"),
    ])
    func anAddressBecomesAPathInTheOutput(text: String, path: String) {
        #expect(AliasPath.normalize(text) == .success(path))
    }

    @Test(arguments: [
        ("https://example.org/rounds/a/", "it is a whole URL"),
        ("//example.org/a/", "it is a whole URL"),
        ("/a/?id=3", "a static page cannot answer a query"),
        ("/a/#top", "a static page cannot answer a query"),
        ("\\rounds\\a", "it has a backslash"),
        ("/100%/", "it has a '%' that is not a percent-escape"),
        ("/a%0Ab/", "it has a control character"),
        ("/", "it is the site's home page"),
        ("", "it is the site's home page"),
        ("/a//b/", "it has an empty folder name"),
        ("/../outside/", "it has a '.' or '..' folder"),
        ("/a/%2E%2E/b/", "it has a '.' or '..' folder"),
        ("/a/./b", "it has a '.' or '..' folder"),
        ("/report.pdf", "a redirect is an HTML page, and a '.pdf' address cannot be one"),
        ("javascript:alert(1)", "it starts with a URL scheme ('javascript:')"),
        ("data:text/html,x", "it starts with a URL scheme ('data:')"),
        ("/a%3Fb=1.html", "a static page cannot answer a query"),
        ("/c%23d/", "a static page cannot answer a query"),
        ("/e%5Cf/", "it has a backslash"),
        ("/a\u{202E}gpj.html", "it has an invisible formatting character (\\u{202E})"),
        ("/b%E2%80%8Bc/", "it has an invisible formatting character (\\u{200B})"),
        ("/.parley-output/", "Parley keeps its own files under names that start with '.parley'"),
        ("/" + String(repeating: "x", count: 256) + "/", "the name 'xxx"),
    ])
    func anAddressThatCannotBeARedirectIsRefusedWithItsReason(text: String, reason: String) {
        guard case .failure(let problem) = AliasPath.normalize(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(problem.reason.hasPrefix(reason), "\(problem.reason)")
        #expect(!problem.hint.isEmpty)
    }

    @Test func aFolderRedirectIsItsIndexPage() {
        #expect(Routes.file(ofPage: "rounds/a/") == "rounds/a/index.html")
        #expect(Routes.file(ofPage: "a.html") == "a.html")
    }

    // MARK: Diagnostics

    static let settings =
        "title: Talks\nbase-url: https://example.org/talks/\nsections:\n  - name: rounds\n    dated: true\n  - name: proposals\n"
    static let aliasTemplate = try! String(
        contentsOf: Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "Templates/alias.mustache"),
        encoding: .utf8)

    static let englishStrings = try! String(
        contentsOf: Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "Templates/strings/en.yaml"),
        encoding: .utf8)

    static func site(_ entries: [String: String], aliasTemplate: Bool = true) -> TemporaryFolder {
        var files = entries
        files["Content/site.yaml"] = files["Content/site.yaml"] ?? settings
        if aliasTemplate {
            files["Templates/alias.mustache"] = Self.aliasTemplate
            // Its words come from the project's strings files.
            files["Templates/strings/en.yaml"] = Self.englishStrings
        }
        if files["Content/proposals/plan.md"] == nil {
            files["Content/proposals/plan.md"] = "---\ntitle: Plan\n---\nA plan.\n"
        }
        return miniSite(files)
    }

    @Test func anAddressThatCannotBeARedirectIsALocatedError() {
        let site = Self.site([
            "Content/rounds/a.md":
                "---\ntitle: A\ndate: 2022-02-28\naliases:\n  - /rounds/old-a/\n  - https://example.org/talks/a/\n---\nA.\n"
        ])
        let errors = diagnostics(building: site.url).diagnostics.filter(\.isError)
        #expect(
            errors.map(\.description) == [
                "Content/rounds/a.md:6:5: error: 'https://example.org/talks/a/' is not an address this site can redirect from: it is a whole URL"
            ])
        #expect(errors.first?.hint == "write only its path below the site's root, e.g. /rounds/old-name/")
    }

    @Test func aliasesMustBeAListOfAddresses() {
        let site = Self.site(["Content/rounds/a.md": "---\ntitle: A\ndate: 2022-02-28\naliases: {old: /a/}\n---\nA.\n"])
        let errors = diagnostics(building: site.url).diagnostics.filter(\.isError)
        #expect(errors.count == 1)
        #expect(errors.first?.location.file == "Content/rounds/a.md" && errors.first?.location.line == 4)
        #expect(errors.first?.message.contains("aliases") == true)
    }

    @Test func anAliasThatIsAlreadyAPageOrAnotherAliasIsALocatedError() {
        let site = Self.site([
            "Content/rounds/a.md":
                "---\ntitle: A\ndate: 2022-02-28\naliases: [/rounds/a/, /rounds/b/, /rounds/, /assets/a.html, /old/]\n---\nA.\n",
            "Content/rounds/b.md":
                "---\ntitle: B\ndate: 2022-03-01\naliases: [/old/, /404.html, index.html]\n---\nB.\n",
        ])
        let errors = diagnostics(building: site.url).diagnostics.filter(\.isError).map(\.description)
        #expect(
            errors == [
                "Content/rounds/a.md:4:11: error: the alias /rounds/a/ is the entry's own address",
                "Content/rounds/a.md:4:23: error: the alias /rounds/b/ is already the page of 'b' (Content/rounds/b.md)",
                "Content/rounds/a.md:4:35: error: the alias /rounds/ is already the list page of section 'rounds'",
                "Content/rounds/a.md:4:45: error: the alias /assets/a.html is inside the assets folder",
                "Content/rounds/b.md:4:11: error: the alias /old/ is already an alias of 'a' (Content/rounds/a.md)",
                "Content/rounds/b.md:4:18: error: the alias /404.html is already the 404 page",
                "Content/rounds/b.md:4:29: error: the alias /index.html is already the home page",
            ])
    }

    @Test func aSiteWithAliasesNeedsAnAliasTemplate() {
        let site = Self.site(
            ["Content/rounds/a.md": "---\ntitle: A\ndate: 2022-02-28\naliases: [/old/]\n---\nA.\n"],
            aliasTemplate: false)
        let errors = diagnostics(building: site.url).diagnostics.filter(\.isError)
        #expect(errors.count == 1)
        #expect(errors.first?.location.file == "Templates/alias.mustache", "\(errors)")
        #expect(errors.first?.message.contains("former addresses") == true, "\(errors)")
    }

    // MARK: The redirect pages

    @Test func eachAliasIsAPageThatSendsTheReaderOnAndIsNotInTheSitemap() throws {
        let site = Self.site([
            "Content/rounds/a.md":
                "---\ntitle: Talks in A\ndate: 2022-02-28\naliases: [/rounds/old-a/, /a.html, /2022/talks/a/]\n---\nA.\n"
        ])
        let output = TemporaryFolder()
        let report = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: output.url, gitDates: false))
        #expect(!report.diagnostics.hasErrors)
        for (file, root) in [
            ("rounds/old-a/index.html", "../../"), ("a.html", "./"), ("2022/talks/a/index.html", "../../../"),
        ] {
            let page = try String(contentsOf: output.url.appendingPathComponent(file), encoding: .utf8)
            #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/talks/rounds/a/\">"), "\(file)")
            #expect(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=\(root)rounds/a/\">"), "\(file)")
            #expect(page.contains("<a href=\"\(root)rounds/a/\">Talks in A</a>"), "\(file)")
            #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"), "\(file)")
        }
        let sitemap = try String(contentsOf: output.url.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("https://example.org/talks/rounds/a/"))
        #expect(!sitemap.contains("old-a") && !sitemap.contains("a.html") && !sitemap.contains("2022/talks"))
        // The redirects' links are checked like every other page's.
        let check = SiteChecker.check(Pipeline.Options(siteRoot: site.url, gitDates: false))
        #expect(!check.diagnostics.contains { $0.isError || $0.severity == .warning }, "\(check.diagnostics)")
    }

    @Test func withoutABaseURLTheCanonicalAddressStartsAtTheHostsRoot() throws {
        let site = Self.site([
            "Content/site.yaml": "title: Talks\nsections:\n  - name: rounds\n    dated: true\n  - name: proposals\n",
            "Content/rounds/a.md": "---\ntitle: A\ndate: 2022-02-28\naliases: [/old/]\n---\nA.\n",
        ])
        let output = TemporaryFolder()
        _ = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: output.url, gitDates: false))
        let page = try String(contentsOf: output.url.appendingPathComponent("old/index.html"), encoding: .utf8)
        #expect(page.contains("<link rel=\"canonical\" href=\"/rounds/a/\">"), "\(page)")
    }

    // MARK: A published page that disappears

    static func build(_ session: BuildSession) -> [Diagnostic] {
        let result = session.rebuild(changed: nil)
        #expect(result.succeeded, "\(result.diagnostics)")
        return result.diagnostics.filter { $0.severity == .warning && !$0.message.contains("base-url") }
    }

    static func rename(_ site: TemporaryFolder, _ from: String, _ to: String) throws {
        try FileManager.default.moveItem(
            at: site.url.appendingPathComponent(from), to: site.url.appendingPathComponent(to))
    }

    @Test func aRenamedEntryIsToldItsOldAddressUntilItListsIt() throws {
        let site = Self.site(["Content/rounds/a.md": "---\ntitle: Talks in A\ndate: 2022-02-28\n---\nA.\n"])
        let cache = TemporaryFolder()
        let first = BuildSession(options: Pipeline.Options(siteRoot: site.url, gitDates: false), cacheFolder: cache.url)
        #expect(Self.build(first).isEmpty)
        try first.saveCache()

        // Another process (the next `parley build`) knows what the last one published.
        try Self.rename(site, "Content/rounds/a.md", "Content/rounds/talks-in-a.md")
        let second = BuildSession(
            options: Pipeline.Options(siteRoot: site.url, gitDates: false), cacheFolder: cache.url)
        let warnings = Self.build(second)
        #expect(
            warnings.map(\.description) == [
                "Content/rounds/talks-in-a.md:1:1: warning: this entry was published at /talks/rounds/a/ and is now at /talks/rounds/talks-in-a/; the old address would lead nowhere"
            ])
        #expect(
            warnings.first?.hint
                == "add '/rounds/a/' to its 'aliases' (aliases: [/rounds/a/]), so that links to the old address keep working"
        )
        // Told again until it is done: the old page is still not written.
        try second.saveCache()
        let third = BuildSession(options: Pipeline.Options(siteRoot: site.url, gitDates: false), cacheFolder: cache.url)
        #expect(Self.build(third).count == 1)

        site.write([
            "Content/rounds/talks-in-a.md": "---\ntitle: Talks in A\ndate: 2022-02-28\naliases: [/rounds/a/]\n---\nA.\n"
        ])
        #expect(Self.build(third).isEmpty)
        #expect(
            FileManager.default.fileExists(atPath: site.url.appendingPathComponent("Public/rounds/a/index.html").path))
    }

    @Test func aRemovedEntryIsToldAtItsFileAndADraftIsNot() throws {
        let site = Self.site([
            "Content/rounds/a.md": "---\ntitle: A\ndate: 2022-02-28\n---\nA.\n",
            "Content/rounds/b.md": "---\ntitle: B\ndate: 2022-03-01\n---\nB.\n",
        ])
        let session = BuildSession(options: Pipeline.Options(siteRoot: site.url, gitDates: false))
        #expect(Self.build(session).isEmpty)
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("Content/rounds/a.md"))
        site.write(["Content/rounds/b.md": "---\ntitle: B\ndate: 2022-03-01\ndraft: true\n---\nB.\n"])
        let warnings = Self.build(session)
        #expect(
            warnings.map(\.description) == [
                "Content/rounds/a.md: warning: the entry published at /talks/rounds/a/ ('A') is gone: its file Content/rounds/a.md was removed or renamed"
            ])
        #expect(warnings.first?.hint?.contains("add '/rounds/a/' to that entry's 'aliases'") == true)
    }

    @Test func aSectionWhosePathChangedIsToldOnce() {
        let site = Self.site([
            "Content/rounds/a.md": "---\ntitle: A\ndate: 2022-02-28\n---\nA.\n",
            "Content/rounds/b.md": "---\ntitle: B\ndate: 2022-03-01\n---\nB.\n",
        ])
        let session = BuildSession(options: Pipeline.Options(siteRoot: site.url, gitDates: false))
        #expect(Self.build(session).isEmpty)
        site.write([
            "Content/site.yaml": Self.settings.replacingOccurrences(
                of: "    dated: true\n", with: "    dated: true\n    path: meetings\n") + Fixtures.basicFields
        ])
        let warnings = Self.build(session)
        #expect(
            warnings.map(\.description) == [
                "Content/site.yaml: warning: the 2 entries of the section 'rounds' were published under /talks/rounds/ and are now under /talks/meetings/; their old addresses would lead nowhere"
            ])
        #expect(warnings.first?.hint?.contains("aliases: [/rounds/a/] in Content/rounds/a.md") == true)
    }
}
