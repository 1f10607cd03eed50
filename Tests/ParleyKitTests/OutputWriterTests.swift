import Foundation
import Testing
@testable import ParleyKit

@Suite struct OutputWriterTests {
    /// A site that builds, in a temporary folder of its own.
    func site() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.copy(from: Fixtures.basicSite)
        try? FileManager.default.removeItem(at: folder.url.appendingPathComponent("Expected"))
        return folder
    }

    @Test func aFailedBuildLeavesThePreviousOutputByteForByte() throws {
        let folder = site()
        let output = folder.url.appendingPathComponent("Public")
        _ = try Pipeline.build(Pipeline.Options(siteRoot: folder.url))
        let before = Snapshot.take(output)
        let attributes = try FileManager.default.attributesOfItem(
            atPath: output.appendingPathComponent("index.html").path)

        folder.write(["Content/rounds/broken.md": "---\ntitle: Broken\ndate: 2022-02-30\n---\n"])
        #expect(throws: BuildFailure.self) { try Pipeline.build(Pipeline.Options(siteRoot: folder.url)) }

        #expect(Snapshot.take(output) == before)
        let after = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("index.html").path)
        #expect(after[.modificationDate] as? Date == attributes[.modificationDate] as? Date)
        // Nothing is left beside it either.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
            $0.contains("parley")
        }
        #expect(siblings.isEmpty)
    }

    @Test func aNewBuildReplacesTheOldOneWhole() throws {
        let folder = site()
        let output = folder.url.appendingPathComponent("Public")
        _ = try Pipeline.build(Pipeline.Options(siteRoot: folder.url))
        #expect(
            FileManager.default.fileExists(atPath: output.appendingPathComponent("rounds/gamma-talks/index.html").path))
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/rounds/gamma-talks.md"))
        _ = try Pipeline.build(Pipeline.Options(siteRoot: folder.url))
        #expect(
            !FileManager.default.fileExists(atPath: output.appendingPathComponent("rounds/gamma-talks/index.html").path)
        )
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputWriter.marker).path))
    }

    @Test(arguments: [".", "Content", "Content/rounds", "Templates", "..", "/"])
    func refusesOutputsThatWouldReplaceTheSiteOrMore(relative: String) throws {
        let folder = site()
        let output =
            relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : folder.url.appendingPathComponent(relative)
        let before = Snapshot.take(folder.url)
        do {
            _ = try Pipeline.build(Pipeline.Options(siteRoot: folder.url, output: output))
            Issue.record("the build wrote to \(relative)")
        } catch {
            // The refusal is the one error, reported with the run's warnings.
            let errors = error.diagnostics.filter(\.isError)
            #expect(errors.count == 1)
            #expect(errors.first?.message.hasPrefix("refusing to use") == true)
        }
        #expect(Snapshot.take(folder.url) == before)
    }

    @Test func refusesTheHomeFolder() {
        #expect(throws: BuildFailure.self) {
            try OutputWriter.checkSafe(
                output: FileManager.default.homeDirectoryForCurrentUser, siteRoot: URL(fileURLWithPath: "/nonexistent"))
        }
    }

    @Test func refusesAFolderOfSomeoneElsesFilesAndLeavesThemAlone() throws {
        let folder = site()
        folder.write(["Notes/important.txt": "keep me"])
        let output = folder.url.appendingPathComponent("Notes")
        #expect(throws: BuildFailure.self) {
            try Pipeline.build(Pipeline.Options(siteRoot: folder.url, output: output))
        }
        #expect(try String(contentsOf: output.appendingPathComponent("important.txt"), encoding: .utf8) == "keep me")
    }

    @Test func writesIntoAnEmptyOrMissingFolder() throws {
        let folder = site()
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("Empty"), withIntermediateDirectories: true)
        _ = try Pipeline.build(
            Pipeline.Options(siteRoot: folder.url, output: folder.url.appendingPathComponent("Empty")))
        _ = try Pipeline.build(
            Pipeline.Options(siteRoot: folder.url, output: folder.url.appendingPathComponent("deep/new/out")))
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Empty/index.html").path))
        #expect(
            FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("deep/new/out/index.html").path))
    }
}

