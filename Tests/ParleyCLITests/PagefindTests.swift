import Foundation
import Testing

/// A `parley` process run in the background, its output in files (not pipes, which a process it leaves behind
/// would hold open), for tests that stop it, wait for it or race it against another.
final class Background {
    let process = Process()
    let out: URL, err: URL

    init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
        let id = UUID().uuidString
        out = FileManager.default.temporaryDirectory.appendingPathComponent("parley-out-\(id)")
        err = FileManager.default.temporaryDirectory.appendingPathComponent("parley-err-\(id)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = CLITests.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }

    /// Waits until the process ends, at most `seconds`; false (and the process killed) when it did not.
    func wait(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        return true
    }

    /// Waits until `condition` holds, at most `seconds`.
    static func until(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() >= deadline { return false }
            usleep(20_000)
        }
        return true
    }

    /// Whether a process is alive (not gone, not a zombie).
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return !stat[close...].dropFirst(2).hasPrefix("Z")
    }
}

/// Pagefind through the real binary, with stand-ins for it (`PARLEY_PAGEFIND`): a run that hangs is stopped at
/// the time limit, one that leaves a process behind does not hold up the build, Pagefind ends with an interrupted
/// `build` or `serve`, an index that is not whole is not put in place, a failure's message is shown, and what a
/// killed run left is removed.
@Suite(.serialized) struct PagefindTests {
    /// A starter site with search on (its templates mark each entry's page for search: 1 page).
    static func site() throws -> (parent: URL, site: URL) {
        let parent = try NewCommandTests.starterSite(settings: "search: true\n")
        return (parent, parent.appendingPathComponent("site"))
    }

