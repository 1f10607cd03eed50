import Foundation
import Testing
@testable import ParleyKit

/// `parley build` with its cache: each build is a new process (a new session reading the cache), and its output
/// must still be byte for byte a whole build's, with only the changed files written.
@Suite struct BuildCacheTests {
    static func copyOfFixture() -> TemporaryFolder {
        let site = TemporaryFolder()
        site.copy(from: Fixtures.basicSite)
        try? FileManager.default.removeItem(at: site.url.appendingPathComponent("Expected"))
        return site
    }

    /// A build as the command runs it: a new session with the site's cache, then the cache saved.
    static func build(_ site: TemporaryFolder) throws -> BuildSession.Result {
        let session = BuildSession(
            options: Pipeline.Options(siteRoot: site.url),
            cacheFolder: site.url.appendingPathComponent(BuildSession.cacheFolderName))
        let result = session.rebuild(changed: nil)
        if result.succeeded { try session.saveCache() }
        return result
    }

    static func wholeBuild(of site: TemporaryFolder) throws -> [String: Data] {
        let whole = TemporaryFolder()
        _ = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: whole.url.appendingPathComponent("Public")))
        return Snapshot.take(whole.url.appendingPathComponent("Public")).filter { !$0.key.hasPrefix(".") }
    }

    static func modificationDates(_ folder: URL) -> [String: Date] {
        var dates: [String: Date] = [:]
        for path in Snapshot.files(in: folder) {
            dates[path] =
                try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[
                    .modificationDate] as? Date
        }
        return dates
    }

    @Test func everyCachedBuildWritesWhatAWholeBuildWrites() throws {
        let site = Self.copyOfFixture()
        let first = try Self.build(site)
        #expect(first.succeeded && first.pagesRendered == first.pages)
        let renamed = BuildSessionTests.Edit(
            description: "entry renamed",
            apply: { site in
                try! FileManager.default.moveItem(
                    at: site.url.appendingPathComponent("Content/proposals/plan.md"),
                    to: site.url.appendingPathComponent("Content/proposals/peace-plan.md"))
                for path in Snapshot.files(in: site.url.appendingPathComponent("Content")) where path.hasSuffix(".md") {
                    let url = site.url.appendingPathComponent("Content/" + path)
                    let text = try! String(contentsOf: url, encoding: .utf8)
                    try! text.replacingOccurrences(of: "[[plan]]", with: "[[peace-plan]]").replacingOccurrences(
                        of: "plan.md", with: "peace-plan.md"
                    )
                    .replacingOccurrences(of: "beta-talks, plan]", with: "beta-talks, peace-plan]")
                    .write(to: url, atomically: true, encoding: .utf8)
                }
                return []
            })
        for edit in BuildSessionTests.edits + [renamed] {
            _ = edit.apply(site)
            let result = try Self.build(site)
            #expect(result.succeeded, "\(edit): \(result.diagnostics)")
            #expect(
                result.pagesRendered < result.pages || edit.description == "settings",
                "\(edit): a cached build renders only what changed")
            let output = Snapshot.take(site.url.appendingPathComponent("Public"))
            let whole = try Self.wholeBuild(of: site)
            #expect(
                output.keys.filter { !$0.hasPrefix(".") }.sorted() == whole.keys.filter { !$0.hasPrefix(".") }.sorted(),
                "\(edit): the same files")
            for (path, bytes) in whole where output[path] != bytes {
                Issue.record("\(edit): \(path) differs from a whole build's")
            }
        }
    }

    /// A build in a new process knows what the last one wrote from its cache: when an entry changed in its body
    /// alone and nothing else in the site did, only that entry's page is planned (its values made and keyed);
    /// any other change plans every page again.
    @Test func aBodyEditInANewProcessPlansOnlyThatEntrysPage() throws {
        let site = Self.copyOfFixture()
        _ = try Self.build(site)
        _ = BuildSessionTests.append("Content/rounds/gamma-talks.md", "\nA new paragraph.\n")(site)
        let body = try Self.build(site)
        #expect(body.succeeded && body.pagesPlanned == 1 && body.pagesRendered == 1 && body.filesWritten == 1)
        #expect(body.entriesParsed == 1)

        // Twice in a row: the second build's cache holds the first's key of the site.
        _ = BuildSessionTests.append("Content/rounds/gamma-talks.md", "\nAnother paragraph.\n")(site)
        #expect(try Self.build(site).pagesPlanned == 1)

        // A heading is shown in the page's contents and may be linked to: every page is planned.
        _ = BuildSessionTests.append("Content/rounds/gamma-talks.md", "\n## A new heading\n")(site)
        let heading = try Self.build(site)
        #expect(heading.pagesPlanned == heading.pages)

        // A template is outside the entries: every page is planned, though only one entry changed.
        _ = BuildSessionTests.append("Templates/entry.mustache", "\n")(site)
        _ = BuildSessionTests.append("Content/rounds/gamma-talks.md", "\nA third paragraph.\n")(site)
        let template = try Self.build(site)
        #expect(template.pagesPlanned == template.pages)
        #expect(
            Snapshot.take(site.url.appendingPathComponent("Public")).filter { !$0.key.hasPrefix(".") }
                == (try Self.wholeBuild(of: site)))
    }

    @Test func onlyChangedFilesAreWrittenAndStaleOnesRemoved() throws {
        let site = Self.copyOfFixture()
        _ = try Self.build(site)
        let output = site.url.appendingPathComponent("Public")
        let before = Self.modificationDates(output)
        Thread.sleep(forTimeInterval: 0.05)

        let unchanged = try Self.build(site)
        #expect(unchanged.pagesRendered == 0 && unchanged.filesWritten == 0 && unchanged.filesRemoved == 0)
        #expect(Self.modificationDates(output) == before)

        _ = BuildSessionTests.append("Content/rounds/gamma-talks.md", "\nA new paragraph.\n")(site)
        let edited = try Self.build(site)
        #expect(edited.filesWritten == 1)
        let after = Self.modificationDates(output)
        let rewritten = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(rewritten == ["rounds/gamma-talks/index.html"])

        try FileManager.default.removeItem(at: site.url.appendingPathComponent("Content/rounds/gamma-talks.md"))
        for path in Snapshot.files(in: site.url.appendingPathComponent("Content")) where path.hasSuffix(".md") {
            let url = site.url.appendingPathComponent("Content/" + path)
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "[[gamma-talks]]", with: "gamma talks").write(
                to: url, atomically: true, encoding: .utf8)
        }
        let deleted = try Self.build(site)
        #expect(deleted.succeeded, "\(deleted.diagnostics)")
        #expect(deleted.filesRemoved >= 1)
        #expect(
            !FileManager.default.fileExists(atPath: output.appendingPathComponent("rounds/gamma-talks").path),
            "the page of a deleted entry is removed, with its folder")
        #expect(Snapshot.take(output).filter { !$0.key.hasPrefix(".") } == (try Self.wholeBuild(of: site)))
    }

    @Test func aCorruptOrForeignCacheMeansAWholeBuild() throws {
        let site = Self.copyOfFixture()
        _ = try Self.build(site)
        let file = site.url.appendingPathComponent(BuildSession.cacheFolderName + "/" + BuildSession.cacheFileName)
        let good = try String(contentsOf: file, encoding: .utf8)
        #expect(
            good.hasPrefix("parley-build-cache 5 parley=\(Parley.build) ")
                && Parley.build.hasPrefix(Parley.version + "+"))

        for corrupt in [
            "garbage", String(good.dropLast(10)), good.replacingOccurrences(of: "page ", with: "page zz"),
            good.replacingOccurrences(of: "parley=\(Parley.build)", with: "parley=\(Parley.version)+another-build"),
        ] {
            try corrupt.write(to: file, atomically: true, encoding: .utf8)
            // A lie about a page's bytes would leave a stale page; with a sound header it must still not be trusted
            // beyond what it says: here the cache is unreadable, so everything is rendered again.
            let result = try Self.build(site)
            #expect(result.succeeded)
            #expect(result.pagesRendered == result.pages, "a corrupt cache is ignored: \(corrupt.prefix(40))")
        }
        // A page removed from the output by hand is written again.
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("Public/timeline/index.html"))
        let repaired = try Self.build(site)
        #expect(repaired.pagesRendered == 1)
        #expect(
            FileManager.default.fileExists(atPath: site.url.appendingPathComponent("Public/timeline/index.html").path))
    }
}

