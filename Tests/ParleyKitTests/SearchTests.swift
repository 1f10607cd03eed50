import Foundation
import Testing
@testable import ParleyKit

/// `search: true`: a search page, and the index Pagefind makes from the written pages.
@Suite struct SearchTests {
    /// A stand-in for Pagefind that writes an index of `pages` pages where it is told, or fails.
    static func fakePagefind(pages: Int = 3, fails: Bool = false) -> TemporaryFolder {
        let folder = TemporaryFolder()
        let script = """
            #!/bin/sh
            # Arguments as Parley passes them: --site SITE --output-path OUT …
            [ "$1" = --site ] && [ "$3" = --output-path ] || exit 3
            echo "$@" > "$(dirname "$0")/arguments"
            \(fails ? "echo 'Error: no pages' >&2; exit 1" : "")
            mkdir -p "$4" && printf '{"version":"1.5.2","languages":{"en":{"hash":"x","wasm":"en","page_count":\(pages)}}}' > "$4/pagefind-entry.json"
            """
        folder.write(["pagefind": script])
        chmod(folder.url.appendingPathComponent("pagefind").path, 0o755)
        return folder
    }

    @Test func theIndexTakesTheOldOnesPlaceOnlyWhenItIsWhole() throws {
        let output = TemporaryFolder()
        let goodFolder = Self.fakePagefind(pages: 3), badFolder = Self.fakePagefind(fails: true),
            fiveFolder = Self.fakePagefind(pages: 5)
        let good = goodFolder.url.appendingPathComponent("pagefind")
        #expect(try SearchIndex.build(output: output.url, program: good, language: "en-GB") == 3)
        #expect(SearchIndex.exists(in: output.url))
        let arguments = try String(contentsOf: goodFolder.url.appendingPathComponent("arguments"), encoding: .utf8)
        #expect(
            arguments.contains("--force-language en") && arguments.contains("--exclude-selectors sup.reference"),
            "\(arguments)")

        // A failed run keeps the last index and says why.
        let bad = badFolder.url.appendingPathComponent("pagefind")
        #expect(throws: SearchIndex.Failure.self) {
            try SearchIndex.build(output: output.url, program: bad, language: "en")
        }
        #expect(SearchIndex.pageCount(output.url.appendingPathComponent("pagefind")) == 3)
        #expect(!FileManager.default.fileExists(atPath: output.url.appendingPathComponent("pagefind.new").path))

        #expect(
            try SearchIndex.build(
                output: output.url, program: fiveFolder.url.appendingPathComponent("pagefind"), language: "en") == 5)
        #expect(Snapshot.files(in: output.url).sorted() == ["pagefind/pagefind-entry.json"])
    }

    @Test func aFolderPagefindDidNotMakeIsNeverReplaced() throws {
        let output = TemporaryFolder()
        output.write(["pagefind/mine.txt": "kept"])
        let fake = Self.fakePagefind()
        let program = fake.url.appendingPathComponent("pagefind")
        #expect(throws: SearchIndex.Failure.self) {
            try SearchIndex.build(output: output.url, program: program, language: "en")
        }
        #expect(Snapshot.files(in: output.url) == ["pagefind/mine.txt"])
    }

    @Test func theProgramIsNamedByTheEnvironmentOrFoundOnThePath() {
        let folder = Self.fakePagefind()
        let path = folder.url.appendingPathComponent("pagefind").path
        #expect(SearchIndex.program(environment: ["PARLEY_PAGEFIND": path])?.path == path)
        #expect(
            SearchIndex.program(environment: ["PARLEY_PAGEFIND": "/nonexistent/pagefind", "PATH": folder.url.path])
                == nil)
        #expect(SearchIndex.program(environment: ["PATH": "/nonexistent:" + folder.url.path])?.path == path)
        #expect(SearchIndex.program(environment: ["PATH": "/nonexistent"]) == nil)
    }

    static let settings =
        "title: Talks\nbase-url: https://example.org/\nsearch: true\nsections:\n  - name: rounds\n    dated: true\n"

    @Test func aSiteWithSearchHasASearchPageAndItsTemplateIsRequired() throws {
        let site = miniSite([
            "Content/site.yaml": Self.settings,
            "Content/rounds/a.md": "---\ntitle: A\ndate: 2022-02-28\n---\nA.\n",
        ])
        let missing = diagnostics(building: site.url).diagnostics.filter(\.isError)
        #expect(missing.count == 1 && missing.first?.location.file == "Templates/search.mustache", "\(missing)")
        #expect(missing.first?.message.contains("the search page (site.yaml has 'search: true')") == true)

        site.write([
            "Templates/search.mustache":
                "<h1>{{page.title}}</h1>{{#site.search}}<a href=\"{{root}}{{url}}\">search</a>{{/site.search}}<script src=\"{{root}}{{index}}pagefind-ui.js\"></script>\n"
        ])
        let output = TemporaryFolder()
        _ = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: output.url, gitDates: false))
        let page = try String(contentsOf: output.url.appendingPathComponent("search/index.html"), encoding: .utf8)
        #expect(
            page
                == "<h1>Search</h1><a href=\"../search/\">search</a><script src=\"../pagefind/pagefind-ui.js\"></script>\n"
        )
        // The index is made after the build: links into it are not the check's to follow.
        let check = SiteChecker.check(Pipeline.Options(siteRoot: site.url, gitDates: false))
        #expect(!check.diagnostics.contains { $0.isError }, "\(check.diagnostics)")
    }

    @Test func anEntryCannotTakeTheSearchPagesAddress() {
        let site = miniSite([
            "Content/site.yaml": Self.settings + "  - name: pages\n    path: \"\"\n    listed: false\n",
            "Content/rounds/a.md": "---\ntitle: A\ndate: 2022-02-28\n---\nA.\n",
            "Content/pages/search.md": "---\ntitle: Search\n---\nMine.\n",
            "Templates/search.mustache": "search\n",
        ])
        let errors = diagnostics(building: site.url).diagnostics.filter(\.isError).map(\.description)
        #expect(errors == ["Content/pages/search.md: error: the entry's URL /search/ is already the search page"])
    }
}
