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
    /// (``stageAndCommit(output:spare:reuse:stage:)``). A build that fails or is killed before the exchange leaves the
    /// output exactly as it was. `added` are the paths Parley did not write there before (a file of someone
    /// else's at one is an error); `all` is every path Parley's output holds afterwards, for the manifest, or
    /// nil when that set is unchanged (the manifest is then neither read nor written). Files that are not
    /// Parley's are never touched.
    ///
    /// With the site's folder (`siteRoot`), the previous output is kept as its spare (``SpareOutput``), and the
    /// next update stages in it when it still fits, changing only what differs: the files of the build before and
    /// of this one.
    ///
    /// For cached builds and the preview server, whose output changes a few pages at a time; a whole build goes
    /// through `write`.
    static func update(
        output given: URL, pages: [RenderedPage], removed: [String], assets: [AssetFile], removedAssets: [String],
        added: [String], all: [String]?, siteRoot: URL? = nil, watch: OutputWatch? = nil
    ) throws(BuildFailure) -> UpdateReport {
        let output = try resolve(given)
        let spare = siteRoot.map { SpareOutput.folder(siteRoot: $0, output: output) }
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
                    guard lstat(output.appendingPathComponent(prefix).path, &info) == 0, !paths.contains(prefix) else {
                        break
                    }
                    if prefix == path || info.st_mode & S_IFMT != S_IFDIR {
                        if !clashes.contains(where: { $0.path == prefix }) { clashes.append((prefix, prefix != path)) }
                        break
                    }
                }
            }
            if !clashes.isEmpty {
                throw BuildFailure(
                    clashes.map { clash in
                        .error(
                            "\(name)/\(clash.path) was not written by Parley, and this build writes \(clash.folder ? "a folder" : "a file") of its own there",
                            at: SourceLocation(file: output.appendingPathComponent(clash.path).path),
                            hint:
                                "move it out of the output folder, or rename the page or asset that would replace it; Parley never replaces a file it did not write"
                        )
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
            throw BuildFailure([
                .error("cannot write the site: \(reason(error))", at: SourceLocation(file: output.path))
            ])
        }
        // Only paths Parley wrote are removed: the caller's record of them, checked against the manifest.
        let gone = (removed + removedAssets.map { "assets/" + $0 }).filter { manifest?.paths?.contains($0) ?? true }
        var report = UpdateReport(written: pages.count + changedAssets.count)
        for path in gone {
            var info = stat()
            if lstat(output.appendingPathComponent(path).path, &info) == 0 { report.removed += 1 }
        }
        // Nothing changed: the output stays as it is.
        if pages.isEmpty, changedAssets.isEmpty, gone.isEmpty, all == nil { return report }
        var skipped = Set(pages.map(\.path))
        skipped.formUnion(changedAssets.map(\.path))
        skipped.formUnion(gone)
        if all != nil { skipped.insert(marker) }
        // What differs between the new output and the current one, which becomes the next build's spare.
        let changed = skipped.sorted()
        // With a watch that saw no change in the output's folders, the spare is taken without looking at each.
        let quiet = spare != nil && watch?.quiet(output: output) == true
        var staged: StagingTree?
        try stageAndCommit(output: output, spare: spare, reuse: true, trusting: quiet) { staging, taken throws in
            let tree = StagingTree(staging: staging, output: output)
            staged = tree
            if let taken, let spare {
                // The spare is the output before the last build: that build's changes come first.
                try tree.open(folders: taken.folders, file: taken.foldersFile) {
                    SpareOutput.loadFolders(spare, file: taken.foldersFile)
                }
                for path in taken.changed where !skipped.contains(path) { try tree.carry(path) }
            } else {
                var folders: Set<String> = []
                try linkTree(of: output, into: staging, skipping: skipped, folders: &folders)
                try tree.open(
                    folders: folders.filter { !SpareOutput.isLeftOut(String($0.prefix { $0 != "/" })) }, file: nil
                ) { nil }
            }
            for page in pages { try tree.prepare(page.path) }
            for asset in changedAssets { try tree.prepare(asset.path) }
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
            for path in gone { try tree.remove(path) }
            if let all {
                try tree.prepare(marker)
                try FileBytes.write(OutputManifest.text(all), to: root + marker)
            }
            KillPoint.reached("update-staged")
            guard let spare else { return nil }
            // The list of folders is written again only when they changed.
            var file = tree.unchangedFile
            if file == nil, let folders = tree.folders { file = SpareOutput.writeFolders(folders, for: spare) }
            guard let file else { return nil }
            return SpareOutput.record(
                for: staging, timeIn: spare.deletingLastPathComponent(), changed: changed, foldersFile: file)
        }
        if let watch, let staged { watch.settle(output: output, all: { staged.folders }, made: staged.created) }
        return report
    }

}

