import Foundation
import ParleyWatch
import Testing

/// Every way editors and people change a site's files, with inotify and with polling: the exact paths reported.
@Suite struct WatcherTests {
    /// Lays out the site with `setUp`, starts a watcher on Content/ and Templates/, runs `body`, and cleans up.
    func watch(
        _ backend: WatchBackend,
        debounce: Duration = .milliseconds(15),
        setUp: (TemporarySite) throws -> Void = { _ in },
        _ body: (TemporarySite, BatchRecorder) async throws -> Void
    ) async throws {
        let site = try TemporarySite()
        defer { site.delete() }
        try setUp(site)
        let watcher = try FileWatcher(
            root: site.root, folders: ["Content", "Templates"], debounce: debounce, mode: backend.mode,
            ignore: WatchBackend.isIgnored
        )
        defer { watcher.stop() }
        #expect(watcher.usesPolling == (backend == .polling))
        try await body(site, BatchRecorder.record(watcher.changes))
    }

    @Test(arguments: WatchBackend.available)
    func writeInPlace(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/rounds/first.md", "first")
                try site.write("Content/rounds/second.md", "second")
            }
        ) { site, recorder in
            try site.write("Content/rounds/first.md", "first, edited")
            #expect(await recorder.paths(including: ["Content/rounds/first.md"]) == ["Content/rounds/first.md"])
        }
    }

    @Test(arguments: WatchBackend.available, [".entry.md.swp", "entry.md~", "#entry.md#", "entry.md.tmp"])
    func saveThroughTemporaryFile(backend: WatchBackend, temporaryName: String) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Templates/entry.mustache", "{{title}}")
            }
        ) { site, recorder in
            try site.write("Templates/\(temporaryName)", "<h1>{{title}}</h1>")
            try site.rename("Templates/\(temporaryName)", to: "Templates/entry.mustache")
            #expect(await recorder.paths(including: ["Templates/entry.mustache"]) == ["Templates/entry.mustache"])
        }
    }

    /// `touch`, a common way to ask for a rebuild, changes only the modification time.
    @Test(arguments: WatchBackend.available)
    func touch(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/entry.md", "entry")
            }
        ) { site, recorder in
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)],
                ofItemAtPath: site.url("Content/entry.md").path
            )
            #expect(await recorder.paths(including: ["Content/entry.md"]) == ["Content/entry.md"])
        }
    }

    /// Vim's default: move the original to a backup, write a new file, delete the backup.
    @Test(arguments: WatchBackend.available)
    func saveWithBackup(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/entry.md", "old")
            }
        ) { site, recorder in
            try site.rename("Content/entry.md", to: "Content/entry.md~")
            try site.write("Content/entry.md", "new text")
            try site.remove("Content/entry.md~")
            #expect(await recorder.paths(including: ["Content/entry.md"]) == ["Content/entry.md"])
        }
    }

    @Test(arguments: WatchBackend.available)
    func deleteAndRecreate(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/entry.md", "old")
            }
        ) { site, recorder in
            try site.remove("Content/entry.md")
            try site.write("Content/entry.md", "recreated")
            #expect(await recorder.paths(including: ["Content/entry.md"]) == ["Content/entry.md"])
        }
    }

    @Test(arguments: WatchBackend.available)
    func newFile(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/entry.md", "old")
            }
        ) { site, recorder in
            try site.write("Content/new.md", "new")
            #expect(await recorder.paths(including: ["Content/new.md"]) == ["Content/new.md"])
        }
    }

    @Test(arguments: WatchBackend.available)
    func deletedFile(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/entry.md", "old")
                try site.write("Content/kept.md", "kept")
            }
        ) { site, recorder in
            try site.remove("Content/entry.md")
            #expect(await recorder.paths(including: ["Content/entry.md"]) == ["Content/entry.md"])
        }
    }

    /// Files created before the new folders' watches exist must be reported too.
    @Test(arguments: WatchBackend.available)
    func newFolderWithFiles(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.makeFolder("Content")
            }
        ) { site, recorder in
            try site.write("Content/rounds/deeper/first.md", "first")
            try site.write("Content/rounds/second.md", "second")
            let expected: Set = [
                "Content/rounds", "Content/rounds/deeper", "Content/rounds/deeper/first.md", "Content/rounds/second.md",
            ]
            #expect(await recorder.paths(including: expected) == expected)

            let count = recorder.batches.count
            try site.write("Content/rounds/deeper/first.md", "first, edited")
            #expect(
                await recorder.paths(from: count, including: ["Content/rounds/deeper/first.md"]) == [
                    "Content/rounds/deeper/first.md"
                ])
        }
    }

    @Test(arguments: WatchBackend.available)
    func deletedFolder(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/rounds/first.md", "first")
                try site.write("Content/rounds/deeper/second.md", "second")
                try site.write("Content/kept.md", "kept")
            }
        ) { site, recorder in
            try site.remove("Content/rounds")
            let expected: Set = [
                "Content/rounds", "Content/rounds/first.md", "Content/rounds/deeper", "Content/rounds/deeper/second.md",
            ]
            #expect(await recorder.paths(including: expected) == expected)
        }
    }

    @Test(arguments: WatchBackend.available)
    func renamedFolder(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/drafts/first.md", "first")
                try site.write("Content/drafts/deeper/second.md", "second")
            }
        ) { site, recorder in
            try site.rename("Content/drafts", to: "Content/rounds")
            let expected: Set = [
                "Content/drafts", "Content/drafts/first.md", "Content/drafts/deeper", "Content/drafts/deeper/second.md",
                "Content/rounds", "Content/rounds/first.md", "Content/rounds/deeper", "Content/rounds/deeper/second.md",
            ]
            #expect(await recorder.paths(including: expected) == expected)

            let count = recorder.batches.count
            try site.write("Content/rounds/deeper/second.md", "second, edited")
            try site.write("Content/rounds/third.md", "third")
            let after: Set = ["Content/rounds/deeper/second.md", "Content/rounds/third.md"]
            #expect(await recorder.paths(from: count, including: after) == after)
        }
    }

    /// A folder moved out of the watched folders is reported, and what happens to it afterwards is not.
    @Test(arguments: WatchBackend.available)
    func folderMovedOut(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/drafts/first.md", "first")
            }
        ) { site, recorder in
            try site.rename("Content/drafts", to: "Elsewhere")
            let moved = await recorder.paths(including: ["Content/drafts"])
            // inotify knows the folder left; polling also sees the files in it go.
            #expect(moved.isSubset(of: ["Content/drafts", "Content/drafts/first.md"]))

            let count = recorder.batches.count
            try site.write("Elsewhere/first.md", "first, edited elsewhere")
            try site.write("Content/marker.md", "marker")
            #expect(await recorder.paths(from: count, including: ["Content/marker.md"]) == ["Content/marker.md"])
        }
    }

    /// A folder renamed from an ignored name (as tools that stage a folder do) appears with its files.
    @Test(arguments: WatchBackend.available)
    func folderRenamedFromIgnoredName(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/.staging/first.md", "first")
            }
        ) { site, recorder in
            try site.rename("Content/.staging", to: "Content/rounds")
            let expected: Set = ["Content/rounds", "Content/rounds/first.md"]
            #expect(await recorder.paths(including: expected) == expected)
        }
    }

    @Test(arguments: WatchBackend.available)
    func severalChangesMakeOneBatch(backend: WatchBackend) async throws {
        try await watch(
            backend, debounce: .milliseconds(250),
            setUp: { site in
                try site.makeFolder("Content")
            }
        ) { site, recorder in
            let expected = Set((1...5).map { "Content/entry-\($0).md" })
            for path in expected.sorted() {
                try site.write(path, "text of \(path)")
            }
            _ = await recorder.paths(including: expected)
            #expect(recorder.batches == [FileChangeBatch(paths: expected, isOverflow: false)])
        }
    }

    /// A file saved over and over, faster than the debounce, still produces a batch while the saving goes on.
    @Test(arguments: WatchBackend.available)
    func steadyTrickleStillFlushes(backend: WatchBackend) async throws {
        try await watch(
            backend, debounce: .milliseconds(100),
            setUp: { site in
                try site.write("Content/log.md", "")
            }
        ) { site, recorder in
            // On a thread of its own, so a busy concurrency pool cannot pause the trickle; it writes every 5 ms
            // for 8 s, far longer than the cap of ten debounces (1 s).
            let trickle = Trickle(site: site, path: "Content/log.md", every: .milliseconds(5), for: .seconds(8))
            defer { trickle.stop() }
            #expect(await recorder.wait(timeout: .seconds(5)) { batches, _ in !batches.isEmpty })
            #expect(recorder.batches.first == FileChangeBatch(paths: ["Content/log.md"]))
        }
    }

    @Test(arguments: WatchBackend.available)
    func ignoredNamesAreNeverReported(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/.git/HEAD", "ref: main")
                try site.write("Content/entry.md", "entry")
            }
        ) { site, recorder in
            try site.write("Content/.git/HEAD", "ref: other")
            try site.write("Content/.git/objects/ab", "object")
            try site.write("Content/.entry.md.swp", "swap")
            try site.write("Content/entry.md~", "backup")
            try site.write("Content/#entry.md#", "autosave")
            try site.write("Content/notes.tmp", "temporary")
            try site.write("Content/.cache/index", "cache")
            try site.remove("Content/.entry.md.swp")
            // Written last, so that anything wrongly reported has arrived by the time it has.
            try site.write("Content/visible.md", "visible")
            #expect(await recorder.paths(including: ["Content/visible.md"]) == ["Content/visible.md"])
        }
    }

    /// Folders that do not exist when watching starts are picked up when they appear.
    @Test(arguments: WatchBackend.available)
    func watchedFolderCreatedLater(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/entry.md", "entry")
                try site.write("Other/ignored.md", "not watched")
            }
        ) { site, recorder in
            try site.write("Templates/entry.mustache", "{{title}}")
            try site.write("Other/ignored.md", "still not watched")
            let expected: Set = ["Templates", "Templates/entry.mustache"]
            #expect(await recorder.paths(including: expected) == expected)

            let count = recorder.batches.count
            try site.write("Templates/entry.mustache", "<h1>{{title}}</h1>")
            #expect(
                await recorder.paths(from: count, including: ["Templates/entry.mustache"]) == [
                    "Templates/entry.mustache"
                ])
        }
    }

    /// A folder the watcher may not read is skipped, and everything else is still watched.
    @Test(arguments: WatchBackend.available)
    func unreadableFolderIsSkipped(backend: WatchBackend) async throws {
        try await watch(
            backend,
            setUp: { site in
                try site.write("Content/locked/secret.md", "secret")
                try FileManager.default.setAttributes(
                    [.posixPermissions: 0], ofItemAtPath: site.url("Content/locked").path)
            }
        ) { site, recorder in
            defer {
                try? FileManager.default.setAttributes(
                    [.posixPermissions: 0o755], ofItemAtPath: site.url("Content/locked").path)
            }
            try site.write("Content/marker.md", "marker")
            #expect(await recorder.paths(including: ["Content/marker.md"]) == ["Content/marker.md"])
        }
    }

    /// A symbolic link to a folder outside the root is reported as an entry but not followed.
    @Test(arguments: WatchBackend.available)
    func symbolicLinksAreNotFollowed(backend: WatchBackend) async throws {
        let outside = try TemporarySite()
        defer { outside.delete() }
        try outside.write("notes/elsewhere.md", "elsewhere")
        try await watch(
            backend,
            setUp: { site in
                try site.makeFolder("Content")
                try FileManager.default.createSymbolicLink(
                    at: site.url("Content/linked"), withDestinationURL: outside.url("notes"))
            }
        ) { site, recorder in
            try outside.write("notes/elsewhere.md", "elsewhere, edited")
            try outside.write("notes/new.md", "new")
            try site.write("Content/marker.md", "marker")
            #expect(await recorder.paths(including: ["Content/marker.md"]) == ["Content/marker.md"])
        }
    }
}