/// Two builds of the same files give the same bytes, whatever the order the files are read in.
@Suite struct DeterminismTests {
    @Test func twoBuildsAreIdenticalToTheByte() throws {
        let a = TemporaryFolder(), b = TemporaryFolder()
        _ = try Pipeline.build(
            Pipeline.Options(siteRoot: Fixtures.basicSite, output: a.url.appendingPathComponent("Public")))
        _ = try Pipeline.build(
            Pipeline.Options(siteRoot: Fixtures.basicSite, output: b.url.appendingPathComponent("Public")))
        let first = Snapshot.take(a.url.appendingPathComponent("Public"))
        #expect(!first.isEmpty)
        #expect(first == Snapshot.take(b.url.appendingPathComponent("Public")))
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func theOrderFilesAreReadInDoesNotMatter(seed: UInt64) throws {
        let (loaded, _) = SiteLoader.load(root: Fixtures.basicSite)
        let site = try #require(loaded)
        func render(_ site: LoadedSite) -> [String: String] {
            let (parsed, _) = SiteParser.parse(site)
            let (templates, templateProblems) = TemplateParser.compile(site, for: parsed)
            let (resolved, problems) = SiteResolver.resolve(parsed)
            #expect(!(problems + templateProblems).hasErrors)
            return Dictionary(
                uniqueKeysWithValues: SiteRenderer.render(resolved, templates: templates).pages.map {
                    ($0.path, $0.contents)
                })
        }
        var generator = SeededGenerator(seed: seed)
        var shuffled = site
        shuffled.entries.shuffle(using: &generator)
        shuffled.templates.shuffle(using: &generator)
        shuffled.assets.shuffle(using: &generator)
        #expect(shuffled.entries.map(\.slug) != site.entries.map(\.slug) || site.entries.count < 2)
        #expect(render(shuffled) == render(site))
    }
}

/// A small deterministic random number generator (SplitMix64), so a failing order can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The per-entry work runs on all cores; the output must not show it.
@Suite struct ParallelismTests {
    /// A site of `count` entries that link to, cite and name the same things, from the fixture's settings,
    /// templates and sources.
    static func site(entries count: Int) -> TemporaryFolder {
        var files: [String: String] = [:]
        for index in 0..<count {
            let day = String(format: "2022-%02d-%02d", 1 + index % 12, 1 + index % 28)
            files["Content/rounds/round-\(index).md"] = """
                ---
                title: Round \(index)
                date: \(day)
                people: [Person \(index % 7), Volodymyr Zelensky]
                places: [Place \(index % 5)]
                topics: [Topic \(index % 3)]
                ---
                Text of round \(index) [@doe2022, p. \(index)], after [[round-\((index + 1) % count)]].

                ## Outcome

                See [[round-\((index + 2) % count)#outcome]] and [@{agency/report}].

                """
        }
        files["Content/bibliography.yaml"] = try! String(
            contentsOf: Fixtures.basicSite.appendingPathComponent("Content/bibliography.yaml"), encoding: .utf8)
        files["Content/pages/about.md"] = "---\ntitle: About\n---\nAbout [@unused2020].\n"
        return miniSite(files)
    }

    static func render(_ root: URL) throws -> [String: String] {
        let (site, _) = try Pipeline.renderSite(Pipeline.Options(siteRoot: root, gitDates: false))
        return Dictionary(uniqueKeysWithValues: site.pages.map { ($0.path, $0.contents) })
    }

    @Test func aParallelBuildWritesWhatASerialBuildWrites() throws {
        let site = Self.site(entries: 300)
        let parallel = try Self.render(site.url)
        let serial = try Parallelism.$serial.withValue(true) { try Self.render(site.url) }
        #expect(parallel.count > 300)
        #expect(parallel == serial)
        #expect(try Self.render(site.url) == parallel, "and two parallel builds agree")
    }
}
