import Foundation

/// The site's search index, made by [Pagefind](https://pagefind.app) from the written output: a chunked
/// index a reader's browser downloads piece by piece, and its search interface, in `pagefind/`.
///
/// Parley writes the pages; Pagefind reads them (only the parts marked `data-pagefind-body`, with the
/// `data-pagefind-meta` and `data-pagefind-filter` the templates give) after the build, into a folder beside
/// the old index, which then takes the old one's place: a failed index leaves the last one as it was.
public enum SearchIndex {
    /// The folder in the output, which pages link to (`{{root}}pagefind/pagefind-ui.js`).
    public static let folder = "pagefind"
    /// A file Pagefind always writes, by which a folder is known to be its own.
    static let marker = "pagefind-entry.json"

    /// The Pagefind program: `$PARLEY_PAGEFIND`, else `pagefind` on the `PATH`; nil when there is none.
    public static func program(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let path = environment["PARLEY_PAGEFIND"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("pagefind")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// What to tell an editor whose site has `search: true` and whose machine has no Pagefind.
    public static let missingProgram = "search is on in site.yaml, but Pagefind is not installed, so the search index was not made "
        + "(the search page finds nothing until it is): install it with 'pip install \"pagefind[bin]\"', "
        + "or name the program in PARLEY_PAGEFIND"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Indexes the output folder with `program`, replacing its last index only once the new one is whole.
    /// Returns how many pages were indexed.
    @discardableResult
    public static func build(output: URL, program: URL, language: String) throws(Failure) -> Int {
        let fileManager = FileManager.default
        let current = output.appendingPathComponent(folder)
        let fresh = output.appendingPathComponent(folder + ".new")
        let old = output.appendingPathComponent(folder + ".old")
        for leftover in [fresh, old] where isIndex(leftover) || isEmptyFolder(leftover) { try? fileManager.removeItem(at: leftover) }
        if fileManager.fileExists(atPath: current.path), !isIndex(current) {
            throw Failure(description: "\(current.path) is not a search index Parley made; move it away, or turn search off")
        }
        let process = Process()
        process.executableURL = program
        // One language for the whole site: Pagefind would otherwise split the index by each page's `lang`.
        let base = String(language.prefix { $0 != "-" && $0 != "_" }).lowercased()
        // Note markers (`[1]`, `[a]`) are Parley's own: not words of the text.
        process.arguments = ["--site", output.path, "--output-path", fresh.path, "--silent", "--exclude-selectors", "sup.reference"]
            + (base.isEmpty ? [] : ["--force-language", base])
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not start Pagefind (\(program.path)): \(error.localizedDescription)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, isIndex(fresh) else {
            try? fileManager.removeItem(at: fresh)
            throw Failure(description: "Pagefind failed (status \(process.terminationStatus)): "
                + message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        do {
            if fileManager.fileExists(atPath: current.path) { try fileManager.moveItem(at: current, to: old) }
            try fileManager.moveItem(at: fresh, to: current)
            try? fileManager.removeItem(at: old)
        } catch {
            throw Failure(description: "could not put the new search index in place: \(error.localizedDescription)")
        }
        return pageCount(current)
    }

    /// Whether the output has an index already.
    public static func exists(in output: URL) -> Bool { isIndex(output.appendingPathComponent(folder)) }

    static func isIndex(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(marker).path)
    }

    static func isEmptyFolder(_ folder: URL) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
    }

    /// The pages an index holds, from its entry file (`"page_count": N` per language).
    static func pageCount(_ folder: URL) -> Int {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(marker)),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let languages = json["languages"] as? [String: [String: Any]] else { return 0 }
        return languages.values.reduce(0) { $0 + (($1["page_count"] as? Int) ?? 0) }
    }
}
