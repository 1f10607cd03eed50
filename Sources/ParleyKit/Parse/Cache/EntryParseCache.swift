import Foundation

/// The parsed entries and bibliography of the previous build, kept by a ``BuildSession`` so that a rebuild
/// parses only the files that changed.
///
/// An entry is reused when its file's text, section and git dates are the same and the settings it was parsed
/// with (the site's settings and the sources' author names, which in-text citations show) have not changed.
/// Each entry has a key made of all of these, the same in every process, which the render step uses to tell
/// which entry pages to render again (and a build cache to tell it across builds).
final class EntryParseCache: @unchecked Sendable {
    // Read from the parse step's worker threads, written only between parses (`prepare`, `store`).
    private struct Cached {
        var text: String
        var section: String
        var history: FileHistory?
        var result: (Entry?, [Diagnostic])
        var key: CacheKey

        func matches(_ file: EntryFile) -> Bool {
            section == file.section && history == file.history && text == file.source.text
        }
    }

    private var entries: [String: Cached] = [:]
    /// Whether each entry's text is kept, to tell an unchanged file in a later parse in this process without
    /// hashing it; a build that parses once does not keep them (a whole site's Markdown held to the end).
    let keepsTexts: Bool

    init(keepsTexts: Bool = true) {
        self.keepsTexts = keepsTexts
    }
    /// The entries a previous build saved, until the next parse has taken what it can from them.
    var archive: ArchivedEntries?
    /// The archive the last parse read, with the paths whose records it used, for their bytes when saving.
    var savedArchive: (archive: ArchivedEntries, used: Set<String>)?
    /// Whether the archive on disk holds exactly the entries in memory, so saving can be skipped.
    var archiveIsCurrent = false
    private var config: SiteConfig?
    private var labels: AuthorLabels?
    private var options: MarkdownOptions?
    private var bibliographyFiles: [SourceFile]?
    private var parsedBibliography: (Bibliography, [Diagnostic])?
    /// The key of the settings entries are parsed with.
    private var settingsKey = CacheKey.none
    /// How many entries the last parse took from the cache, and how many it parsed.
    private(set) var reused = 0, parsed = 0
    /// Each entry the last parse parsed, with its parse before (from this process or the archive); nil when
    /// more than ``changesKept`` entries were parsed, or when the last parse was not this cache's.
    private(set) var changes: [Change]?
    /// One entry parsed again: its result before (nil for a file the cache did not know) and now.
    struct Change {
        var before: (Entry?, [Diagnostic])?
        var now: (Entry?, [Diagnostic])
    }
    /// The most changes recorded: an edit touches a few files; a larger change renders the site anyway.
    static let changesKept = 64

    /// The bibliography, parsed again only when its files changed.
    func bibliography(_ files: [SourceFile]) -> (Bibliography, [Diagnostic]) {
        if let parsedBibliography, files == bibliographyFiles { return parsedBibliography }
        let result = BibliographyParser.parse(files)
        bibliographyFiles = files
        parsedBibliography = result
        return result
    }

    /// Forgets every entry when what they were parsed with changed.
    func prepare(config: SiteConfig, labels: AuthorLabels, options: MarkdownOptions) {
        if config != self.config || labels != self.labels || options != self.options {
            entries.removeAll()
            settingsKey = KeyHasher.key { h in
                config.combine(into: &h)
                for (key, label) in labels.sorted() {
                    h.combine(key)
                    h.combine(label)
                }
                for id in options.reservedIDs.sorted() { h.combine(id) }
            }
        }
        self.config = config
        self.labels = labels
        self.options = options
    }

    /// A file's parse taken from the cache, with the file's key.
    struct Reuse {
        var result: (Entry?, [Diagnostic])
        var key: CacheKey
    }

    /// The parse of `file` from the previous parse in this process, or from the archive a previous build saved
    /// (``loadArchive(from:)``); nil when the file must be parsed. Safe to call from the parse's worker threads.
    func reuse(_ file: EntryFile) -> Reuse? {
        if keepsTexts, let cached = entries[file.source.path], cached.matches(file) {
            return Reuse(result: cached.result, key: cached.key)
        }
        guard let archive, let record = archive.records[file.source.path] else { return nil }
        let key = key(file)
        guard record.key == key, let result = archive.result(record) else { return nil }
        return Reuse(result: result, key: key)
    }

    /// Keeps this parse's results (and only them: entries whose files are gone are forgotten); `reused` holds
    /// the key of each result that ``reuse(_:)`` gave.
    func store<S: Sequence>(_ results: S)
    where S.Element == (file: EntryFile, result: (Entry?, [Diagnostic]), reused: CacheKey?) {
        var kept: [String: Cached] = [:]
        reused = 0
        parsed = 0
        var fromArchive: Set<String> = []
        var changes: [Change]? = []
        for (file, result, reusedKey) in results {
            if reusedKey != nil { reused += 1 } else { parsed += 1 }
            if reusedKey == nil, changes != nil {
                if parsed > Self.changesKept {
                    changes = nil
                } else {
                    let before =
                        entries[file.source.path]?.result
                        ?? archive.flatMap { archive in archive.records[file.source.path].flatMap(archive.result) }
                    changes?.append(Change(before: before, now: result))
                }
            }
            // Not in memory before this parse, so it came from the archive (whose bytes were checked).
            if reusedKey != nil, entries[file.source.path] == nil { fromArchive.insert(file.source.path) }
            kept[file.source.path] = Cached(
                text: keepsTexts ? file.source.text : "", section: file.section, history: file.history,
                result: result, key: reusedKey ?? key(file))
        }
        self.changes = changes
        archiveIsCurrent = archive.map { $0.records.count == kept.count && parsed == 0 } ?? false
        // Its entries are in memory now; it is kept (mapped from the file, not copied) only for the next save,
        // which copies the bytes of every entry that did not change instead of encoding it again.
        savedArchive = archive.map { ($0, fromArchive) }
        archive = nil
        entries = kept
    }

    /// The author names in-text citations show, as the last parse used them.
    var authorLabels: AuthorLabels? { labels }

    /// The result the cache holds for a file's path, whatever its text.
    func previous(_ path: String) -> (Entry?, [Diagnostic])? { entries[path]?.result }

    /// Records one entry parsed outside a whole parse.
    func replace(_ file: EntryFile, with result: (Entry?, [Diagnostic])) {
        entries[file.source.path] = Cached(
            text: keepsTexts ? file.source.text : "", section: file.section, history: file.history, result: result,
            key: key(file))
        archiveIsCurrent = false
    }

    private func key(_ file: EntryFile) -> CacheKey {
        KeyHasher.key { h in
            h.combine(settingsKey)
            h.combine(file.section)
            h.combine(file.source.path)
            h.combine(file.history?.created.description)
            h.combine(file.history?.updated.description)
            h.combine(contents: file.source.text)
        }
    }

    /// Every file's parse and key, by path, for saving.
    var results: [(path: String, key: CacheKey, result: (Entry?, [Diagnostic]))] {
        entries.map { ($0.key, $0.value.key, $0.value.result) }
    }
}
