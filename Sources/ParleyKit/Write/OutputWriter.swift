import Foundation

/// Stage 5, write: puts the rendered site into the output folder so that it is never half-written.
///
/// Everything is written to a staging folder beside the output, which then takes the output's place in one
/// rename; a failed build never gets here, so the previous output stays exactly as it was. Parley only
/// ever replaces a folder it made itself (it leaves a marker file in it) and refuses dangerous targets.
public enum OutputWriter {
    /// The marker that says a folder was made by Parley and may be replaced by the next build.
    public static let marker = ".parley-output"

    /// Writes `site` to `output`; returns the number of files written.
    public static func write(_ site: RenderedSite, to output: URL, siteRoot: URL) throws(BuildFailure) -> Int {
        let pages = site.pages.map { page in PlannedPage.data(page.path) { page.contents } }
        _ = try write(pages: pages, assets: site.assets, to: output, siteRoot: siteRoot, keyed: false)
        return site.pages.count + site.assets.count
    }

    /// Renders `pages` and writes each as soon as it is rendered, in parallel, so that no more than a page per
    /// core is held in memory; returns, in order, each page's key (when `keyed`, else 0) and the hash of its
    /// bytes (``KeyHasher/contents(_:)``).
    static func write(
        pages: [PlannedPage], assets: [AssetFile], to output: URL, siteRoot: URL, keyed: Bool
    ) throws(BuildFailure) -> [(key: UInt64, bytes: UInt64)] {
        let output = output.standardizedFileURL
        try checkSafe(output: output, siteRoot: siteRoot)
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).parley-staging-\(ProcessInfo.processInfo.processIdentifier)")
        removeLeftovers(in: parent, of: name)

        let hashes: [(key: UInt64, bytes: UInt64)]
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)  // our own name, from a run with the same process id that died
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            // The marker first: a build killed while writing leaves a folder that is recognisably Parley's.
            try FileBytes.write("", to: staging.appendingPathComponent(marker).path)
            hashes = try writeFiles(pages, assets: assets, into: staging, keyed: keyed)
        } catch {
            try? fm.removeItem(at: staging)
            throw BuildFailure([.error("cannot write the site: \(error.localizedDescription)",
                                       at: SourceLocation(file: output.path))])
        }

        do {
            try swap(staging: staging, into: output)
        } catch {
            try? fm.removeItem(at: staging)
            throw BuildFailure([.error("cannot put the new site in place: \(error.localizedDescription)",
                                       at: SourceLocation(file: output.path),
                                       hint: "the previous output was left as it was")])
        }
        return hashes
    }

    private static func writeFiles(
        _ pages: [PlannedPage], assets: [AssetFile], into folder: URL, keyed: Bool
    ) throws -> [(key: UInt64, bytes: UInt64)] {
        let fm = FileManager.default
        var folders = Set(pages.map { ($0.path as NSString).deletingLastPathComponent })
        folders.formUnion(assets.map { ("assets/" + $0.path as NSString).deletingLastPathComponent })
        for path in folders.sorted() where !path.isEmpty {
            try fm.createDirectory(at: folder.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        let root = folder.path + "/"
        let results = pages.parallelMap { page -> Result<(key: UInt64, bytes: UInt64), WriteError> in
            let prepared = page.prepare()
            let bytes = prepared.renderBytes()
            do {
                try bytes.withUnsafeBytes { try FileBytes.write($0, to: root + page.path) }
                return .success((keyed ? prepared.key : 0, bytes.withUnsafeBytes { raw in KeyHasher.key { $0.combine(bytes: raw) } }))
            } catch {
                return .failure(WriteError(description: "\(page.path): \(error.localizedDescription)"))
            }
        }
        let hashes = try results.map { try $0.get() }
        for asset in assets {
            try fm.copyItem(at: asset.url, to: folder.appendingPathComponent("assets/" + asset.path))
        }
        return hashes
    }

    /// Puts `staging` where `output` is, and removes the previous output only once the new one is in place.
    private static func swap(staging: URL, into output: URL) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output.path) else {
            try fm.moveItem(at: staging, to: output)
            return
        }
        let old = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).parley-old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: old)
        try fm.moveItem(at: output, to: old)
        do {
            try fm.moveItem(at: staging, to: output)
        } catch {
            try? fm.moveItem(at: old, to: output)
            throw error
        }
        try? fm.removeItem(at: old)
    }

    /// Staging and old folders of earlier runs that were killed half-way: Parley's own, by name and marker.
    /// Removes what builds of this output that were killed left beside it: a staging folder
    /// (`.Public.parley-staging-PID`) or a previous output being removed (`.Public.parley-old-PID`), whose process
    /// is no longer running. Nothing else: not another name, and not the folder of a build still running.
    static func removeLeftovers(in parent: URL, of name: String) {
        let fm = FileManager.default
        guard let items = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for item in items {
            var pid = ""
            for prefix in [".\(name).parley-staging-", ".\(name).parley-old-"] where item.hasPrefix(prefix) {
                pid = String(item.dropFirst(prefix.count))
            }
            guard let number = Int32(pid), String(number) == pid, number > 0 else { continue }
            // A process that is still running (and is not this one) is another build at work.
            if number != getpid(), kill(number, 0) == 0 || errno == EPERM { continue }
            try? fm.removeItem(at: parent.appendingPathComponent(item))
        }
    }

    /// Refuses an output folder whose replacement would lose anything that is not a previous build.
    static func checkSafe(output: URL, siteRoot: URL) throws(BuildFailure) {
        let fm = FileManager.default
        let target = output.resolvingSymlinksInPath().standardizedFileURL.path
        let root = siteRoot.resolvingSymlinksInPath().standardizedFileURL.path
        let home = fm.homeDirectoryForCurrentUser.resolvingSymlinksInPath().standardizedFileURL.path
        func refuse(_ why: String, hint: String = "choose another folder with --output, e.g. --output Public") throws(BuildFailure) {
            throw BuildFailure([.error("refusing to use \(output.path) as the output folder: \(why)",
                                       at: SourceLocation(file: output.path), hint: hint)])
        }
        if target == "/" { try refuse("it is the root of the file system") }
        if target == home { try refuse("it is your home folder") }
        if target == root { try refuse("it is the site's own folder") }
        if root.hasPrefix(target + "/") { try refuse("it contains the site") }
        for source in ["Content", "Templates"] {
            let folder = root + "/" + source
            if target == folder || target.hasPrefix(folder + "/") { try refuse("it is inside the site's \(source)/ folder") }
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { try refuse("it is a file") }
            let items = (try? fm.contentsOfDirectory(atPath: target)) ?? []
            if !items.isEmpty, !items.contains(marker) {
                try refuse("it holds files that Parley did not write, which the build would replace",
                            hint: "move them away, or choose another folder with --output")
            }
        }
    }


    struct WriteError: Error, CustomStringConvertible, LocalizedError {
        var description: String
        var errorDescription: String? { description }
    }
}
