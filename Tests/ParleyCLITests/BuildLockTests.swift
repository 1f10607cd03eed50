import Foundation
import Testing

/// One process at a time writes an output folder: a second build waits for the first, naming it; a build is
/// refused while `parley serve` writes the folder; two builds started at once leave one build's output whole.
@Suite(.serialized) struct BuildLockTests {
    @Test func aSecondBuildWaitsForTheFirstAndSaysSo() throws {
        let (parent, site) = try PagefindTests.site()
        defer { PagefindTests.cleanUp(parent) }
        // The first build holds the lock while its (slow) Pagefind runs.
        let pagefind = try PagefindTests.fake("sleep 3\n" + PagefindTests.writesIndex(pages: 1), in: parent)
        let first = try Background(["build"], in: site, environment: ["PARLEY_PAGEFIND": pagefind.path])
        try #require(Background.until(seconds: 30) { !PagefindTests.pids(in: parent).isEmpty }, "\(first.stderr)")
        let second = try CLITests.parley("build", in: site, environment: ["PARLEY_PAGEFIND": "/nonexistent/pagefind"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stderr.contains("waiting for parley build (process \(first.pid)) to finish with Public/\n"),
            "\(second.stderr)")
        #expect(!first.process.isRunning, "the second build ran while the first was still running")
        #expect(first.wait(seconds: 10) && first.process.terminationStatus == 0)
        // The lock file is removed by the last process that held it.
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".Public.parley-lock").path))
    }

    @Test func aBuildIsRefusedWhileTheOutputIsServed() throws {
        let site = try OutputFolderTests.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let serve = try Background(["serve", "--port", "0"], in: site)
        try #require(Background.until(seconds: 60) { serve.stdout.contains("Serving ") }, "\(serve.stderr)")
        let build = try CLITests.parley("build", in: site)
        #expect(build.status == 1)
        #expect(
            build.stderr.contains(
                "error: Public/ is being served by parley serve (process \(serve.pid)); stop it before building into it, or name another folder with --output"
            ), "\(build.stderr)")
        let other = try CLITests.parley("serve", "--port", "0", in: site)
        #expect(other.status == 1)
        #expect(
            other.stderr.contains(
                "error: Public/ is being served by parley serve (process \(serve.pid)); stop it before serving it again, or name another folder with --output"
            ), "\(other.stderr)")
        // Another output folder is free.
        #expect(try CLITests.parley("build", "--output", "Elsewhere", in: site).status == 0)
        kill(serve.pid, SIGINT)
        #expect(serve.wait(seconds: 20))
        #expect(try CLITests.parley("build", in: site).status == 0)
    }

    /// A site large enough for two builds to overlap.
    static func largeSite(entries: Int) throws -> URL {
        let site = try OutputFolderTests.site()
        for number in 0..<entries {
            try OutputFolderTests.write(
                """
                ---
                title: Round \(number)
                date: 2023-\(String(format: "%02d", number % 12 + 1))-\(String(format: "%02d", number % 28 + 1))
                topics: [Ceasefire]
                ---
                The \(number)th round, after [[alpha-talks]].
                """, to: site.appendingPathComponent("Content/rounds/round-\(number).md"))
        }
        return site
    }

    /// Two builds of one output at once (one with the cache, one without, for different base URLs) leave the
    /// output of one of them, whole: what a fresh build for that base URL writes.
    @Test func twoBuildsAtOnceLeaveOneBuildsOutput() throws {
        let site = try Self.largeSite(entries: 600)
        defer { try? FileManager.default.removeItem(at: site) }
        let public_ = site.appendingPathComponent("Public")
        let bases = ["https://a.example.org/", "https://b.example.org/"]
        #expect(try CLITests.parley("build", "--base-url", bases[0], in: site).status == 0)
        for trial in 0..<4 {
            let cached = try Background(["build", "--base-url", bases[trial % 2]], in: site)
            let whole = try Background(["build", "--no-cache", "--base-url", bases[1 - trial % 2]], in: site)
            #expect(cached.wait(seconds: 120) && whole.wait(seconds: 120))
            #expect(
                cached.process.terminationStatus == 0 && whole.process.terminationStatus == 0,
                "\(cached.stderr)\(whole.stderr)")
            let output = OutputFolderTests.snapshot(public_)
            let home = String(decoding: output["index.html"] ?? Data(), as: UTF8.self)
            let base = try #require(bases.first { home.contains($0) })
            let other = bases.first { $0 != base }!
            let mixed = output.filter { String(decoding: $0.value, as: UTF8.self).contains(other) }.keys.sorted()
            #expect(
                mixed.isEmpty, "trial \(trial): \(mixed.count) files are from the other build, e.g. \(mixed.prefix(3))")
            let reference = site.appendingPathComponent("Reference")
            #expect(
                try CLITests.parley("build", "--no-cache", "--base-url", base, "--output", reference.path, in: site)
                    .status == 0)
            #expect(
                output == OutputFolderTests.snapshot(reference),
                "trial \(trial): the output is not what a fresh build writes")
            try FileManager.default.removeItem(at: reference)
        }
    }
}
