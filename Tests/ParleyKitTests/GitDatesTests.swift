import Foundation
import Testing
@testable import ParleyKit

/// Entries' "last updated" dates from git: one `git log` for the whole site, and the fallbacks without it.
@Suite struct GitDatesTests {
    /// Runs git in `folder` with fixed names and dates, so that the commits are the same on every machine.
    @discardableResult
    static func git(_ arguments: [String], in folder: URL, date: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
            + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        if let date {
            environment["GIT_COMMITTER_DATE"] = date
            environment["GIT_AUTHOR_DATE"] = date
        }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw GitFailed(message: "git \(arguments.joined(separator: " ")): \(text)")
        }
        return text
    }

    struct GitFailed: Error { var message: String }

    /// Counts the git processes a load starts, running each for real.
    final class CountingRunner: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [[String]] = []
        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return calls.count
        }
        var runner: GitDates.Runner {
            { arguments, folder in
                self.lock.lock()
                self.calls.append(arguments)
                self.lock.unlock()
                return GitDates.runGit(arguments, folder)
            }
        }
    }

    static func entry(_ title: String, date: String, extra: String = "") -> String {
        "---\ntitle: \(title)\ndate: \(date)\n\(extra)---\nText.\n"
    }

    @Test func parsesOneLogNewestCommitFirst() {
        let log =
            "\u{0}2024-03-04T05:06:07+00:00\n\nContent/r/a.md\nContent/r/b.md\n\u{0}2024-01-02T03:04:05+02:00\n\nContent/r/a.md\n"
        let histories = GitDates.parse(log)
        #expect(histories.count == 2)
        #expect(histories["Content/r/a.md"]?.updated.rfc3339 == "2024-03-04T05:06:07Z")
        #expect(histories["Content/r/a.md"]?.created.rfc3339 == "2024-01-02T03:04:05+02:00")
        #expect(histories["Content/r/b.md"]?.created.rfc3339 == "2024-03-04T05:06:07Z")
        #expect(histories["Content/r/b.md"]?.updated.rfc3339 == "2024-03-04T05:06:07Z")
    }

    @Test func everyEntryGetsItsLastCommitFromOneGitProcess() throws {
        let site = miniSite([
            "Content/rounds/first.md": Self.entry("First", date: "2022-02-28"),
            "Content/rounds/second.md": Self.entry("Second", date: "2022-03-07"),
        ])
        try Self.git(["init", "-q"], in: site.url)
        try Self.git(["add", "Content/rounds/first.md", "Content/rounds/second.md"], in: site.url)
        try Self.git(["commit", "-q", "-m", "Two entries"], in: site.url, date: "2024-01-02T03:04:05+02:00")
        try (Self.entry("Second", date: "2022-03-07") + "More.\n").write(
            to: site.url.appendingPathComponent("Content/rounds/second.md"), atomically: true, encoding: .utf8)
        try Self.git(["commit", "-q", "-a", "-m", "Second again"], in: site.url, date: "2024-03-04T05:06:07Z")

        let counter = CountingRunner()
        let (loaded, _) = SiteLoader.load(root: site.url, git: counter.runner)
        #expect(counter.count == 1)
        let files = Dictionary(uniqueKeysWithValues: try #require(loaded).entries.map { ($0.slug, $0) })
        #expect(files["first"]?.history?.updated.rfc3339 == "2024-01-02T03:04:05+02:00")
        #expect(files["first"]?.history?.created.rfc3339 == "2024-01-02T03:04:05+02:00")
        #expect(files["second"]?.history?.updated.rfc3339 == "2024-03-04T05:06:07Z")
        #expect(files["second"]?.history?.created.rfc3339 == "2024-01-02T03:04:05+02:00")

        // Through the whole build: the page says so, and the feed has both dates.
        let output = TemporaryFolder()
        _ = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: output.url))
        let page = try String(
            contentsOf: output.url.appendingPathComponent("rounds/second/index.html"), encoding: .utf8)
        #expect(
            page.contains(
                "<p class=\"updated\">Last updated <time datetime=\"2024-03-04T05:06:07Z\">4 March 2024</time></p>"))
        let feed = try String(contentsOf: output.url.appendingPathComponent("feed.xml"), encoding: .utf8)
        #expect(
            feed.contains(
                "<updated>2024-03-04T05:06:07Z</updated>\n    <published>2024-01-02T03:04:05+02:00</published>"))
    }

    @Test func aSiteInASubfolderOfTheWorkTreeGetsItsDates() throws {
        let repository = TemporaryFolder()
        repository.write(["other.txt": "not the site", "site/Content/rounds/a.md": "a"])
        try Self.git(["init", "-q"], in: repository.url)
        try Self.git(["add", "-A"], in: repository.url)
        try Self.git(["commit", "-q", "-m", "One"], in: repository.url, date: "2023-06-07T08:09:10Z")
        let histories = GitDates.read(siteRoot: repository.url.appendingPathComponent("site"))
        #expect(histories.keys.sorted() == ["Content/rounds/a.md"])
        #expect(histories["Content/rounds/a.md"]?.updated.rfc3339 == "2023-06-07T08:09:10Z")
    }

    @Test func outsideAWorkTreeOrWithoutGitThereAreNoDatesAndNoError() {
        let folder = TemporaryFolder()
        #expect(GitDates.runGit(GitDates.arguments, folder.url) == nil)
        #expect(GitDates.read(siteRoot: folder.url).isEmpty)
        #expect(GitDates.read(siteRoot: folder.url, run: { _, _ in nil }).isEmpty)
    }

    /// A file never committed takes its `updated` field; a committed file with changes not yet committed keeps
    /// its last commit's date; with git dates off, only the field counts.
    @Test func filesGitDoesNotDateFallBackToTheUpdatedField() throws {
        let site = miniSite([
            "Content/rounds/committed.md": Self.entry("Committed", date: "2022-02-28", extra: "updated: 2020-01-01\n")
        ])
        try Self.git(["init", "-q"], in: site.url)
        try Self.git(["add", "Content"], in: site.url)
        try Self.git(["commit", "-q", "-m", "One"], in: site.url, date: "2024-01-02T03:04:05Z")
        site.write([
            "Content/rounds/committed.md": Self.entry("Committed", date: "2022-02-28", extra: "updated: 2020-01-01\n")
                + "Changed.\n",
            "Content/rounds/new.md": Self.entry("New", date: "2022-03-01", extra: "updated: 2024-06-30\n"),
            "Content/rounds/undated.md": Self.entry("Undated", date: "2022-03-02"),
        ])
        func updated(_ gitDates: Bool) throws -> [String: String] {
            let (loaded, _) = SiteLoader.load(root: site.url, git: gitDates ? GitDates.runGit : nil)
            let (parsed, problems) = SiteParser.parse(try #require(loaded))
            #expect(!problems.hasErrors, "\(problems)")
            return Dictionary(uniqueKeysWithValues: parsed.entries.map { ($0.slug, $0.updated?.description ?? "none") })
        }
        #expect(try updated(true) == ["committed": "2024-01-02T03:04:05Z", "new": "2024-06-30", "undated": "none"])
        #expect(try updated(false) == ["committed": "2020-01-01", "new": "2024-06-30", "undated": "none"])
    }
}
