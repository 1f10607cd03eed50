import Foundation
import Testing

/// `parley new`: a site that builds and checks at once, and a refusal to write into a folder with files.
@Suite struct NewCommandTests {
    @Test func aNewSiteBuildsAndChecksCleanAtOnce() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("parley-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let created = try CLITests.parley("new", "my-site", in: parent)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.text.contains("Next: cd my-site && parley serve"))
        let site = parent.appendingPathComponent("my-site")
        for path in [
            "Content/site.yaml", "Content/bibliography.yaml", "Content/events/first-event.md",
            "Templates/entry.mustache", "Templates/assets/style.css", ".gitignore",
        ] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), "\(path)")
        }
        let build = try CLITests.parley("build", in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.isEmpty, "no warnings: \(build.stderr)")
        let check = try CLITests.parley("check", "--strict", in: site)
        #expect(check.status == 0, "\(check.stderr)\(check.text)")
        let entry = try String(
            contentsOf: site.appendingPathComponent("Public/events/first-event/index.html"), encoding: .utf8)
        #expect(entry.contains("<dd>A <em>first</em> result</dd>"))
        #expect(entry.contains("Lovelace") || entry.contains("Ada Lovelace"))

        // A folder with anything in it is refused, and left as it was.
        let again = try CLITests.parley("new", "my-site", in: parent)
        #expect(again.status == 1)
        #expect(again.stderr.contains("is not empty"), "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/index.html").path))
    }

    /// One source cited 703 times in one entry: its note's back-links run past `zz` to `aaa` (they trapped there).
    @Test func aSourceCitedPastTheLastTwoLetterBacklinkBuilds() throws {
        let parent = try Self.starterSite(settings: "")
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        let body = (1...703).map { "Said \($0) [@example2024]." }.joined(separator: " ")
        try "---\ntitle: Many citations\ndate: 2024-03\nsummary: One source cited many times.\n---\n\(body)\n"
            .write(to: site.appendingPathComponent("Content/events/many.md"), atomically: true, encoding: .utf8)
        let build = try CLITests.parley("build", in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let page = try String(contentsOf: site.appendingPathComponent("Public/events/many/index.html"), encoding: .utf8)
        for label in [">a<", ">zz<", ">aaa<"] { #expect(page.contains(label), "\(label)") }
    }

    /// A new folder holding `site/`, made by `parley new`, with `settings` added to its `site.yaml`.
    static func starterSite(settings more: String) throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("parley-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        #expect(try CLITests.parley("new", "site", in: parent).status == 0)
        let settings = parent.appendingPathComponent("site/Content/site.yaml")
        try (try String(contentsOf: settings, encoding: .utf8) + more).write(
            to: settings, atomically: true, encoding: .utf8)
        return parent
    }

    /// With `search: true`, `parley build` has Pagefind index the written entries (the real one when
    /// `PARLEY_PAGEFIND` names it, as `make test` does), keeps the index across whole builds, and without the
    /// program still builds, saying what to install.
    @Test func searchIsIndexedAfterTheBuildAndItsAbsenceIsAWarning() throws {
        let parent = try Self.starterSite(settings: "search: true\n")
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        var pagefind = ProcessInfo.processInfo.environment["PARLEY_PAGEFIND"] ?? ""
        if !FileManager.default.isExecutableFile(atPath: pagefind) {
            // A stand-in that writes what Pagefind writes, when the real one is not installed.
            pagefind = parent.appendingPathComponent("pagefind").path
            try Data(
                "#!/bin/sh\nmkdir -p \"$4\" && printf '{\"languages\":{\"en\":{\"page_count\":1}}}' > \"$4/pagefind-entry.json\"\n"
                    .utf8
            )
            .write(to: URL(fileURLWithPath: pagefind))
            chmod(pagefind, 0o755)
        }
        let build = try CLITests.parley("build", in: site, environment: ["PARLEY_PAGEFIND": pagefind])
        #expect(build.status == 0 && build.stderr.isEmpty, "\(build.stderr)")
        #expect(build.text.contains("; 1 page in the search index) in "), "\(build.text)")
        let index = site.appendingPathComponent("Public/pagefind/pagefind-entry.json")
        #expect(FileManager.default.fileExists(atPath: index.path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/search/index.html").path))
        let check = try CLITests.parley("check", "--strict", in: site)
        #expect(check.status == 0, "\(check.stderr)\(check.text)")

        // A whole build keeps the index (Parley did not write it); without Pagefind the build still succeeds.
        let whole = try CLITests.parley(
            "build", "--no-cache", in: site, environment: ["PARLEY_PAGEFIND": "/nonexistent/pagefind"])
        #expect(whole.status == 0)
        #expect(
            whole.stderr.contains("warning: search is on in site.yaml, but Pagefind is not installed"),
            "\(whole.stderr)")
        #expect(FileManager.default.fileExists(atPath: index.path))
    }

    /// The starter's templates show a long list's pages: a pager, `rel=prev/next` links, the current page marked;
    /// explanatory notes; and a redirect from an entry's former address.
    @Test func theStartersTemplatesShowPagesNotesAndRedirects() throws {
        let parent = try Self.starterSite(settings: "page-size: 1\n")
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try Data(
            "---\ntitle: The second event\ndate: 2024-05-02\naliases: [/events/second/]\n---\nIt followed[^why].^[An inline note [@example2024].]\n\n[^why]: A note.\n"
                .utf8
        )
        .write(to: site.appendingPathComponent("Content/events/second-event.md"))
        let build = try CLITests.parley("build", in: site)
        #expect(build.status == 0 && build.stderr.isEmpty, "\(build.stderr)")
        let check = try CLITests.parley("check", "--strict", in: site)
        #expect(check.status == 0, "\(check.stderr)\(check.text)")
        let first = try String(contentsOf: site.appendingPathComponent("Public/events/index.html"), encoding: .utf8)
        let second = try String(
            contentsOf: site.appendingPathComponent("Public/events/page/2/index.html"), encoding: .utf8)
        #expect(
            first.contains("<link rel=\"next\" href=\"../events/page/2/\">") && !first.contains("rel=\"prev\""),
            "\(first)")
        #expect(second.contains("<link rel=\"prev\" href=\"../../../events/\">"), "\(second)")
        #expect(
            second.contains("<a aria-current=\"page\">2</a>") && second.contains("The second event")
                && !second.contains("The first event"))
        let entry = try String(
            contentsOf: site.appendingPathComponent("Public/events/second-event/index.html"), encoding: .utf8)
        #expect(entry.contains("<h2 id=\"notes-title\">Notes</h2>") && entry.contains("<li id=\"fn-2\">"), "\(entry)")
        let redirect = try String(
            contentsOf: site.appendingPathComponent("Public/events/second/index.html"), encoding: .utf8)
        #expect(redirect.contains("url=../../events/second-event/"))
    }
}
