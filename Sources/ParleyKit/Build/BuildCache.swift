import Foundation

/// What a build leaves in its cache folder (`.parley-cache/` in the site's folder) for the next one: each
/// output file's page key, the key of its bytes, and its size and modification time as the build left it;
/// and the assets copied.
///
/// The next build renders only the pages whose keys changed and writes only the files whose bytes changed. A
/// cache that is missing, unreadable, corrupt, from another Parley version, for another output folder or for
/// other options is ignored: the build is then a whole build, never a wrong one.
struct BuildCache: Equatable {
    static let fileName = "build-v5"
    static let header = "parley-build-cache 5"

    var pages: [String: PageRecord] = [:]
    var assets: [String] = []
    /// The key of the site outside its entries' texts when the output was written
    /// (``LoadedSite/keyOutsideEntryTexts(includeDrafts:)``): with the same key now, an entry edited in its body
    /// alone changes only its own page.
    var siteKey: CacheKey?
    /// Each entry's page as published, with the entry's file and title: to warn when a page disappears.
    var entries: [String: PublishedEntry] = [:]
    /// The pages whose files in the output are not as the build left them (not saved: found when loading).
    var changedInOutput: Set<String> = []
    /// Whether the output holds files of Parley's that this build did not write (not saved: found when loading):
    /// another process wrote it since (`parley serve --drafts`, a build with other options), and only a whole
    /// build knows what to remove.
    var writtenElsewhere = false

    struct PageRecord: Equatable {
        var key: CacheKey
        var bytes: CacheKey
    }

    /// The line that says which builds a cache is good for.
    static func identity(_ options: Pipeline.Options) -> String {
        "\(header) parley=\(Parley.build) drafts=\(options.includeDrafts) output=\(options.output.path)"
    }

    /// Why a build cache was not used.
    enum NotUsed: String, Error {
        case noOutput = "the output folder holds no build of Parley's"
        case missing = "there is none yet"
        case foreign = "it was written by another build of Parley, or for other options or another output folder"
        case damaged = "it is damaged"
        case writtenElsewhere =
            "the output folder holds pages it does not know of (parley serve, or a build with other options, wrote it since)"
    }

    /// The cache for these options, if there is a sound one and the output folder still holds that build: a
    /// file whose size or modification time is not what the build left (removed, edited or restored from an
    /// older copy by hand, as `make` and `rsync` would notice) is left out, so it is written again.
    static func load(from folder: URL, options: Pipeline.Options) -> BuildCache? {
        try? read(from: folder, options: options).get()
    }

    /// The cache for these options (see ``load(from:options:)``), or why there is none to use.
    static func read(from folder: URL, options: Pipeline.Options) -> Result<BuildCache, NotUsed> {
        let fm = FileManager.default
        guard fm.fileExists(atPath: options.output.appendingPathComponent(OutputWriter.marker).path) else {
            return .failure(.noOutput)
        }
        guard let data = fm.contents(atPath: folder.appendingPathComponent(fileName).path) else {
            return .failure(.missing)
        }
        guard let text = String(data: data, encoding: .utf8) else { return .failure(.damaged) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == identity(options) else { return .failure(.foreign) }
        guard lines.last == "end" else { return .failure(.damaged) }
        guard var cache = parse(lines.dropFirst().dropLast(), options: options) else { return .failure(.damaged) }
        if let paths = OutputManifest.read(options.output)?.paths {
            let known = Set(cache.assets.map { "assets/" + $0 })
            cache.writtenElsewhere = paths.contains {
                cache.pages[$0] == nil && !cache.changedInOutput.contains($0) && !known.contains($0)
            }
        }
        return .success(cache)
    }

    private static func parse(_ lines: ArraySlice<Substring>, options: Pipeline.Options) -> BuildCache? {
        var cache = BuildCache()
        // Paths joined as strings: Foundation's URL checks every path it appends, a tenth of a cached build.
        let output = options.output.path.hasSuffix("/") ? options.output.path : options.output.path + "/"
        for line in lines {
            // `page KEY BYTES STAMP PATH` or `asset PATH` (the path may hold spaces). Assets need no stamp: a
            // new process compares every asset's bytes with the output's.
            let fields = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
            switch fields.first {
            case "page":
                guard fields.count == 5, !fields[4].isEmpty, let (key, bytes) = Self.keys(fields[1], fields[2]) else {
                    return nil
                }
                let path = String(fields[4])
                if Self.stamp(output + path) == fields[3] {
                    cache.pages[path] = PageRecord(key: key, bytes: bytes)
                } else {
                    cache.changedInOutput.insert(path)
                }
            case "site":
                guard fields.count == 2, let key = CacheKey(hex: fields[1]) else { return nil }
                cache.siteKey = key
            case "entry":
                // `entry PAGE<tab>FILE<tab>TITLE`
                let parts = line.dropFirst("entry ".count).split(separator: "\t", omittingEmptySubsequences: false)
                guard parts.count == 3 else { return nil }
                cache.entries[String(parts[0])] = PublishedEntry(file: String(parts[1]), title: String(parts[2]))
            case "asset":
                guard line.count > "asset ".count else { return nil }
                cache.assets.append(String(line.dropFirst("asset ".count)))
            default:
                return nil
            }
        }
        // Pages to write again are found by their keys: every page's values are made.
        if !cache.changedInOutput.isEmpty { cache.siteKey = nil }
        return cache
    }

    /// A file's size and modification time, to the nanosecond, as one word; `-` when it is missing.
    static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "-" }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    private static func keys(_ key: Substring, _ bytes: Substring) -> (CacheKey, CacheKey)? {
        guard let key = CacheKey(hex: key), let bytes = CacheKey(hex: bytes) else { return nil }
        return (key, bytes)
    }

    /// Writes the cache through a temporary file and a rename, so a killed build never leaves half a cache.
    func save(to folder: URL, options: Pipeline.Options) throws {
        var text = Self.identity(options) + "\n"
        let output = options.output.path.hasSuffix("/") ? options.output.path : options.output.path + "/"
        let sorted = pages.sorted(by: { $0.key < $1.key })
        let stamps = sorted.parallelMap { Self.stamp(output + $0.key) }
        for ((path, record), stamp) in zip(sorted, stamps) {
            text += "page \(record.key) \(record.bytes) \(stamp) \(path)\n"
        }
        for path in assets.sorted() { text += "asset \(path)\n" }
        if let siteKey { text += "site \(siteKey)\n" }
        for (page, entry) in entries.sorted(by: { $0.key < $1.key }) {
            // A title written over several lines is kept on one; a path with a tab or a line break is not kept.
            let title = entry.title.map { $0 == "\t" || $0.isNewline ? " " : $0 }
            guard !(page + entry.file).contains(where: { $0 == "\t" || $0.isNewline }) else { continue }
            text += "entry \(page)\t\(entry.file)\t\(String(title))\n"
        }
        text += "end"
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(Self.fileName + ".tmp")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, folder.appendingPathComponent(Self.fileName).path) == 0 else {
            throw CocoaError(
                .fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder.appendingPathComponent(Self.fileName).path])
        }
    }
}