/// What killed builds leave beside the output is removed by the next build, whole or cached; nothing else is.
@Suite struct LeftoverTests {
    @Test(arguments: [true, false])
    func theNextBuildRemovesWhatKilledBuildsLeft(whole: Bool) throws {
        let folder = TemporaryFolder()
        folder.copy(from: Fixtures.basicSite)
        try? FileManager.default.removeItem(at: folder.url.appendingPathComponent("Expected"))
        let options = Pipeline.Options(siteRoot: folder.url)
        let session = BuildSession(options: options, cacheFolder: folder.url.appendingPathComponent(".parley-cache"))
        #expect(session.rebuild(changed: nil).succeeded)
        try session.saveCache()
        // A staging folder a killed build was writing (no marker yet, as before this fix), an old output being
        // removed, one of a build still running (process 1 is always running), and a folder of the user's.
        folder.write([
            ".Public.parley-staging-999999/index.html": "half",
            ".Public.parley-old-999998/rounds/index.html": "old",
            ".Public.parley-staging-1/index.html": "another build at work",
            ".Public.parley-staging-notes/keep.txt": "mine",
        ])
        if whole { try FileManager.default.removeItem(at: folder.url.appendingPathComponent(".parley-cache")) }
        _ = Self.append(folder.url.appendingPathComponent("Content/rounds/beta-talks.md"))
        let again = BuildSession(options: options, cacheFolder: folder.url.appendingPathComponent(".parley-cache"))
        let result = again.rebuild(changed: nil)
        #expect(result.succeeded)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
            $0.hasPrefix(".Public.")
        }.sorted()
        #expect(
            left == [".Public.parley-staging-1", ".Public.parley-staging-notes"], "\(whole ? "whole" : "cached") build")
    }

    static func append(_ url: URL) -> Bool {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return (try? (text + "\nOne more sentence.\n").write(to: url, atomically: true, encoding: .utf8)) != nil
    }
}

