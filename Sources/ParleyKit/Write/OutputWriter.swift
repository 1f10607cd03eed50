import Foundation

/// Stage 5, write: puts the rendered site into the output folder so that no reader ever sees it half-written, and
/// keeps everything in it that Parley did not write.
///
/// Every build, whole or cached, stages the complete new output in a folder of its own beside the output: a whole
/// build writes every file there, a cached one writes the changed files and hard-links every other file of the
/// current output (see `update`); the files someone else put in the output (a `CNAME`, a deploy's `.git/`) are
/// linked in too. Then the two folders change places in one atomic exchange (`renameat2(RENAME_EXCHANGE)`), and
/// the previous output is removed. A failed build never gets that far, so the previous output stays exactly as it
/// was; a killed one leaves only its staging folder, which the next build removes. An output that is a mount
/// point cannot be exchanged: the new output is staged inside it, and its top-level items are exchanged one by
/// one (see `exchangeItems`). Parley only ever writes into a folder it made itself (it leaves a marker file in
/// it, listing what it wrote) and refuses dangerous targets. An output that is a symbolic link is written
/// through: the folder it points to is the one replaced.
public enum OutputWriter {
    /// The marker that says a folder was made by Parley, listing the files it wrote there.
    public static let marker = ".parley-output"

    /// Renders `pages` and writes each as soon as it is rendered, in parallel, so that no more than a page per
    /// core is held in memory; returns, in order, each page's key (when `keyed`, else 0) and the hash of its
    /// bytes (``KeyHasher/contents(_:)``). The output's spare (``SpareOutput``) no longer fits, and goes.
    static func write(
        pages: [PlannedPage], assets: [AssetFile], to given: URL, siteRoot: URL, keyed: Bool,
        progress: BuildProgress? = nil
    ) throws(BuildFailure) -> [(key: CacheKey, bytes: CacheKey)] {
        let output = try resolve(given)
        try checkSafe(output: output, siteRoot: siteRoot)
        try recover(output)
        var hashes: [(key: CacheKey, bytes: CacheKey)] = []
        try stageAndCommit(output: output, spare: SpareOutput.folder(siteRoot: siteRoot, output: output)) {
            staging, _ throws in
            // The marker first: a build killed while writing leaves a folder that is recognisably Parley's.
            try FileBytes.write(OutputManifest.header + "\n", to: staging.appendingPathComponent(marker).path)
            hashes = try writeFiles(pages, assets: assets, into: staging, keyed: keyed, progress: progress)
            KillPoint.reached("staged")
            let written = pages.map(\.path) + assets.map { "assets/" + $0.path }
            try carryForeignItems(from: output, into: staging, written: written)
            try FileBytes.write(OutputManifest.text(written), to: staging.appendingPathComponent(marker).path)
            KillPoint.reached("carried")
            return nil
        }
        return hashes
    }

