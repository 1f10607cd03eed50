import Foundation
import Testing

/// The output folder's promises, through the real binary: files Parley did not write are kept, a killed build
/// leaves the previous output or the new one whole, a linked output is written through.
@Suite struct OutputFolderTests {
    /// Every file and link under `folder` (links as `-> target`), by path.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: folder.path) else { return files }
        while let path = enumerator.nextObject() as? String {
            let url = folder.appendingPathComponent(path)
            if let destination = try? fm.destinationOfSymbolicLink(atPath: url.path) {
                files[path] = Data(("-> " + destination).utf8)
            } else if let data = fm.contents(atPath: url.path) {
                files[path] = data
            }
        }
        return files
    }

    static func site() throws -> URL {
        try CLITests.temporaryCopy(of: CLITests.fixtures.appendingPathComponent("Sites/basic"))
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A change that rewrites many pages: the title of an entry every list shows.
    static func retitle(_ site: URL) throws {
        let entry = site.appendingPathComponent("Content/rounds/alpha-talks.md")
        let text = try String(contentsOf: entry, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix("title:") ? "title: Alpha talks, renamed" : String($0)
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: entry)
    }

    /// What a whole build of `site` as it is now writes, in a folder of its own.
    static func reference(_ site: URL) throws -> [String: Data] {
        let output = site.appendingPathComponent("Reference")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try CLITests.parley("build", "--output", output.path, in: site)
        #expect(result.status == 0, "\(result.stderr)")
        return snapshot(output)
    }

    static func leftovers(_ site: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".Public.") }
    }

    // MARK: - Files Parley did not write

    @Test(arguments: ["cached", "no-cache", "cache-removed"])
    func filesParleyDidNotWriteAreKept(build: String) throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let output = site.appendingPathComponent("Public")
        try Self.write("talks.example.org\n", to: output.appendingPathComponent("CNAME"))
        try Self.write("[core]\n", to: output.appendingPathComponent(".git/config"))
        try Self.write("object", to: output.appendingPathComponent(".git/objects/ab/cdef"))
        try Self.write("mine", to: output.appendingPathComponent("rounds/notes.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: output.appendingPathComponent("latest").path, withDestinationPath: "rounds")
        try Self.retitle(site)
        var arguments = ["build"]
        switch build {
        case "no-cache": arguments.append("--no-cache")
        case "cache-removed": try FileManager.default.removeItem(at: site.appendingPathComponent(".parley-cache"))
        default: break
        }
        let result = try CLITests.run(CLITests.binary, arguments, in: site)
        #expect(result.status == 0, "\(result.stderr)")
        var after = Self.snapshot(output)
        #expect(after["CNAME"] == Data("talks.example.org\n".utf8))
        #expect(after[".git/config"] == Data("[core]\n".utf8))
        #expect(after[".git/objects/ab/cdef"] == Data("object".utf8))
        #expect(after["rounds/notes.txt"] == Data("mine".utf8))
        #expect(after["latest"] == Data("-> rounds".utf8))
        for path in [
            "CNAME", ".git/config", ".git/objects/ab/cdef", "rounds/notes.txt", "latest", ".git/objects/ab",
            ".git/objects", ".git",
        ] {
            after[path] = nil
        }
        // And the rest is exactly a whole build's.
        #expect(after == (try Self.reference(site)))
    }

    @Test(arguments: [false, true])
    func aFileOfSomeoneElsesWhereAPageWouldGoIsAnErrorAndStays(whole: Bool) throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let output = site.appendingPathComponent("Public")
        try Self.write("hand-made", to: output.appendingPathComponent("rounds/new-talks/index.html"))
        try Self.write(
            "---\ntitle: New talks\ndate: 2022-06-01\n---\nText.\n",
            to: site.appendingPathComponent("Content/rounds/new-talks.md"))
        let before = Self.snapshot(output)
        let result =
            whole ? try CLITests.parley("build", "--no-cache", in: site) : try CLITests.parley("build", in: site)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Public/rounds/new-talks/index.html was not written by Parley, and this build writes a file of its own there"
            ), "\(result.stderr)")
        #expect(result.stderr.contains("Public/ was not changed"))
        #expect(Self.snapshot(output) == before)
    }

    // MARK: - Kills

    /// A build killed at each point where it writes the output: before the exchange, the output is exactly the
    /// previous one; after it, exactly the new one (never a mix); either way, the next build's output is exactly
    /// a whole build's, nothing is left beside it, and the user's file is still there.
    @Test(arguments: [
        ("staged", true), ("carried", true), ("exchanged", true),
        ("update-staged", false), ("exchanged", false),
    ])
    func aKilledBuild(at point: String, whole: Bool) throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let output = site.appendingPathComponent("Public")
        try Self.write("talks.example.org\n", to: output.appendingPathComponent("CNAME"))
        let before = Self.snapshot(output)
        try Self.retitle(site)
        let killed = try CLITests.run(
            CLITests.binary, whole ? ["build", "--no-cache"] : ["build"], in: site,
            environment: ["PARLEY_KILL_AT": point])
        #expect(killed.status == SIGKILL, "\(point): \(killed.stderr)")
        var atRest = Self.snapshot(output)
        if point == "exchanged" {
            #expect(atRest.removeValue(forKey: "CNAME") == Data("talks.example.org\n".utf8))
            #expect(atRest == (try Self.reference(site)), "killed right after the exchange")
        } else {
            #expect(atRest == before, "killed before the exchange, at \(point)")
        }
        let next = try CLITests.parley("build", in: site)
        #expect(next.status == 0, "\(next.stderr)")
        var after = Self.snapshot(output)
        #expect(after.removeValue(forKey: "CNAME") == Data("talks.example.org\n".utf8))
        #expect(after == (try Self.reference(site)), "after a kill at \(point)")
        #expect(try Self.leftovers(site).isEmpty)
    }

    @Test func aPageEditedByHandOrRestoredFromAnOlderCopyIsWrittenAgain() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let output = site.appendingPathComponent("Public")
        let old = try Data(contentsOf: output.appendingPathComponent("index.html"))
        try Self.write("edited by hand", to: output.appendingPathComponent("rounds/alpha-talks/index.html"))
        let afterEdit = try CLITests.parley("build", in: site)
        #expect(afterEdit.text.contains("1 file written"), "\(afterEdit.text)")
        #expect(Self.snapshot(output) == (try Self.reference(site)))
        // A page restored from an older copy: older bytes and an older modification time.
        try Self.retitle(site)
        #expect(try CLITests.parley("build", in: site).status == 0)
        try old.write(to: output.appendingPathComponent("index.html"))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -86_400)],
            ofItemAtPath: output.appendingPathComponent("index.html").path)
        let cached = try CLITests.parley("build", in: site)
        #expect(cached.status == 0, "\(cached.stderr)")
        #expect(cached.text.contains("1 file written"), "\(cached.text)")
        #expect(Self.snapshot(output) == (try Self.reference(site)))
    }

    // MARK: - Links and names

    @Test func aLinkedOutputIsWrittenThroughAndStaysALink() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let www = site.appendingPathComponent("srv/www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("Public").path, withDestinationPath: "srv/www")
        for arguments in [["build"], ["build", "--no-cache"], ["build"]] {
            if arguments == ["build"] { try Self.retitle(site) }
            let result = try CLITests.run(CLITests.binary, arguments, in: site)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(
                (try? FileManager.default.destinationOfSymbolicLink(atPath: site.appendingPathComponent("Public").path))
                    == "srv/www")
            #expect(
                FileManager.default.fileExists(atPath: www.appendingPathComponent("rounds/alpha-talks/index.html").path)
            )
        }
        // A link to nothing is refused, and stays as it was.
        try FileManager.default.removeItem(at: www)
        let dangling = try CLITests.parley("build", "--no-cache", in: site)
        #expect(dangling.status == 1)
        #expect(dangling.stderr.contains("is a link to srv/www, which does not exist"), "\(dangling.stderr)")
        #expect(
            (try? FileManager.default.destinationOfSymbolicLink(atPath: site.appendingPathComponent("Public").path))
                == "srv/www")
    }

    @Test func anAssetWithALongNameIsUpdatedInPlace() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let name = String(repeating: "a", count: 240) + ".css"
        let asset = site.appendingPathComponent("Templates/assets/" + name)
        try Self.write("a { color: red }", to: asset)
        #expect(try CLITests.parley("build", in: site).status == 0)
        try Self.write("a { color: blue }", to: asset)
        let cached = try CLITests.parley("build", in: site)
        #expect(cached.status == 0, "\(cached.stderr)")
        #expect(
            FileManager.default.contents(atPath: site.appendingPathComponent("Public/assets/" + name).path)
                == Data("a { color: blue }".utf8))
    }

    @Test func theHomeFolderIsRefusedAsTheShellHasIt() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        // An empty folder is a fine output, unless it is $HOME (which need not be the password database's).
        let home = site.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let result = try CLITests.parley("build", "--output", home.path, in: site, environment: ["HOME": home.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("it is your home folder"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).isEmpty)
    }

    @Test func aRefusalNamesTheFolderOnce() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try CLITests.parley("build", "--output", "/", in: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("refusing to use / as the output folder"), "\(result.stderr)")
        #expect(result.stderr.contains("; / was not changed"), "\(result.stderr)")
        #expect(!result.stderr.contains("//"))
    }
}
