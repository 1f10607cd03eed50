import Foundation
import Testing

/// A draft never stays in the output after a build that was not asked for drafts, whatever wrote it there.
@Suite struct DraftTests {
    /// `parley serve --drafts` writes the drafts into `Public/`; the next `parley build` (with the cache of an
    /// earlier build) removes them, and its output is what a fresh build writes.
    @Test(arguments: ["cached", "no-cache"])
    func aDraftThePreviewWroteIsRemovedByTheNextBuild(build: String) throws {
        let site = try OutputFolderTests.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let draft = site.appendingPathComponent("Public/rounds/draft-talks/index.html")
        #expect(!FileManager.default.fileExists(atPath: draft.path))

        let serve = try Background(["serve", "--drafts", "--port", "0"], in: site)
        try #require(Background.until(seconds: 60) { serve.stdout.contains("Serving ") }, "\(serve.stderr)")
        #expect(FileManager.default.fileExists(atPath: draft.path), "the preview shows the draft")
        kill(serve.pid, SIGINT)
        #expect(serve.wait(seconds: 20))

        let next = try CLITests.parley(build == "cached" ? ["build"] : ["build", "--no-cache"], in: site)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(!FileManager.default.fileExists(atPath: draft.path), "the draft's page was left in Public/")
        let manifest = try String(contentsOf: site.appendingPathComponent("Public/.parley-output"), encoding: .utf8)
        #expect(!manifest.contains("draft-talks"))
        // The build after it has nothing to do, and the output is what a fresh build writes.
        let again = try CLITests.parley("build", in: site)
        #expect(again.text.contains("0 files written"), "\(again.text)")
        #expect(
            OutputFolderTests.snapshot(site.appendingPathComponent("Public")) == (try OutputFolderTests.reference(site))
        )
    }
}
