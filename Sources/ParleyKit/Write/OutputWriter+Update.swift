import Foundation

extension OutputWriter {
    /// What an update of an output folder in place did.
    struct UpdateReport {
        var written = 0
        var removed = 0
    }

    /// Updates a folder that holds a previous build in place: writes `pages` (each to a temporary file that is
    /// then renamed over the old one, so a reader never sees half a file), copies the assets whose bytes
    /// changed, and removes the files at `removed`, with the folders they leave empty.
    ///
    /// For the preview server, whose output changes a few pages at a time; a whole build goes through `write`.
    static func update(
        output: URL, pages: [RenderedPage], removed: [String], assets: [AssetFile], removedAssets: [String]
    ) throws(BuildFailure) -> UpdateReport {
        let fm = FileManager.default
        var report = UpdateReport()
        removeLeftovers(in: output.deletingLastPathComponent(), of: output.lastPathComponent)
        do {
            let folders = Set(pages.map { ($0.path as NSString).deletingLastPathComponent }
                              + assets.map { ("assets/" + $0.path as NSString).deletingLastPathComponent })
            for folder in folders.sorted() where !folder.isEmpty {
                try fm.createDirectory(at: output.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let failures = pages.parallelMap { page -> String? in
                do {
                    try replace(output.appendingPathComponent(page.path), with: page.contents)
                    return nil
                } catch {
                    return "\(page.path): \(error.localizedDescription)"
                }
            }.compactMap { $0 }
            if let failure = failures.first { throw WriteError(description: failure) }
            report.written += pages.count
            for asset in assets {
                let target = output.appendingPathComponent("assets/" + asset.path)
                let data = try Data(contentsOf: asset.url)
                if fm.contents(atPath: target.path) != data {
                    do { try replace(target, with: data) } catch { throw WriteError(description: "assets/\(asset.path): \(error)") }
                    report.written += 1
                }
            }
            for path in removed + removedAssets.map({ "assets/" + $0 }) {
                let url = output.appendingPathComponent(path)
                guard fm.fileExists(atPath: url.path) else { continue }
                try fm.removeItem(at: url)
                report.removed += 1
                removeEmptyFolders(from: url.deletingLastPathComponent(), upTo: output)
            }
        } catch let error as WriteError {
            throw BuildFailure([.error("cannot write the site: \(error.description)", at: SourceLocation(file: output.path))])
        } catch {
            throw BuildFailure([.error("cannot write the site: \(error.localizedDescription)", at: SourceLocation(file: output.path))])
        }
        return report
    }

    /// Writes a file through a temporary one beside it and a rename; an error says why, not where.
    private static func replace(_ url: URL, with text: String) throws {
        var text = text
        try text.withUTF8 { try replace(url, with: UnsafeRawBufferPointer($0)) }
    }

    private static func replace(_ url: URL, with data: Data) throws {
        try data.withUnsafeBytes { try replace(url, with: $0) }
    }

    private static func replace(_ url: URL, with bytes: UnsafeRawBufferPointer) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).parley-\(ProcessInfo.processInfo.processIdentifier).tmp")
        try FileBytes.write(bytes, to: temporary.path)
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: String(cString: strerror(code)))
        }
    }

    private static func removeEmptyFolders(from folder: URL, upTo output: URL) {
        var folder = folder.standardizedFileURL
        let stop = output.standardizedFileURL.path
        while folder.path.hasPrefix(stop + "/"), (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }
}
