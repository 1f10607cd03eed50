import Foundation

extension OutputWriter {
    /// What an update of an output folder in place did.
    struct UpdateReport {
        var written = 0
        var removed = 0
    }

    /// Updates a folder that holds a previous build in place, all or nothing: the changed pages and assets are
    /// written to a staging folder beside it, under names of their own; then a journal saying what moves where
    /// and what goes is written (the commit), and carried out. A build that fails or is killed before the
    /// journal leaves the output exactly as it was; one killed after it is completed by the next start
    /// (`recover`). `added` are the paths Parley did not write there before (a file of someone else's at one is
    /// an error); `all` is every path Parley's output holds afterwards, for the manifest, or nil when that set
    /// is unchanged (the manifest is then neither read nor written). Files that are not Parley's are never
    /// touched.
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
        let parent = output.deletingLastPathComponent(), name = output.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).parley-update-\(getpid())")
        let journal = parent.appendingPathComponent(".\(name).parley-journal-\(getpid())")
        var report = UpdateReport()
        var entries: [Journal.Step] = []
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            if let paths = manifest?.paths {
                let clashes = added.filter { !paths.contains($0) && fm.fileExists(atPath: output.appendingPathComponent($0).path) }
                if !clashes.isEmpty {
                    throw BuildFailure(clashes.map { path in
                        .error("\(name)/\(path) was not written by Parley, and this build writes a file of its own there",
                               at: SourceLocation(file: output.appendingPathComponent(path).path),
                               hint: "move it out of the output folder, or rename the page or asset that would replace it; Parley never replaces a file it did not write")
                    })
                }
            }
            let root = staging.path + "/"
            let failures = Array(pages.indices).parallelMap { index -> String? in
                do {
                    try FileBytes.write(pages[index].contents, to: root + "\(index)")
                    return nil
                } catch {
                    return "\(pages[index].path): \(error.localizedDescription)"
                }
            }.compactMap { $0 }
            if let failure = failures.first { throw WriteError(description: failure) }
            for (index, page) in pages.enumerated() { entries.append(.move("\(index)", page.path)) }
            for asset in assets {
                let target = output.appendingPathComponent("assets/" + asset.path)
                let data: Data
                do { data = try Data(contentsOf: asset.url) } catch { throw WriteError(description: "Templates/assets/\(asset.path): \(error.localizedDescription)") }
                guard fm.contents(atPath: target.path) != data else { continue }
                let staged = "\(entries.count)"
                try data.withUnsafeBytes { try FileBytes.write($0, to: root + staged) }
                entries.append(.move(staged, "assets/" + asset.path))
            }
            report.written = entries.count
            // Only paths Parley wrote are removed: the caller's record of them, checked against the manifest.
            for path in removed + removedAssets.map({ "assets/" + $0 }) where manifest?.paths?.contains(path) ?? true {
                if fm.fileExists(atPath: output.appendingPathComponent(path).path) { report.removed += 1 }
                entries.append(.remove(path))
            }
            if let all, manifest?.paths != Set(all) {
                try FileBytes.write(OutputManifest.text(all), to: root + "manifest")
                entries.append(.move("manifest", marker))
            }
            KillPoint.reached("update-staged")
            try Journal.write(entries, staging: staging.lastPathComponent, to: journal)
        } catch {
            try? fm.removeItem(at: staging)
            if let failure = error as? BuildFailure { throw failure }
            let description = (error as? WriteError)?.description ?? error.localizedDescription
            throw BuildFailure([.error("cannot write the site: \(description)", at: SourceLocation(file: output.path))])
        }
        KillPoint.reached("journal")
        try Journal.complete(journal, output: output)
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

/// A cached build's commit: the files staged for the output and where each goes, and the files to remove. Once
/// written, it is carried out to the end, by the build that wrote it or, if that one was killed, by the next
/// start; every step can be done twice.
enum Journal {
    static let header = "parley-journal 1"

    enum Step: Equatable {
        /// A staged file, by its name in the staging folder, and its path in the output.
        case move(String, String)
        /// A path of the output.
        case remove(String)
    }

    /// Writes the journal whole (a temporary file and a rename): a killed build leaves all of it or none.
    static func write(_ steps: [Step], staging: String, to url: URL) throws {
        var text = header + "\nstaging " + staging + "\n"
        for step in steps {
            switch step {
            case .move(let staged, let path): text += "move \(staged) \(path)\n"
            case .remove(let path): text += "remove \(path)\n"
            }
        }
        text += "end\n"
        let temporary = url.path + ".tmp"
        try FileBytes.write(text, to: temporary)
        guard rename(temporary, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputWriter.WriteError(description: "\(url.lastPathComponent): \(reason)")
        }
    }

    /// Carries out a journal, then removes it and its staging folder. A journal cut short (it never is, being
    /// renamed into place whole) or from another program is removed without being carried out.
    static func complete(_ url: URL, output: URL) throws(BuildFailure) {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        let lines = (fm.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } ?? "")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, lines[0] == header, lines[1].hasPrefix("staging "), lines.contains("end") else {
            try? fm.removeItem(at: url)
            return
        }
        let stagingName = String(lines[1].dropFirst("staging ".count))
        let staging = parent.appendingPathComponent(stagingName)
        let name = output.lastPathComponent
        do {
            var moved = 0
            for line in lines.dropFirst(2) {
                if line.hasPrefix("move ") {
                    let parts = line.dropFirst("move ".count).split(separator: " ", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    let source = staging.appendingPathComponent(String(parts[0])), target = output.appendingPathComponent(String(parts[1]))
                    guard fm.fileExists(atPath: source.path) else { continue }  // moved before a kill
                    do {
                        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    } catch {
                        throw OutputWriter.WriteError(description: "\(name)/\(parts[1]): its folder cannot be made (\(error.localizedDescription))")
                    }
                    if rename(source.path, target.path) != 0 {
                        throw OutputWriter.WriteError(description: "\(name)/\(parts[1]): \(String(cString: strerror(errno)))")
                    }
                    moved += 1
                    if moved == 1 { KillPoint.reached("moving") }
                } else if line.hasPrefix("remove ") {
                    let target = output.appendingPathComponent(String(line.dropFirst("remove ".count)))
                    var info = stat()
                    guard lstat(target.path, &info) == 0 else { continue }
                    try fm.removeItem(at: target)
                    OutputWriter.removeEmptyFolders(from: target.deletingLastPathComponent(), upTo: output)
                }
            }
        } catch {
            let description = (error as? OutputWriter.WriteError)?.description ?? error.localizedDescription
            var failure = BuildFailure([.error(
                "the update of \(name)/ stopped half-way: \(description)", at: SourceLocation(file: output.path),
                hint: "fix the cause and build again: the next build or preview completes the update from \(url.lastPathComponent)")])
            failure.outputChanged = true
            throw failure
        }
        try? fm.removeItem(at: url)
        try? fm.removeItem(at: staging)
    }
}

/// A test hook: with `PARLEY_KILL_AT=<point>` in its environment, the process kills itself (`SIGKILL`, as
/// `kill -9` does) when writing the output reaches that point, so that tests can show what a kill leaves. The
/// points: `staged`, `carried`, `exchanged`, `between-renames` (a whole build); `update-staged`, `journal`,
/// `moving` (a cached one).
enum KillPoint {
    static let point = ProcessInfo.processInfo.environment["PARLEY_KILL_AT"]

    static func reached(_ name: String) {
        if point == name { kill(getpid(), SIGKILL) }
    }
}