extension OutputWriter {
    /// Makes a spare of `output` (``SpareOutput``) when it has none that fits: a copy in hard links, which the
    /// next update can stage in. For the preview, after its first build, so that its first reload is as quick
    /// as the rest. Does nothing for an output that cannot be exchanged (a mount point) or has no marker.
    ///
    /// A `watch` then watches the folders of both.
    package static func prepareSpare(output given: URL, siteRoot: URL, watch: OutputWatch? = nil) {
        guard let output = try? resolve(given), placement(for: output) == .beside, OutputManifest.read(output) != nil
        else { return }
        let spare = SpareOutput.folder(siteRoot: siteRoot, output: output)
        if let record = SpareOutput.fits(spare, output: output) {
            watch?.watch(output, all: { record.folders })
            watch?.watch(spare, all: { record.folders })
            return
        }
        SpareOutput.discard(spare, meanwhile: true)
        let making = spare.deletingLastPathComponent().appendingPathComponent(
            spare.lastPathComponent + ".new-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: making, withIntermediateDirectories: true)
            var folders: Set<String> = []
            try linkTree(of: output, into: making, skipping: [], folders: &folders)
            let kept = folders.filter { !SpareOutput.isLeftOut(String($0.prefix { $0 != "/" })) }.sorted()
            guard let file = SpareOutput.writeFolders(kept, for: spare),
                let record = SpareOutput.record(
                    for: output, timeIn: spare.deletingLastPathComponent(), changed: [], foldersFile: file)
            else {
                throw WriteError(description: "no record")
            }
            SpareOutput.keep(making, as: spare, record: record)
            watch?.watch(output, all: { kept })
            watch?.watch(spare, all: { kept })
        } catch {
            try? FileManager.default.removeItem(at: making)
        }
    }
}

/// A staging folder being made into the new output, path by path, through a descriptor on it: files carried from
/// the current output, paths cleared for a new file, files removed with the folders they leave empty. Keeps count
/// of the folders below its top that the new output has (``folders``), from those the current output has.
final class StagingTree {
    let staging: URL
    let output: URL
    private var descriptor: Int32 = -1
    private var outputDescriptor: Int32 = -1
    /// The current output's folders below its top (Pagefind's aside), read when needed, the file they are
    /// listed in (if any), and the differences from them so far.
    private var base: [String]?
    private var loadBase: () -> [String]? = { nil }
    private var baseFile: UInt64?
    private var made: Set<String> = []
    private var gone: Set<String> = []
    /// Every folder made in the staging folder (new to it, whether or not the current output has one there).
    private(set) var created: Set<String> = []

    init(staging: URL, output: URL) {
        self.staging = staging
        self.output = output
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if outputDescriptor >= 0 { close(outputDescriptor) }
    }

    /// Opens both folders; `folders` are the current output's, or nil to be read by `load` when needed, from the
    /// list `file` (its inode).
    func open(folders: [String]?, file: UInt64?, load: @escaping () -> [String]?) throws {
        base = folders
        baseFile = file
        loadBase = load
        descriptor = Foundation.open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        outputDescriptor = Foundation.open(output.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0, outputDescriptor >= 0 else { throw failure(output.lastPathComponent) }
    }

    /// The new output's folders below its top, but Pagefind's; nil when the current output's cannot be read.
    var folders: [String]? {
        if base == nil { base = loadBase() }
        guard let base else { return nil }
        return base.filter { !gone.contains($0) }
            + made.filter { !SpareOutput.isLeftOut(String($0.prefix { $0 != "/" })) }.sorted()
    }

    /// The list of the current output's folders, when the new output has the same.
    var unchangedFile: UInt64? {
        made.isEmpty && gone.isEmpty ? baseFile : nil
    }

    /// Makes `path` in the staging folder what it is in the output: the same file, linked, or nothing.
    func carry(_ path: String) throws {
        try clear(path)
        var info = stat()
        guard fstatat(outputDescriptor, path, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            return removeEmptyFolders(above: path)
        }
        try makeFolders(above: path)
        if linkat(outputDescriptor, path, descriptor, path, 0) != 0 {
            let reason = errno
            guard reason == EXDEV || reason == EPERM || reason == EMLINK, info.st_mode & S_IFMT == S_IFREG else {
                throw failure(path)
            }
            try FileManager.default.copyItem(atPath: output.path + "/" + path, toPath: staging.path + "/" + path)
        }
    }

    /// Makes way for a new file at `path`: whatever is there goes (never written through: it may be a link to
    /// the output's file), and its folders are made.
    func prepare(_ path: String) throws {
        try clear(path)
        try makeFolders(above: path)
    }

    /// Removes `path` and the folders that leaves empty.
    func remove(_ path: String) throws {
        try clear(path)
        removeEmptyFolders(above: path)
    }

    private func clear(_ path: String) throws {
        guard unlinkat(descriptor, path, 0) == 0 || errno == ENOENT || errno == ENOTDIR else { throw failure(path) }
    }

    /// Whether the current output has `folder`.
    private func current(_ folder: String) -> Bool {
        var info = stat()
        return fstatat(outputDescriptor, folder, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private func makeFolders(above path: String) throws {
        var end = path.startIndex
        while let slash = path[end...].firstIndex(of: "/") {
            let folder = String(path[..<slash])
            if mkdirat(descriptor, folder, 0o755) == 0 {
                created.insert(folder)
                if current(folder) { gone.remove(folder) } else { made.insert(folder) }
            } else if errno != EEXIST {
                throw failure(folder)
            }
            end = path.index(after: slash)
        }
    }

    private func removeEmptyFolders(above path: String) {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty, unlinkat(descriptor, folder, AT_REMOVEDIR) == 0 {
            created.remove(folder)
            if made.remove(folder) == nil { gone.insert(folder) }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    private func failure(_ path: String) -> WriteError {
        WriteError(description: "\(path): \(String(cString: strerror(errno)))")
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
