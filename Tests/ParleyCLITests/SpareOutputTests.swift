import Foundation
import Testing

/// A cached build keeps the output it replaced as a spare in the build cache, and the next cached build stages
/// its new output in that spare, changing only what the two builds changed. Whatever the run of changes, the
/// output is exactly what a whole build writes; a reader holding the output never sees it change; anything
/// someone else changed in the output sends the build back to staging from the output itself.
@Suite struct SpareOutputTests {
    typealias Folder = OutputFolderTests

    static func inode(_ url: URL) -> UInt64? {
        var info = stat()
        return lstat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    static func spare(_ site: URL) -> URL { site.appendingPathComponent(".parley-cache/output-spare") }

    /// Every file (by its bytes) and folder (as `/`) in `folder`.
    static func tree(_ folder: URL) -> [String: Data] {
        var items: [String: Data] = [:]
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: folder.path) else { return items }
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = fm.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            items[path] =
                isFolder.boolValue ? Data("/".utf8) : fm.contents(atPath: folder.appendingPathComponent(path).path)
        }
        return items
    }

    /// What a whole build of `site` as it is now writes, made in a copy of it (this site's cache and spare stay
    /// as they are).
    static func fresh(_ site: URL) throws -> [String: Data] {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("parley-fresh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["Content", "Templates"] {
            try FileManager.default.copyItem(
                at: site.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        let result = try CLITests.parley("build", "--no-cache", in: copy)
        #expect(result.status == 0, "\(result.stderr)")
        return tree(copy.appendingPathComponent("Public"))
    }

    /// A site built twice, the second time after a body edit, so that its output has a spare.
    static func siteWithSpare() throws -> URL {
        let site = try Folder.site()
        #expect(try CLITests.parley("build", in: site).status == 0)
        try append("\nOne.\n", to: "Content/rounds/gamma-talks.md", in: site)
        #expect(try CLITests.parley("build", in: site).status == 0)
        #expect(FileManager.default.fileExists(atPath: spare(site).path))
        return site
    }

    static func append(_ text: String, to path: String, in site: URL) throws {
        let url = site.appendingPathComponent(path)
        try Data((try String(contentsOf: url, encoding: .utf8) + text).utf8).write(to: url)
    }

    /// The changes of an editing session, one per build: bodies, a title every list shows, entries and assets
    /// coming and going, a change undone.
    static let changes: [(String, @Sendable (URL) throws -> Void)] = [
        ("a title", { try Folder.retitle($0) }),
        ("a body", { try append("\nOne more sentence.\n", to: "Content/rounds/beta-talks.md", in: $0) }),
        (
            "a new entry",
            {
                try Folder.write(
                    "---\ntitle: Zeta talks\ndate: 2023-01-05\n---\nText.\n",
                    to: $0.appendingPathComponent("Content/rounds/zeta-talks.md"))
            }
        ),
        ("another body", { try append("\nAnd another.\n", to: "Content/rounds/gamma-talks.md", in: $0) }),
        (
            "an entry removed",
            { try FileManager.default.removeItem(at: $0.appendingPathComponent("Content/rounds/zeta-talks.md")) }
        ),
        (
            "a new asset in a folder",
            { try Folder.write("x", to: $0.appendingPathComponent("Templates/assets/icons/x.svg")) }
        ),
        ("the same body again", { try append("\nA third.\n", to: "Content/rounds/beta-talks.md", in: $0) }),
        (
            "the asset removed",
            { try FileManager.default.removeItem(at: $0.appendingPathComponent("Templates/assets/icons")) }
        ),
        ("a body", { try append("\nA fourth.\n", to: "Content/rounds/beta-talks.md", in: $0) }),
    ]

    /// Through a run of changes, every cached build after the first stages in the spare (the spare folder is
    /// the one put in place), and the output is, file for file and folder for folder, a whole build's.
    @Test func aRunOfCachedBuildsStagesInTheSpareAndWritesWhatAWholeBuildWrites() throws {
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let output = site.appendingPathComponent("Public")
        for (step, (what, change)) in Self.changes.enumerated() {
            try change(site)
            let spare = Self.inode(Self.spare(site))
            let result = try CLITests.parley("build", in: site)
            #expect(result.status == 0, "\(what): \(result.stderr)")
            if step > 0 {
                #expect(spare != nil && Self.inode(output) == spare, "\(what): the build did not stage in the spare")
            }
            #expect(Self.tree(output) == (try Self.fresh(site)), "after \(what)")
            #expect(try Folder.leftovers(site).isEmpty)
        }
    }

    /// A reader holding the output open sees it as it was while the next build stages in the spare: no file of
    /// the output is ever written through (the spare shares the unchanged ones).
    @Test func aReaderHoldingTheOutputSeesItUnchangedByTheNextBuild() throws {
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let output = site.appendingPathComponent("Public")
        // Two builds: the spare holds the first's output, whose unchanged pages are the second's files.
        try Self.append("\nOne.\n", to: "Content/rounds/gamma-talks.md", in: site)
        #expect(try CLITests.parley("build", in: site).status == 0)
        try Self.append("\nTwo.\n", to: "Content/rounds/delta-talks.md", in: site)
        #expect(try CLITests.parley("build", in: site).status == 0)
        let held = open(output.path, O_RDONLY | O_DIRECTORY)
        #expect(held >= 0)
        defer { close(held) }
        let before = Self.tree(output)
        // A page unchanged since the spare's build, now changed: the spare shares its file with the output.
        try Self.append("\nThree.\n", to: "Content/rounds/beta-talks.md", in: site)
        let spare = Self.inode(Self.spare(site))
        #expect(try CLITests.parley("build", in: site).status == 0)
        #expect(Self.inode(output) == spare)
        for (path, bytes) in before where bytes != Data("/".utf8) {
            let file = openat(held, path, O_RDONLY)
            #expect(file >= 0, "\(path)")
            guard file >= 0 else { continue }
            let data = FileHandle(fileDescriptor: file, closeOnDealloc: true).readDataToEndOfFile()
            #expect(data == bytes, "\(path) changed under a reader")
        }
    }

    /// A file someone else puts anywhere in the output (its top, a section's folder, a page's folder) is there
    /// after every later build: its folder changed, so the build stages from the output, not the spare.
    @Test(arguments: ["CNAME", "rounds/notes.txt", "rounds/alpha-talks/extra.txt", "assets/x/y/z.txt"])
    func aFileSomeoneElseAddsIsKept(at path: String) throws {
        let site = try Self.siteWithSpare()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Public")
        try Folder.write("someone's\n", to: output.appendingPathComponent(path))
        for (number, entry) in ["beta-talks", "delta-talks", "gamma-talks"].enumerated() {
            try Self.append("\nEdit \(number).\n", to: "Content/rounds/\(entry).md", in: site)
            let result = try CLITests.parley("build", in: site)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(
                FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
                    == Data("someone's\n".utf8),
                "\(path) lost after build \(number + 1)")
            var tree = Self.tree(output)
            #expect(tree.removeValue(forKey: path) != nil)
            let fresh = try Self.fresh(site)
            // The folders the file's path made are someone else's too.
            for folder in OutputManifestFolders.holding(path) where fresh[folder] == nil {
                tree.removeValue(forKey: folder)
            }
            #expect(tree == fresh)
        }
    }

    /// A whole build leaves no spare (its output is not the spare's); the next cached builds make one again.
    @Test func aWholeBuildRemovesTheSpare() throws {
        let site = try Self.siteWithSpare()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.append("\nTwo.\n", to: "Content/rounds/gamma-talks.md", in: site)
        #expect(try CLITests.parley("build", "--no-cache", in: site).status == 0)
        #expect(!FileManager.default.fileExists(atPath: Self.spare(site).path))
        #expect(!FileManager.default.fileExists(atPath: Self.spare(site).path + ".record"))
        try Self.append("\nThree.\n", to: "Content/rounds/gamma-talks.md", in: site)
        #expect(try CLITests.parley("build", in: site).status == 0)
        #expect(Self.tree(site.appendingPathComponent("Public")) == (try Self.fresh(site)))
    }

    /// A spare whose record is damaged, or that someone changed, is never staged in: the build stages from the
    /// output, and its output is a whole build's.
    @Test(arguments: ["cut short", "a path outside", "the output copied back"])
    func aSpareThatCannotBeTrustedIsNotUsed(damage: String) throws {
        let site = try Self.siteWithSpare()
        defer { try? FileManager.default.removeItem(at: site) }
        let record = URL(fileURLWithPath: Self.spare(site).path + ".record")
        let text = try Data(contentsOf: record)
        switch damage {
        case "cut short":
            try text.prefix(text.count / 2).write(to: record)
        case "a path outside":
            // The changed path, pointed at the site's sources.
            let bytes = String(decoding: text, as: UTF8.self)
                .replacingOccurrences(of: "rounds/gamma-talks/index.html", with: "../../../Content/site.yaml")
            try Data(bytes.utf8).write(to: record)
        default:
            let output = site.appendingPathComponent("Public"), moved = site.appendingPathComponent("Moved")
            try FileManager.default.moveItem(at: output, to: moved)
            try FileManager.default.copyItem(at: moved, to: output)
            try FileManager.default.removeItem(at: moved)
        }
        try Self.append("\nTwo.\n", to: "Content/rounds/delta-talks.md", in: site)
        // A file only the spare has: in the output after the build if the build staged in the spare.
        try Folder.write("probe", to: Self.spare(site).appendingPathComponent("probe.txt"))
        let result = try CLITests.parley("build", in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            !FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/probe.txt").path),
            "\(damage): the spare was trusted")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Content/site.yaml").path))
        #expect(Self.tree(site.appendingPathComponent("Public")) == (try Self.fresh(site)))
    }

    /// A cached build killed while it stages in the spare leaves the output as it was; the next build's output
    /// is a whole build's, with nothing left beside it.
    @Test func aBuildKilledWhileStagingInTheSpareChangesNothing() throws {
        let site = try Self.siteWithSpare()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Public")
        let before = Self.tree(output)
        try Folder.retitle(site)
        let killed = try CLITests.run(
            CLITests.binary, ["build"], in: site, environment: ["PARLEY_KILL_AT": "update-staged"])
        #expect(killed.status == SIGKILL, "\(killed.stderr)")
        #expect(Self.tree(output) == before)
        let next = try CLITests.parley("build", in: site)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(Self.tree(output) == (try Self.fresh(site)))
        #expect(try Folder.leftovers(site).isEmpty)
    }
}

/// The folders on the way to a path (`a/b/c` → `a`, `a/b`).
enum OutputManifestFolders {
    static func holding(_ path: String) -> [String] {
        let parts = path.split(separator: "/")
        return (1..<max(parts.count, 1)).map { parts.prefix($0).joined(separator: "/") }
    }
}

extension SpareOutputTests {
    /// The preview stages in the spare too, without looking at every folder (it watches them), from its first
    /// save, on a site never built before: a file someone puts in a folder of the output between two saves is
    /// seen, kept by every later save, and the output when the preview stops is a whole build's.
    @Test func thePreviewKeepsAFileSomeoneAddsBetweenSaves() throws {
        // A site never built: the preview makes the build cache's folder for its spare.
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Public")
        let serve = try Background(["serve", "--port", "0"], in: site)
        try #require(Background.until(seconds: 60) { serve.stdout.contains("Serving ") }, "\(serve.stderr)")
        let record = Self.spare(site).path + ".record"
        try #require(
            Background.until(seconds: 30) { FileManager.default.fileExists(atPath: record) },
            "no spare: \(serve.stderr)")
        func save(_ number: Int) throws {
            try Self.append("\nSave \(number).\n", to: "Content/rounds/beta-talks.md", in: site)
            let logged = Background.until(seconds: 30) {
                serve.stdout.components(separatedBy: "beta-talks.md").count > number
            }
            #expect(logged, "save \(number) was not rebuilt: \(serve.stdout)")
        }
        try save(1)
        try Folder.write("someone's\n", to: output.appendingPathComponent("rounds/notes.txt"))
        for number in 2...4 {
            try save(number)
            #expect(
                FileManager.default.contents(atPath: output.appendingPathComponent("rounds/notes.txt").path)
                    == Data("someone's\n".utf8),
                "lost after save \(number)")
        }
        kill(serve.pid, SIGINT)
        #expect(serve.wait(seconds: 20))
        var tree = Self.tree(output)
        #expect(tree.removeValue(forKey: "rounds/notes.txt") != nil)
        #expect(tree == (try Self.fresh(site)))
    }
}