    /// Makes a staging folder, lets `stage` fill it with the whole new output, and puts it in place: beside the
    /// output and exchanged with it whole, or, for an output that cannot be exchanged (a mount point, or an
    /// exchange refused as busy or across devices), inside it and exchanged item by item. Any failure removes
    /// the staging folder and leaves the output as it was.
    ///
    /// With a `spare` of the output (``SpareOutput``) to `reuse`, the staging folder is the spare when it fits
    /// (`stage` is given its record, and brings it up to date), else empty; `stage` returns the record of the new
    /// spare, which the previous output becomes after the exchange, or nil to have the previous output (and any
    /// spare) removed. A spare not to reuse no longer fits once the output changes, and goes. `trusting`: see
    /// ``SpareOutput/take(_:output:to:trusting:)``.
    static func stageAndCommit(
        output: URL, spare: URL? = nil, reuse: Bool = false, trusting: Bool = false,
        stage: (_ staging: URL, _ taken: SpareOutput?) throws -> SpareOutput?
    ) throws(BuildFailure) {
        let fm = FileManager.default
        var placement = placement(for: output)
        while true {
            let staging = stagingFolder(for: output, placement)
            var kept: SpareOutput?
            do {
                try fm.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? fm.removeItem(at: staging)  // our own name, from a run with the same process id that died
                var taken: SpareOutput?
                if let spare {
                    if reuse, placement == .beside {
                        taken = SpareOutput.take(spare, output: output, to: staging, trusting: trusting)
                    } else {
                        SpareOutput.invalidate(spare)
                    }
                }
                if taken == nil {
                    guard mkdir(staging.path, 0o755) == 0 else {
                        throw WriteError(
                            description: "\(Self.shown(staging, output: output)): \(String(cString: strerror(errno)))")
                    }
                }
                kept = try stage(staging, taken)
            } catch {
                try? fm.removeItem(at: staging)
                if let failure = error as? BuildFailure { throw failure }
                throw BuildFailure([
                    .error("cannot write the site: \(Self.reason(error))", at: SourceLocation(file: output.path))
                ])
            }
            do {
                switch placement {
                case .beside:
                    try swap(staging: staging, into: output) { previous in
                        if let spare, let kept {
                            SpareOutput.keep(previous, as: spare, record: kept)
                        } else {
                            try? fm.removeItem(at: previous)
                            if let spare { SpareOutput.discard(spare) }
                        }
                    }
                case .inside:
                    try exchangeItems(staging: staging, output: output)
                    if let spare { SpareOutput.discard(spare) }
                }
                return
            } catch let refused as CannotExchange where placement == .beside {
                // A mount point not listed as one (or a file system that refuses): stage again, inside.
                _ = refused
                try? fm.removeItem(at: staging)
                placement = .inside
            } catch {
                try? fm.removeItem(at: staging)
                var failure = BuildFailure([
                    .error(
                        "cannot put the new site in place: \(Self.reason(error))",
                        at: SourceLocation(file: output.path),
                        hint: "the previous output was left as it was")
                ])
                if let partly = error as? RollbackFailed {
                    failure = BuildFailure([
                        .error(
                            "cannot put the new site in place: \(partly.description)",
                            at: SourceLocation(file: output.path),
                            hint: "the next build or preview puts back what it can")
                    ])
                    failure.outputChanged = true
                }
                throw failure
            }
        }
    }

    /// A staging folder as the user knows it: `.Public.parley-staging-123` beside the output, or
    /// `Public/.parley-staging-123` inside it.
    static func shown(_ staging: URL, output: URL) -> String {
        staging.deletingLastPathComponent().standardizedFileURL.path == output.standardizedFileURL.path
            ? output.lastPathComponent + "/" + staging.lastPathComponent : staging.lastPathComponent
    }

    /// What went wrong, in words, without Foundation's long sentences around a system error.
    static func reason(_ error: Error) -> String {
        if let error = error as? WriteError { return error.description }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            let path =
                (nsError.userInfo[NSFilePathErrorKey] as? String).map {
                    URL(fileURLWithPath: $0).lastPathComponent + ": "
                } ?? ""
            return path + String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }

