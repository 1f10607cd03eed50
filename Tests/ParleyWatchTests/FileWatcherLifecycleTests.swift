import Foundation
import ParleyWatch
import Testing

/// Starting, stopping and failing to start.
@Suite struct FileWatcherLifecycleTests {
    @Test(arguments: WatchBackend.available)
    func stopFinishesTheStream(backend: WatchBackend) async throws {
        let site = try TemporarySite()
        defer { site.delete() }
        try site.makeFolder("Content")
        let watcher = try FileWatcher(root: site.root, folders: ["Content"], mode: backend.mode)
        let recorder = BatchRecorder.record(watcher.changes)
        watcher.stop()
        watcher.stop()
        #expect(await recorder.wait { _, finished in finished })
        try site.write("Content/after.md", "after stopping")
        try await Task.sleep(for: .milliseconds(200))
        #expect(recorder.batches == [])
    }

    @Test(arguments: WatchBackend.available)
    func releasingTheWatcherStopsIt(backend: WatchBackend) async throws {
        let site = try TemporarySite()
        defer { site.delete() }
        var watcher: FileWatcher? = try FileWatcher(root: site.root, folders: ["Content"], mode: backend.mode)
        let recorder = BatchRecorder.record(watcher!.changes)
        watcher = nil
        #expect(await recorder.wait { _, finished in finished })
    }

    @Test func missingRootThrows() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parley-watch-missing-\(UUID().uuidString)")
        let error = #expect(throws: FileWatcherError.self) {
            try FileWatcher(root: missing, folders: ["Content"])
        }
        #expect(error?.description.contains(missing.lastPathComponent) == true)
        #expect(error?.description.contains("does not exist") == true)
    }

    @Test(arguments: ["Content/rounds", "..", ""])
    func folderMustBeANameInsideTheRoot(folder: String) throws {
        let site = try TemporarySite()
        defer { site.delete() }
        #expect(throws: FileWatcherError.self) {
            try FileWatcher(root: site.root, folders: [folder])
        }
    }

    @Test func automaticModeUsesInotifyOnLinux() throws {
        let site = try TemporarySite()
        defer { site.delete() }
        let watcher = try FileWatcher(root: site.root, folders: ["Content"])
        defer { watcher.stop() }
        #if canImport(Glibc)
            #expect(!watcher.usesPolling)
        #else
            #expect(watcher.usesPolling)
        #endif
    }
}