/// What a kill between the two renames of a swap leaves (where there is no atomic exchange), and an exchange item
/// by item cut short.
@Suite struct RecoveryTests {
    @Test func anOutputMovedAsideByAKilledSwapIsPutBackEvenByAFailingBuild() throws {
        let folder = TemporaryFolder()
        folder.copy(from: Fixtures.basicSite)
        try? FileManager.default.removeItem(at: folder.url.appendingPathComponent("Expected"))
        let options = Pipeline.Options(siteRoot: folder.url)
        #expect(BuildSession(options: options).rebuild(changed: nil).succeeded)
        let output = folder.url.appendingPathComponent("Public")
        let before = Snapshot.take(output)
        // Killed after `Public` → `.Public.parley-old-PID`, before the staging folder took its place.
        try FileManager.default.moveItem(at: output, to: folder.url.appendingPathComponent(".Public.parley-old-999999"))
        folder.write([".Public.parley-staging-999999/index.html": "new, half-written"])
        folder.write(["Content/rounds/broken.md": "---\ntitle: Broken\ndate: 2022-02-30\n---\n"])
        #expect(!BuildSession(options: options).rebuild(changed: nil).succeeded)
        #expect(Snapshot.take(output) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
            $0.hasPrefix(".Public.")
        }
        #expect(left.isEmpty)
    }

    /// An exchange item by item (an output that is a mount point) killed after its first step: the next start
    /// puts the previous item back from the record, and removes the record and the staging folder.
    @Test func anExchangeItemByItemCutShortIsUndone() throws {
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("Public")
        folder.write([
            "Public/.parley-output": OutputManifest.header + "\na/index.html\n",
            "Public/a/index.html": "old a",
            "Public/gone/index.html": "old, not in the new build",
            "Public/.parley-staging-999999/a/index.html": "new a",
            "Public/.parley-staging-999999/b/index.html": "new b",
            "Public/.parley-staging-999999/.parley-output": OutputManifest.header + "\na/index.html\nb/index.html\n",
        ])
        let staging = output.appendingPathComponent(".parley-staging-999999")
        func inode(_ url: URL) -> UInt64 {
            var info = stat()
            lstat(url.path, &info)
            return UInt64(info.st_ino)
        }
        let steps = [
            OutputWriter.ItemStep(kind: "x", inode: inode(staging.appendingPathComponent("a")), name: "a"),
            OutputWriter.ItemStep(kind: "n", inode: inode(staging.appendingPathComponent("b")), name: "b"),
            OutputWriter.ItemStep(kind: "r", inode: inode(output.appendingPathComponent("gone")), name: "gone"),
            OutputWriter.ItemStep(
                kind: "x", inode: inode(staging.appendingPathComponent(".parley-output")), name: ".parley-output"),
        ]
        let before = Snapshot.take(output.appendingPathComponent("a"))
        try OutputWriter.recordText(steps, staging: ".parley-staging-999999").write(
            to: output.appendingPathComponent(".parley-swap-999999"), atomically: false, encoding: .utf8)
        // Killed after the first two steps.
        #expect(
            OutputWriter.exchange?(
                AT_FDCWD, staging.appendingPathComponent("a").path, AT_FDCWD, output.appendingPathComponent("a").path, 2
            ) == 0)
        try FileManager.default.moveItem(
            at: staging.appendingPathComponent("b"), to: output.appendingPathComponent("b"))
        try OutputWriter.recover(output)
        #expect(try String(contentsOf: output.appendingPathComponent("a/index.html"), encoding: .utf8) == "old a")
        #expect(Snapshot.take(output.appendingPathComponent("a")) == before)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("b").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("gone/index.html").path))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [
                ".parley-output", "a", "gone",
            ])
    }

    /// A record that names anything but a top-level item (`..`, a path) acts on nothing: it and its staging
    /// folder are removed.
    @Test(arguments: ["..", "../Content", "a/b", ".parley-staging-1"])
    func aRecordNamingAnythingButAnItemIsOnlyRemoved(name: String) throws {
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("Public")
        folder.write([
            "Public/.parley-output": OutputManifest.header + "\n",
            "Public/.parley-staging-999999/x": "staged",
            "Content/site.yaml": "title: Mine\n",
        ])
        let record = OutputWriter.recordText(
            [OutputWriter.ItemStep(kind: "n", inode: 1, name: name)], staging: ".parley-staging-999999")
        try record.write(to: output.appendingPathComponent(".parley-swap-999999"), atomically: false, encoding: .utf8)
        try OutputWriter.recover(output)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Content/site.yaml").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [".parley-output"])
    }
}

/// The preview's output folder deleted by hand while it runs.
@Suite struct DeletedOutputTests {
    @Test(arguments: [true, false])
    func theNextSaveWritesItWholeAgain(bodyOnly: Bool) throws {
        let folder = TemporaryFolder()
        folder.copy(from: Fixtures.basicSite)
        try? FileManager.default.removeItem(at: folder.url.appendingPathComponent("Expected"))
        let options = Pipeline.Options(siteRoot: folder.url)
        let session = BuildSession(options: options)
        #expect(session.rebuild(changed: nil).succeeded)
        let output = folder.url.appendingPathComponent("Public")
        try FileManager.default.removeItem(at: output)
        let entry = "Content/rounds/beta-talks.md"
        if bodyOnly {
            #expect(LeftoverTests.append(folder.url.appendingPathComponent(entry)))
        } else {
            let url = folder.url.appendingPathComponent(entry)
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "title: ", with: "title: Retitled ").write(
                to: url, atomically: true, encoding: .utf8)
        }
        #expect(session.rebuild(changed: [entry]).succeeded)
        let reference = TemporaryFolder()
        _ = try Pipeline.build(
            Pipeline.Options(siteRoot: folder.url, output: reference.url.appendingPathComponent("Public")))
        #expect(Snapshot.take(output) == Snapshot.take(reference.url.appendingPathComponent("Public")))
        // And `parley build` takes the folder as Parley's.
        #expect(BuildSession(options: options).rebuild(changed: nil).succeeded)
    }
}
