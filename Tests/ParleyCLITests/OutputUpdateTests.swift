import Foundation
import Testing

/// A cached build replaces the output as a whole build does, in one exchange of folders: nothing it writes can
/// reach outside the output, a reader holding the output never sees it change, a failure changes nothing and
/// blocks no later build, and an output that is a mount point is updated item by item and put back whole if a
/// build is killed half-way.
@Suite struct OutputUpdateTests {
    typealias Folder = OutputFolderTests

    /// An asset whose name holds a line break is written as a file of that name, and nothing else happens: no
    /// line of it is taken as an instruction (an older Parley's journal carried out `remove ../Content`).
    @Test func anAssetNameWithALineBreakNeverActsOnTheSite() throws {
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("Content").path)
            .sorted()
        // A new asset, which a cached build adds: `a⏎remove ..` is a folder, `Content` a file in it.
        try Folder.write("one", to: site.appendingPathComponent("Templates/assets/a\nremove ../Content"))
        let cached = try CLITests.parley("build", in: site)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("Content").path).sorted()
                == entries,
            "\(cached.stderr)")
        if cached.status == 0 {
            #expect(
                FileManager.default.contents(
                    atPath: site.appendingPathComponent("Public/assets/a\nremove ../Content").path) == Data("one".utf8))
        }
        #expect(try Folder.leftovers(site).isEmpty)
    }

    /// What older versions of Parley left beside the output (a journal, one being written, its update folder) is
    /// removed by the next build without being carried out.
    @Test func anOldJournalIsRemovedNotCarriedOut() throws {
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let journal = "parley-journal 1\nstaging .Public.parley-update-999999\nremove ../Content\nend\n"
        try Folder.write(journal, to: site.appendingPathComponent(".Public.parley-journal-999999"))
        try Folder.write(journal, to: site.appendingPathComponent(".Public.parley-journal-999998.tmp"))
        try Folder.write("new", to: site.appendingPathComponent(".Public.parley-update-999999/0"))
        try Folder.retitle(site)
        let next = try CLITests.parley("build", in: site)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Content/site.yaml").path))
        #expect(try Folder.leftovers(site).isEmpty)
    }

    /// A reader that opened the output before a cached build (a web server, a sync job walking it) goes on seeing
    /// the build it opened, or files gone, never the new pages in it: the update is an exchange of folders.
    @Test func aReaderHoldingTheOutputNeverSeesTheUpdateInIt() throws {
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let held = open(site.appendingPathComponent("Public").path, O_RDONLY | O_DIRECTORY)
        #expect(held >= 0)
        defer { close(held) }
        try Folder.retitle(site)
        let cached = try CLITests.parley("build", in: site)
        #expect(cached.status == 0, "\(cached.stderr)")
        #expect(cached.text.contains("files written") || cached.text.contains("file written"), "\(cached.text)")
        let page = openat(held, "rounds/alpha-talks/index.html", O_RDONLY)
        if page >= 0 {
            let data = FileHandle(fileDescriptor: page, closeOnDealloc: true).readDataToEndOfFile()
            #expect(
                !String(decoding: data, as: UTF8.self).contains("Alpha talks, renamed"),
                "the held folder was changed in place")
        }
        let now = try String(
            contentsOf: site.appendingPathComponent("Public/rounds/alpha-talks/index.html"), encoding: .utf8)
        #expect(now.contains("Alpha talks, renamed"))
    }

    /// A file of someone else's where a new page's folder goes fails the cached build before anything changes;
    /// once it is moved away, the next build succeeds (an older Parley stopped half-way, and failed every build
    /// after).
    @Test func aFileWhereANewPagesFolderGoesChangesNothingAndBlocksNothing() throws {
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let output = site.appendingPathComponent("Public")
        try Folder.write("mine", to: output.appendingPathComponent("rounds/new-talks"))
        try Folder.write(
            "---\ntitle: New talks\ndate: 2022-06-01\n---\nText.\n",
            to: site.appendingPathComponent("Content/rounds/new-talks.md"))
        try Folder.retitle(site)
        let before = Folder.snapshot(output)
        let failed = try CLITests.parley("build", in: site)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("Public/rounds/new-talks"), "\(failed.stderr)")
        #expect(failed.stderr.contains("Public/ was not changed"), "\(failed.stderr)")
        #expect(Folder.snapshot(output) == before)
        try FileManager.default.removeItem(at: output.appendingPathComponent("rounds/new-talks"))
        let next = try CLITests.parley("build", in: site)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(Folder.snapshot(output) == (try Folder.reference(site)))
        #expect(try Folder.leftovers(site).isEmpty)
    }

    /// An output folder that cannot be changed (immutable, `chattr +i`) fails the build with the reason, and
    /// says the output was not changed, because it was not.
    @Test(.enabled(if: Self.canMakeImmutable, "needs root and chattr on a file system with the immutable flag"))
    func anUnwritableOutputIsReportedAsNotChanged() throws {
        let site = try Folder.site()
        defer {
            _ = try? CLITests.run(
                URL(fileURLWithPath: "/usr/bin/chattr"), ["-i", site.appendingPathComponent("Public").path])
            try? FileManager.default.removeItem(at: site)
        }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let output = site.appendingPathComponent("Public")
        let before = Folder.snapshot(output)
        try Folder.retitle(site)
        #expect(try CLITests.run(URL(fileURLWithPath: "/usr/bin/chattr"), ["+i", output.path]).status == 0)
        let failed = try CLITests.parley("build", in: site)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("Operation not permitted"), "\(failed.stderr)")
        #expect(failed.stderr.contains("Public/ was not changed"), "\(failed.stderr)")
        #expect(!failed.stderr.contains("partly"), "\(failed.stderr)")
        #expect(Folder.snapshot(output) == before)
        #expect(try CLITests.run(URL(fileURLWithPath: "/usr/bin/chattr"), ["-i", output.path]).status == 0)
        let next = try CLITests.parley("build", in: site)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Folder.leftovers(site).isEmpty)
    }

    static let canMakeImmutable: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr") else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("parley-chattr-\(getpid())")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer {
            _ = try? CLITests.run(URL(fileURLWithPath: "/usr/bin/chattr"), ["-i", probe.path])
            try? FileManager.default.removeItem(at: probe)
        }
        return (try? CLITests.run(URL(fileURLWithPath: "/usr/bin/chattr"), ["+i", probe.path]).status) == 0
    }()

    // MARK: - An output that is a mount point

    /// Whether this machine lets a test mount a file system in a namespace of its own (`unshare -rm`).
    static let canMount: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("parley-mount-\(getpid())")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        return
            (try? CLITests.run(
                URL(fileURLWithPath: "/usr/bin/unshare"), ["-rm", "sh", "-c", "mount -t tmpfs none '\(probe.path)'"]
            ).status) == 0
    }()

    /// Runs `script` with `sh` in the site's folder, in a mount namespace of its own, with `$PARLEY` the binary.
    static func inNamespace(_ script: String, site: URL) throws -> CLITests.Run {
        try CLITests.run(
            URL(fileURLWithPath: "/usr/bin/unshare"), ["-rm", "sh", "-c", script], in: site,
            environment: ["PARLEY": CLITests.binary.path])
    }

    /// `Public/` as a tmpfs: whole and cached builds succeed, keep someone else's file, and write what a whole
    /// build into a plain folder writes; nothing is left inside or beside it.
    @Test(.enabled(if: Self.canMount, "needs unshare -rm and mount in a user namespace"))
    func anOutputThatIsAMountPointIsBuilt() throws {
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let script = """
            set -e
            mkdir -p Public Copy
            mount -t tmpfs none Public
            "$PARLEY" build --no-cache
            echo talks.example.org > Public/CNAME
            sed -i 's/^title: .*/title: Alpha talks, renamed/' Content/rounds/alpha-talks.md
            "$PARLEY" build
            "$PARLEY" build --no-cache
            echo 'One more sentence.' >> Content/rounds/beta-talks.md
            "$PARLEY" build
            cp -a Public/. Copy/
            ls -A Public > listing.txt
            """
        let result = try Self.inNamespace(script, site: site)
        #expect(result.status == 0, "\(result.text)\n\(result.stderr)")
        var copy = Folder.snapshot(site.appendingPathComponent("Copy"))
        #expect(copy.removeValue(forKey: "CNAME") == Data("talks.example.org\n".utf8))
        try FileManager.default.removeItem(at: site.appendingPathComponent("Copy"))
        let listing = (try? String(contentsOf: site.appendingPathComponent("listing.txt"), encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: site.appendingPathComponent("listing.txt"))
        #expect(!listing.contains(".parley-staging-") && !listing.contains(".parley-swap-"), "\(listing)")
        #expect(copy == (try Folder.reference(site)))
        #expect(try Folder.leftovers(site).isEmpty)
    }

    /// A cached build into a mount point killed after its first item was exchanged: the next build puts the
    /// previous items back, then builds, and the output is exactly a whole build's.
    @Test(.enabled(if: Self.canMount, "needs unshare -rm and mount in a user namespace"))
    func aBuildIntoAMountPointKilledHalfWayIsPutBack() throws {
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let script = """
            mkdir -p Public Copy Killed
            mount -t tmpfs none Public
            "$PARLEY" build --no-cache || exit 3
            sed -i 's/^title: .*/title: Alpha talks, renamed/' Content/rounds/alpha-talks.md
            PARLEY_KILL_AT=item-exchanged "$PARLEY" build
            echo "killed: $?"
            ls -A Public > Killed/listing.txt
            "$PARLEY" build || exit 4
            cp -a Public/. Copy/
            """
        let result = try Self.inNamespace(script, site: site)
        #expect(result.status == 0, "\(result.text)\n\(result.stderr)")
        #expect(result.text.contains("killed: 137"), "\(result.text)")
        let listing =
            (try? String(contentsOf: site.appendingPathComponent("Killed/listing.txt"), encoding: .utf8)) ?? ""
        #expect(listing.contains(".parley-swap-"), "the killed build left its record: \(listing)")
        let copy = Folder.snapshot(site.appendingPathComponent("Copy"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("Copy"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("Killed"))
        #expect(copy == (try Folder.reference(site)))
    }

    /// `Public/` as a read-only bind mount: the build says the file system is read-only and that the output was
    /// not changed (an older Parley said "Invalid cross-device link").
    @Test(.enabled(if: Self.canMount, "needs unshare -rm and mount in a user namespace"))
    func aReadOnlyMountIsReportedAsReadOnly() throws {
        let site = try Folder.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        try Folder.retitle(site)
        let script = """
            mount --bind Public Public && mount -o remount,bind,ro Public || exit 3
            "$PARLEY" build
            """
        let result = try Self.inNamespace(script, site: site)
        #expect(result.status == 1, "\(result.text)\n\(result.stderr)")
        #expect(result.stderr.contains("Read-only file system"), "\(result.stderr)")
        #expect(!result.stderr.contains("cross-device"), "\(result.stderr)")
        #expect(result.stderr.contains("Public/ was not changed"), "\(result.stderr)")
        #expect(try Folder.leftovers(site).isEmpty)
    }
}