    /// A stand-in for Pagefind: a shell script that writes its process id to `pids` beside it first.
    static func fake(_ body: String, in folder: URL, name: String = "pagefind") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data("#!/bin/sh\necho $$ >> \"$(dirname \"$0\")/pids\"\n\(body)\n".utf8).write(to: url)
        chmod(url.path, 0o755)
        return url
    }

    /// What a working Pagefind leaves for `count` pages (`$4` is the folder after `--output-path`).
    static func writesIndex(pages count: Int) -> String {
        "mkdir -p \"$4\" && printf '{\"version\":\"1.5.2\",\"languages\":{\"en\":{\"hash\":\"en_1\",\"wasm\":\"en\",\"page_count\":\(count)}}}' > \"$4/pagefind-entry.json\""
    }

    static func pids(in folder: URL) -> [Int32] {
        ((try? String(contentsOf: folder.appendingPathComponent("pids"), encoding: .utf8)) ?? "")
            .split(separator: "\n").compactMap { Int32($0) }
    }

    /// Kills what a stand-in left running (the old code leaves it).
    static func cleanUp(_ folder: URL) {
        for pid in pids(in: folder) { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func aPagefindThatHangsIsStoppedAtTheTimeLimit() throws {
        let (parent, site) = try Self.site()
        defer { Self.cleanUp(parent) }
        let pagefind = try Self.fake("exec sleep 1000", in: parent)
        let build = try Background(
            ["build"], in: site, environment: ["PARLEY_PAGEFIND": pagefind.path, "PARLEY_PAGEFIND_TIMEOUT": "2"])
        let ended = build.wait(seconds: 30)
        #expect(ended, "parley build hung on a Pagefind that never ends")
        #expect(build.process.terminationStatus == 0)
        #expect(
            build.stderr.contains(
                "warning: the search index was not made: Pagefind did not finish within 2 s and was stopped (PARLEY_PAGEFIND_TIMEOUT sets the limit, in seconds); the last one is kept"
            ), "\(build.stderr)")
        for pid in Self.pids(in: parent) { #expect(!Background.isAlive(pid), "Pagefind (\(pid)) still runs") }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/pagefind.new").path))
    }

    @Test func aProcessPagefindLeavesBehindDoesNotHoldUpTheBuild() throws {
        let (parent, site) = try Self.site()
        defer { Self.cleanUp(parent) }
        let pagefind = try Self.fake(
            "sleep 1000 &\necho $! >> \"$(dirname \"$0\")/pids\"\n" + Self.writesIndex(pages: 1), in: parent)
        let build = try Background(["build"], in: site, environment: ["PARLEY_PAGEFIND": pagefind.path])
        #expect(build.wait(seconds: 30), "parley build waited for the process Pagefind left behind")
        #expect(build.process.terminationStatus == 0, "\(build.stderr)")
        #expect(build.stdout.contains("; 1 page in the search index) in "), "\(build.stdout)")
        #expect(
            Background.until(seconds: 2) { Self.pids(in: parent).allSatisfy { !Background.isAlive($0) } },
            "what Pagefind left behind still runs")
    }

    @Test(arguments: ["build", "serve"])
    func pagefindEndsWhenParleyIsInterrupted(command: String) throws {
        let (parent, site) = try Self.site()
        defer { Self.cleanUp(parent) }
        let pagefind = try Self.fake("exec sleep 1000", in: parent)
        let arguments = command == "serve" ? ["serve", "--port", "0"] : ["build"]
        let parley = try Background(arguments, in: site, environment: ["PARLEY_PAGEFIND": pagefind.path])
        try #require(
            Background.until(seconds: 30) { !Self.pids(in: parent).isEmpty }, "Pagefind never started: \(parley.stderr)"
        )
        kill(parley.pid, SIGINT)
        #expect(parley.wait(seconds: 20), "parley \(command) did not end on SIGINT")
        #expect(
            Background.until(seconds: 2) { Self.pids(in: parent).allSatisfy { !Background.isAlive($0) } },
            "Pagefind outlived parley \(command)")
    }

    @Test func pagefindEndsWhenABuildIsTerminated() throws {
        let (parent, site) = try Self.site()
        defer { Self.cleanUp(parent) }
        let pagefind = try Self.fake("exec sleep 1000", in: parent)
        let parley = try Background(["build"], in: site, environment: ["PARLEY_PAGEFIND": pagefind.path])
        try #require(
            Background.until(seconds: 30) { !Self.pids(in: parent).isEmpty }, "Pagefind never started: \(parley.stderr)"
        )
        kill(parley.pid, SIGTERM)
        #expect(parley.wait(seconds: 20))
        #expect(
            Background.until(seconds: 2) { Self.pids(in: parent).allSatisfy { !Background.isAlive($0) } },
            "Pagefind outlived parley build")
    }

    /// Pagefind on a nearly full disk exits 0 with an empty entry file: the index is not put in place.
    @Test(arguments: [
        (
            "mkdir -p \"$4\" && : > \"$4/pagefind-entry.json\"",
            "Pagefind wrote an empty pagefind.new/pagefind-entry.json (a full disk does this)"
        ),
        (
            "mkdir -p \"$4\" && printf '{\"languages\":' > \"$4/pagefind-entry.json\"",
            "Pagefind's pagefind.new/pagefind-entry.json is not the entry file of an index"
        ),
        (
            PagefindTests.writesIndex(pages: 0),
            "Pagefind's index holds 0 pages, but 1 page is marked for search (pagefind.new/pagefind-entry.json)"
        ),
        ("mkdir -p \"$4\"", "Pagefind ended without writing its entry file pagefind.new/pagefind-entry.json"),
    ])
    func anIndexThatIsNotWholeKeepsTheLastOne(script: String, problem: String) throws {
        let (parent, site) = try Self.site()
        defer { Self.cleanUp(parent) }
        let good = try Self.fake(Self.writesIndex(pages: 1), in: parent, name: "good")
        #expect(try CLITests.parley("build", in: site, environment: ["PARLEY_PAGEFIND": good.path]).status == 0)
        let entry = site.appendingPathComponent("Public/pagefind/pagefind-entry.json")
        let before = try Data(contentsOf: entry)

        let broken = try Self.fake(script, in: parent, name: "broken")
        let build = try CLITests.parley("build", "--no-cache", in: site, environment: ["PARLEY_PAGEFIND": broken.path])
        #expect(build.status == 0)
        #expect(
            build.stderr.contains("warning: the search index was not made: \(problem); the last one is kept"),
            "\(build.stderr)")
        #expect(!build.text.contains("in the search index"), "\(build.text)")
        #expect(try Data(contentsOf: entry) == before)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/pagefind.new").path))
    }

    /// A failing Pagefind's message is shown, whether it printed it on standard output or on standard error.
    @Test(arguments: [
        ("echo 'Error: No space left on device'", "Pagefind failed (status 1): Error: No space left on device"),
        ("echo 'Error: bad option' >&2", "Pagefind failed (status 1): Error: bad option"),
        ("", "Pagefind failed (status 1) with no message"),
    ])
    func aFailuresMessageIsShown(script: String, message: String) throws {
        let (parent, site) = try Self.site()
        defer { Self.cleanUp(parent) }
        let pagefind = try Self.fake(script + "\nexit 1", in: parent)
        let build = try CLITests.parley("build", in: site, environment: ["PARLEY_PAGEFIND": pagefind.path])
        #expect(build.status == 0)
        #expect(
            build.stderr.contains("warning: the search index was not made: \(message); the last one is kept"),
            "\(build.stderr)")
    }

    /// A `pagefind.new/` a killed run left (Pagefind writes its entry file last) is removed by the next build,
    /// even one that does not run Pagefind.
    @Test(arguments: ["pagefind missing", "search off", "whole build"])
    func whatAKilledRunLeftIsRemoved(next: String) throws {
        let (parent, site) = try Self.site()
        defer { Self.cleanUp(parent) }
        let good = try Self.fake(Self.writesIndex(pages: 1), in: parent, name: "good")
        #expect(try CLITests.parley("build", in: site, environment: ["PARLEY_PAGEFIND": good.path]).status == 0)
        let leftover = site.appendingPathComponent("Public/pagefind.new")
        try FileManager.default.createDirectory(
            at: leftover.appendingPathComponent("fragment"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: leftover.appendingPathComponent("fragment/en_1a2b3c.pf_fragment"))
        try Data("x".utf8).write(to: leftover.appendingPathComponent("pagefind.js"))
        var arguments = ["build"], environment = ["PARLEY_PAGEFIND": "/nonexistent/pagefind"]
        switch next {
        case "search off":
            let settings = site.appendingPathComponent("Content/site.yaml")
            let text = try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(
                of: "search: true\n", with: "")
            try Data(text.utf8).write(to: settings)
        case "whole build":
            arguments.append("--no-cache")
            environment["PARLEY_PAGEFIND"] = good.path
        default: break
        }
        let build = try CLITests.parley(arguments, in: site, environment: environment)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: leftover.path), "\(next): pagefind.new/ is still there")
        // The index of the last good run is kept.
        #expect(
            FileManager.default.fileExists(
                atPath: site.appendingPathComponent("Public/pagefind/pagefind-entry.json").path))
    }
}

extension CLITests {
    static func parley(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> Run
    {
        try run(binary, arguments, in: folder, environment: environment)
    }
}