    /// The folder a build writes: `output` itself, or the folder it links to. A link to nothing is an error.
    static func resolve(_ output: URL) throws(BuildFailure) -> URL {
        let output = output.standardizedFileURL
        var info = stat()
        guard lstat(output.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return output }
        let target = output.resolvingSymlinksInPath().standardizedFileURL
        var targetInfo = stat()
        guard stat(target.path, &targetInfo) == 0 else {
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)) ?? "?"
            throw BuildFailure([
                .error(
                    "the output folder \(output.path) is a link to \(destination), which does not exist",
                    at: SourceLocation(file: output.path),
                    hint: "create the folder it points to, or remove the link to build into a folder of its own")
            ])
        }
        return target
    }

    /// Links (or, across file systems, copies) what is in `output` but not Parley's into `staging`, so that the
    /// new output keeps it. A file of someone else's where the new build writes one is an error naming it.
    private static func carryForeignItems(from output: URL, into staging: URL, written: [String]) throws {
        guard let manifest = OutputManifest.read(output) else { return }
        let foreign = manifest.foreignItems(in: output)
        guard !foreign.isEmpty else { return }
        let files = Set(written)
        let folders = OutputManifest.folders(holding: written)
        let clashes = foreign.filter { files.contains($0.path) || ($0.kind != .folder && folders.contains($0.path)) }
        if !clashes.isEmpty {
            throw BuildFailure(
                clashes.map { item in
                    .error(
                        "\(output.lastPathComponent)/\(item.path) was not written by Parley, and this build writes \(files.contains(item.path) ? "a file" : "a folder") of its own there",
                        at: SourceLocation(file: output.appendingPathComponent(item.path).path),
                        hint:
                            "move it out of the output folder, or rename the page or asset that would replace it; Parley never replaces a file it did not write"
                    )
                })
        }
        let fm = FileManager.default
        for item in foreign {
            let source = output.appendingPathComponent(item.path), target = staging.appendingPathComponent(item.path)
            switch item.kind {
            case .folder:
                try fm.createDirectory(at: target, withIntermediateDirectories: true)
            case .link:
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.createSymbolicLink(
                    atPath: target.path, withDestinationPath: fm.destinationOfSymbolicLink(atPath: source.path))
            case .file:
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if link(source.path, target.path) != 0 { try fm.copyItem(at: source, to: target) }
            }
        }
    }

    private static func writeFiles(
        _ pages: [PlannedPage], assets: [AssetFile], into folder: URL, keyed: Bool, progress: BuildProgress?
    ) throws -> [(key: CacheKey, bytes: CacheKey)] {
        let fm = FileManager.default
        var folders = Set(pages.map { ($0.path as NSString).deletingLastPathComponent })
        folders.formUnion(assets.map { ("assets/" + $0.path as NSString).deletingLastPathComponent })
        for path in folders.sorted() where !path.isEmpty {
            try fm.createDirectory(at: folder.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        let root = folder.path + "/"
        progress?.count(pages.count)
        let results = pages.parallelMap { page -> Result<(key: CacheKey, bytes: CacheKey), WriteError> in
            defer { progress?.advance() }
            let prepared = page.prepare()
            let bytes = prepared.renderBytes()
            do {
                try bytes.withUnsafeBytes { try FileBytes.write($0, to: root + page.path) }
                return .success((keyed ? prepared.key : .none, bytes.withUnsafeBytes(KeyHasher.bytes)))
            } catch {
                return .failure(WriteError(description: "\(page.path): \(error.localizedDescription)"))
            }
        }
        let hashes = try results.map { try $0.get() }
        // Assets are copied by their bytes, through any link (the load step checked it stays inside the site).
        for asset in assets {
            let data: Data
            do { data = try Data(contentsOf: asset.url) } catch {
                throw WriteError(description: "Templates/assets/\(asset.path): \(error.localizedDescription)")
            }
            do {
                try data.withUnsafeBytes { try FileBytes.write($0, to: root + "assets/" + asset.path) }
            } catch {
                throw WriteError(description: "assets/\(asset.path): \(error)")
            }
        }
        return hashes
    }

    /// Puts `staging` where `output` is, and removes the previous output once the new one is in place: in one
    /// atomic exchange where the system has one (Linux), else in two renames that the next start completes
    /// (see `recover`). An exchange refused because the output is a mount point (busy) or on another device is
    /// ``CannotExchange``, before anything has changed.
    private static func swap(staging: URL, into output: URL, previous dispose: (URL) -> Void) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output.path) else {
            guard rename(staging.path, output.path) == 0 else {
                throw WriteError(description: String(cString: strerror(errno)))
            }
            return
        }
        if let exchange = Self.exchange {
            if exchange(AT_FDCWD, staging.path, AT_FDCWD, output.path, 2 /* RENAME_EXCHANGE */) == 0 {
                KillPoint.reached("exchanged")
                dispose(staging)  // now the previous output
                return
            }
            if errno == EBUSY || errno == EXDEV { throw CannotExchange() }
            guard errno == EINVAL || errno == ENOSYS else {
                throw WriteError(description: String(cString: strerror(errno)))
            }
        }
        let old = output.deletingLastPathComponent().appendingPathComponent(
            ".\(output.lastPathComponent).parley-old-\(getpid())")
        try? fm.removeItem(at: old)
        guard rename(output.path, old.path) == 0 else {
            if errno == EBUSY || errno == EXDEV { throw CannotExchange() }
            throw WriteError(description: String(cString: strerror(errno)))
        }
        KillPoint.reached("between-renames")
        guard rename(staging.path, output.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old.path, output.path)
            throw WriteError(description: reason)
        }
        dispose(old)
    }

    /// The output cannot be exchanged as a whole (it is a mount point): nothing was changed.
    struct CannotExchange: Error {}

    /// An exchange item by item that failed and could not be undone whole: the output is partly new.
    struct RollbackFailed: Error, CustomStringConvertible {
        var description: String
    }

    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2`, found at run time (Swift's Glibc module does not declare it); nil where the C library lacks it.
    static let exchange: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Makes the output whole again after a build of it was killed, before anything else touches it: undoes an
    /// exchange item by item that was cut short (see `exchangeItems`), puts back a previous output that a killed
    /// swap had moved aside, and removes the staging and old folders of builds that are no longer running, and
    /// the update folders and journals older versions of Parley left (never carried out). Only Parley's own
    /// names are touched.
    static func recover(_ output: URL) throws(BuildFailure) {
        let parent = output.deletingLastPathComponent(), name = output.lastPathComponent
        let fm = FileManager.default
        // A process that is still running (and is not this one) is another build at work.
        func dead(_ pid: Substring) -> Bool {
            guard let number = Int32(pid), String(number) == pid, number > 0 else { return false }
            return number == getpid() || !(kill(number, 0) == 0 || errno == EPERM)
        }
        // Inside the output: the records of exchanges item by item first, then their staging folders.
        if let items = try? fm.contentsOfDirectory(atPath: output.path) {
            for item in items.sorted()
            where item.hasPrefix(".parley-swap-") && dead(item.dropFirst(".parley-swap-".count)) {
                try undoItems(record: output.appendingPathComponent(item), output: output)
            }
            for item in items.sorted()
            where item.hasPrefix(".parley-staging-") && dead(item.dropFirst(".parley-staging-".count)) {
                try? fm.removeItem(at: output.appendingPathComponent(item))
            }
        }
        guard let items = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        var leftovers: [(kind: String, item: String)] = []
        for item in items.sorted() {
            for kind in ["journal", "staging", "update", "old"] {
                let prefix = ".\(name).parley-\(kind)-"
                guard item.hasPrefix(prefix) else { continue }
                var pid = item.dropFirst(prefix.count)
                // A journal being written by an older Parley.
                if kind == "journal", pid.hasSuffix(".tmp") { pid = pid.dropLast(".tmp".count) }
                guard dead(pid) else { continue }
                leftovers.append((kind, item))
            }
        }
        for leftover in leftovers where leftover.kind == "old" && !fm.fileExists(atPath: output.path) {
            try? fm.moveItem(at: parent.appendingPathComponent(leftover.item), to: output)
        }
        for leftover in leftovers {
            try? fm.removeItem(at: parent.appendingPathComponent(leftover.item))
        }
    }

    /// Refuses an output folder whose replacement would lose anything that is not a previous build.
    static func checkSafe(output: URL, siteRoot: URL) throws(BuildFailure) {
        let fm = FileManager.default
        let target = output.resolvingSymlinksInPath().standardizedFileURL.path
        let root = siteRoot.resolvingSymlinksInPath().standardizedFileURL.path
        // $HOME, as the shell has it, and the password database's, when they differ.
        let homes = Set(
            [ProcessInfo.processInfo.environment["HOME"], fm.homeDirectoryForCurrentUser.path]
                .compactMap { $0 }.filter { !$0.isEmpty }
                .map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().standardizedFileURL.path })
        func refuse(
            _ why: String, hint: String = "choose another folder with --output, e.g. --output Public"
        ) throws(BuildFailure) {
            throw BuildFailure([
                .error(
                    "refusing to use \(output.path) as the output folder: \(why)",
                    at: SourceLocation(file: output.path), hint: hint)
            ])
        }
        if target == "/" { try refuse("it is the root of the file system") }
        if homes.contains(target) { try refuse("it is your home folder") }
        if target == root { try refuse("it is the site's own folder") }
        if root.hasPrefix(target + "/") { try refuse("it contains the site") }
        for source in ["Content", "Templates"] {
            let folder = root + "/" + source
            if target == folder || target.hasPrefix(folder + "/") {
                try refuse("it is inside the site's \(source)/ folder")
            }
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { try refuse("it is a file") }
            let items = (try? fm.contentsOfDirectory(atPath: target)) ?? []
            if !items.isEmpty, !items.contains(marker) {
                try refuse(
                    "it holds files that Parley did not write, which the build would replace",
                    hint: "move them away, or choose another folder with --output")
            }
        }
    }

}
