import Foundation

extension OutputWriter {
    /// What an update of an output folder did.
    struct UpdateReport {
        var written = 0
        var removed = 0
    }

    /// Updates a folder that holds a previous build, all or nothing for every reader: the whole new output is
    /// staged as a whole build stages it, with the changed pages and assets written and every other file of the
    /// current output (Parley's and anyone else's) hard-linked, and put in place in the same exchange
    /// (``stageAndCommit(output:stage:)``). A build that fails or is killed before the exchange leaves the
    /// output exactly as it was. `added` are the paths Parley did not write there before (a file of someone
    /// else's at one is an error); `all` is every path Parley's output holds afterwards, for the manifest, or
    /// nil when that set is unchanged (the manifest is then neither read nor written). Files that are not
    /// Parley's are never touched.
    ///
    /// For cached builds and the preview server, whose output changes a few pages at a time; a whole build goes
    /// through `write`.
    static func update(
        output given: URL, pages: [RenderedPage], removed: [String], assets: [AssetFile], removedAssets: [String],
        added: [String], all: [String]?
    ) throws(BuildFailure) -> UpdateReport {
        let output = try resolve(given)
        try recover(output)
        let fm = FileManager.default
        // The manifest is read only when paths come or go: an edit's rebuild rewrites pages Parley wrote already.
        let manifest = added.isEmpty && all == nil ? nil : OutputManifest.read(output)
        let name = output.lastPathComponent
        if let paths = manifest?.paths {
            // A file of someone else's at a new path, or where a folder on its way goes.
            var clashes: [(path: String, folder: Bool)] = []
            for path in added where !paths.contains(path) {
                var prefix = ""
                for part in path.split(separator: "/") {
                    prefix += prefix.isEmpty ? String(part) : "/" + part
                    var info = stat()
                    // Nothing there, or a file of Parley's that this build removes.
                    guard lstat(output.appendingPathComponent(prefix).path, &info) == 0, !paths.contains(prefix) else { break }
                    if prefix == path || info.st_mode & S_IFMT != S_IFDIR {
                        if !clashes.contains(where: { $0.path == prefix }) { clashes.append((prefix, prefix != path)) }
                        break
                    }
                }
            }
            if !clashes.isEmpty {
                throw BuildFailure(clashes.map { clash in
                    .error("\(name)/\(clash.path) was not written by Parley, and this build writes \(clash.folder ? "a folder" : "a file") of its own there",
                           at: SourceLocation(file: output.appendingPathComponent(clash.path).path),
                           hint: "move it out of the output folder, or rename the page or asset that would replace it; Parley never replaces a file it did not write")
                })
            }
        }
        // The changed assets, by their bytes against the output's.
        var changedAssets: [(path: String, data: Data)] = []
        do {
            for asset in assets {
                let data: Data
                do { data = try Data(contentsOf: asset.url) } catch {
                    throw WriteError(description: "Templates/assets/\(asset.path): \(error.localizedDescription)")
                }
                if fm.contents(atPath: output.appendingPathComponent("assets/" + asset.path).path) != data {
                    changedAssets.append(("assets/" + asset.path, data))
                }
            }
        } catch {
            throw BuildFailure([.error("cannot write the site: \(reason(error))", at: SourceLocation(file: output.path))])
        }
        // Only paths Parley wrote are removed: the caller's record of them, checked against the manifest.
        let gone = (removed + removedAssets.map { "assets/" + $0 }).filter { manifest?.paths?.contains($0) ?? true }
        var report = UpdateReport(written: pages.count + changedAssets.count)
        for path in gone {
            var info = stat()
            if lstat(output.appendingPathComponent(path).path, &info) == 0 { report.removed += 1 }
        }
        var skipped = Set(pages.map(\.path))
        skipped.formUnion(changedAssets.map(\.path))
        skipped.formUnion(gone)
        if all != nil { skipped.insert(marker) }
        try stageAndCommit(output: output) { staging throws in
            try linkTree(of: output, into: staging, skipping: skipped)
            var folders = Set(pages.map { ($0.path as NSString).deletingLastPathComponent })
            folders.formUnion(changedAssets.map { ($0.path as NSString).deletingLastPathComponent })
            for folder in folders.sorted() where !folder.isEmpty {
                try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let root = staging.path + "/"
            let failures = pages.parallelMap { page -> String? in
                do {
                    try FileBytes.write(page.contents, to: root + page.path)
                    return nil
                } catch {
                    return "\(page.path): \(error.localizedDescription)"
                }
            }.compactMap { $0 }
            if let failure = failures.first { throw WriteError(description: failure) }
            for asset in changedAssets {
                do {
                    try asset.data.withUnsafeBytes { try FileBytes.write($0, to: root + asset.path) }
                } catch {
                    throw WriteError(description: "\(asset.path): \(error)")
                }
            }
            for path in gone {
                removeEmptyFolders(from: staging.appendingPathComponent(path).deletingLastPathComponent(), upTo: staging)
            }
            if let all { try FileBytes.write(OutputManifest.text(all), to: root + marker) }
            KillPoint.reached("update-staged")
        }
        return report
    }

    static func removeEmptyFolders(from folder: URL, upTo output: URL) {
        var folder = folder.standardizedFileURL
        let stop = output.standardizedFileURL.path
        while folder.path.hasPrefix(stop + "/"), (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }
}

/// A test hook: with `PARLEY_KILL_AT=<point>` in its environment, the process kills itself (`SIGKILL`, as
/// `kill -9` does) when writing the output reaches that point, so that tests can show what a kill leaves. The
/// points: `staged`, `carried` (a whole build, its new output written), `update-staged` (a cached build, its new
/// output staged), `exchanged` (either, right after the exchange), `between-renames` (where there is no atomic
/// exchange), `item-exchanged` (an output that is a mount point, after the first of its items is exchanged).
enum KillPoint {
    static let point = ProcessInfo.processInfo.environment["PARLEY_KILL_AT"]

    static func reached(_ name: String) {
        if point == name { kill(getpid(), SIGKILL) }
    }
}
