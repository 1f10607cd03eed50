import Foundation
import Testing
@testable import ParleyKit

/// A rebuild of a ``BuildSession`` after each kind of edit writes exactly the bytes of a whole build of the same
/// files, renders only what the edit affects, and keeps the last good output when the edit breaks the site.
@Suite struct BuildSessionTests {
    /// One editor's action on the site, and the paths a watcher would report for it.
    struct Edit: CustomStringConvertible, Sendable {
        var description: String
        var apply: @Sendable (TemporaryFolder) -> Set<String>
    }

    static func append(_ path: String, _ text: String) -> @Sendable (TemporaryFolder) -> Set<String> {
        { site in
            let url = site.url.appendingPathComponent(path)
            let old = try! String(contentsOf: url, encoding: .utf8)
            try! (old + text).write(to: url, atomically: true, encoding: .utf8)
            return [path]
        }
    }

    static func replace(_ path: String, _ old: String, _ new: String) -> @Sendable (TemporaryFolder) -> Set<String> {
        { site in
            let url = site.url.appendingPathComponent(path)
            let text = try! String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old), "the fixture no longer has '\(old)' in \(path)")
            try! text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
            return [path]
        }
    }

    static let edits: [Edit] = [
        Edit(description: "body", apply: append("Content/rounds/beta-talks.md", "\nA new paragraph.\n")),
        Edit(
            description: "title",
            apply: replace("Content/rounds/beta-talks.md", "title: Beta talks", "title: Second talks")),
        Edit(
            description: "date that moves the entry",
            apply: replace("Content/rounds/beta-talks.md", "date: 2022-03", "date: 2023-01-05")),
        Edit(
            description: "subjects",
            apply: replace("Content/rounds/beta-talks.md", "topics: [Ceasefire]", "topics: [Ceasefire, Prisoners]")),
        Edit(
            description: "new entry",
            apply: { site in
                site.write([
                    "Content/rounds/zeta-talks.md": """
                    ---
                    title: Zeta talks
                    date: 2024-06-01
                    people: [Volodymyr Zelensky]
                    ---
                    After [[beta-talks]], a report [@doe2022] and [another source](../proposals/plan.md).

                    """
                ])
                return ["Content/rounds/zeta-talks.md"]
            }),
        Edit(
            description: "citation added",
            apply: append("Content/proposals/plan.md", "\nCited at last [@unused2020].\n")),
        Edit(
            description: "partial template",
            apply: replace("Templates/partials/nav.mustache", "<nav>", "<nav class=\"site\">")),
        Edit(
            description: "bibliography",
            apply: replace("Content/bibliography.yaml", "title: Talks begin", "title: Talks began")),
        Edit(
            description: "Parley's words reworded in a strings file",
            apply: { site in
                // The sources are formatted with them: a source formatted before must not be kept.
                site.write(["Templates/strings/en.yaml": "source-retrieved: Accessed {}\n"])
                return ["Templates/strings/en.yaml"]
            }),
        Edit(description: "asset", apply: append("Templates/assets/site.css", "\nbody { margin: 0 }\n")),
        Edit(
            description: "entry deleted",
            apply: { site in
                try! FileManager.default.removeItem(at: site.url.appendingPathComponent("Content/rounds/zeta-talks.md"))
                return ["Content/rounds/zeta-talks.md"]
            }),
        Edit(description: "settings", apply: replace("Content/site.yaml", "title: ", "title: The ")),
        Edit(
            description: "last-updated date",
            apply: replace("Content/rounds/epsilon-talks.md", "updated: 2024-05-01", "updated: 2024-07-09")),
        Edit(
            description: "base URL with a path",
            apply: replace(
                "Content/site.yaml", "base-url: https://example.org/talks", "base-url: https://example.org/peace-talks/"
            )),
        Edit(description: "feed limit", apply: append("Content/site.yaml", "feed-limit: 2\n")),
        Edit(description: "lists split over pages", apply: append("Content/site.yaml", "page-size: 2\n")),
        Edit(
            description: "an entry that moves every later page",
            apply: { site in
                site.write([
                    "Content/rounds/aardvark-talks.md":
                        "---\ntitle: Aardvark talks\ndate: 2021-01-01\ntopics: [Ceasefire]\n---\nFirst [@doe2022].\n"
                ])
                return ["Content/rounds/aardvark-talks.md"]
            }),
        Edit(
            description: "saved by an editor's temporary file",
            apply: { site in
                site.write(["Content/rounds/.beta-talks.md.swp": "swap"])
                return append("Content/rounds/beta-talks.md", "\nOne more.\n")(site).union([
                    "Content/rounds/.beta-talks.md.swp", "Content/rounds/4913",
                ])
            }),
        Edit(
            description: "unknown change",
            apply: { site in
                _ = append("Content/rounds/alpha-talks.md", "\nAnd another.\n")(site)
                return []  // nothing reported: see `rebuild(changed: nil)` below
            }),
    ]

    @Test func everyRebuildWritesWhatAWholeBuildWrites() throws {
        let site = TemporaryFolder()
        site.copy(from: Fixtures.basicSite)
        try? FileManager.default.removeItem(at: site.url.appendingPathComponent("Expected"))
        let session = BuildSession(options: Pipeline.Options(siteRoot: site.url))
        let first = session.rebuild(changed: nil)
        #expect(first.succeeded, "\(first.diagnostics)")
        #expect(first.pagesRendered == first.pages)

        for edit in Self.edits {
            let changed = edit.apply(site)
            let result = session.rebuild(changed: changed.isEmpty ? nil : changed)
            #expect(result.succeeded, "\(edit): \(result.diagnostics)")
            let whole = TemporaryFolder()
            let report = try Pipeline.build(
                Pipeline.Options(siteRoot: site.url, output: whole.url.appendingPathComponent("Public")))
            #expect(result.pages == report.pagesRendered, "\(edit)")
            let incremental = Snapshot.take(site.url.appendingPathComponent("Public"))
            let full = Snapshot.take(whole.url.appendingPathComponent("Public"))
            #expect(incremental.keys.sorted() == full.keys.sorted(), "\(edit): the same files")
            for (path, bytes) in full where incremental[path] != bytes {
                Issue.record("\(edit): \(path) differs from a whole build's")
            }
        }
    }

    /// The home page shows the body of the entry `home` names, so an edit to that body alone rebuilds the home
    /// page too (the rebuild of one body would leave it stale).
    @Test func anEditToTheHomeEntrysBodyReachesTheHomePage() throws {
        let site = TemporaryFolder()
        site.copy(from: Fixtures.basicSite)
        try? FileManager.default.removeItem(at: site.url.appendingPathComponent("Expected"))
        _ = Self.replace("Content/site.yaml", "sections:", "home: about\nsections:")(site)
        site.write([
            "Templates/home.mustache":
                "{{<base}}{{$main}}{{#overview}}<div class=\"overview\">{{{body}}}</div>{{/overview}}{{/main}}{{/base}}\n"
        ])
        let session = BuildSession(options: Pipeline.Options(siteRoot: site.url))
        #expect(session.rebuild(changed: nil).succeeded)
        let changed = Self.append("Content/pages/about.md", "\nA sentence only the home page and this page show.\n")(
            site)
        #expect(session.rebuild(changed: changed).succeeded)
        let home = try String(contentsOf: site.url.appendingPathComponent("Public/index.html"), encoding: .utf8)
        #expect(home.contains("A sentence only the home page and this page show."))
    }

    @Test func aBodyEditRendersOnlyThatEntrysPage() {
        let site = TemporaryFolder()
        site.copy(from: Fixtures.basicSite)
        let session = BuildSession(options: Pipeline.Options(siteRoot: site.url))
        #expect(session.rebuild(changed: nil).succeeded)
        let changed = Self.append("Content/rounds/gamma-talks.md", "\nA new paragraph.\n")(site)
        let result = session.rebuild(changed: changed)
        #expect(result.succeeded)
        #expect(!result.fullLoad)
        #expect(result.entriesParsed == 1)
        #expect(result.pagesRendered == 1)
        #expect(result.filesWritten == 1)
        // Nothing changed: nothing rendered, nothing written.
        let again = session.rebuild(changed: changed)
        #expect(again.pagesRendered == 0 && again.filesWritten == 0 && again.entriesParsed == 0)
    }

    @Test func aBrokenEditKeepsTheLastGoodOutputAndTheFixIsWritten() throws {
        let site = TemporaryFolder()
        site.copy(from: Fixtures.basicSite)
        let session = BuildSession(options: Pipeline.Options(siteRoot: site.url))
        #expect(session.rebuild(changed: nil).succeeded)
        let before = Snapshot.take(site.url.appendingPathComponent("Public"))

        let broken = Self.append("Content/rounds/gamma-talks.md", "\nA claim [@nobody2022].\n")(site)
        let failed = session.rebuild(changed: broken)
        #expect(!failed.succeeded)
        #expect(
            failed.diagnostics.contains {
                $0.isError && $0.location.file == "Content/rounds/gamma-talks.md" && $0.location.line != nil
            })
        #expect(Snapshot.take(site.url.appendingPathComponent("Public")) == before)

        let fixed = Self.replace("Content/rounds/gamma-talks.md", "[@nobody2022]", "[@doe2022]")(site)
        #expect(session.rebuild(changed: fixed).succeeded)
        let whole = TemporaryFolder()
        _ = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: whole.url.appendingPathComponent("Public")))
        #expect(
            Snapshot.take(site.url.appendingPathComponent("Public"))
                == Snapshot.take(whole.url.appendingPathComponent("Public")))
    }

    @Test func theFirstBuildMayFailAndALaterOneWritesEverything() {
        let site = TemporaryFolder()
        site.copy(from: Fixtures.basicSite)
        let changed = Self.append("Content/rounds/gamma-talks.md", "\nA claim [@nobody2022].\n")(site)
        let session = BuildSession(options: Pipeline.Options(siteRoot: site.url))
        #expect(!session.rebuild(changed: nil).succeeded)
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("Public").path))
        _ = Self.replace("Content/rounds/gamma-talks.md", "[@nobody2022]", "[@doe2022]")(site)
        let result = session.rebuild(changed: changed)
        #expect(result.succeeded)
        #expect(result.pagesRendered == result.pages)
        #expect(FileManager.default.fileExists(atPath: site.url.appendingPathComponent("Public/index.html").path))
    }
}
