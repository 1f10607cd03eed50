/// The entries' pages as the last successful write published them, for the next run to notice one that
/// disappears: a link to it elsewhere on the web would break.
struct PublishedEntry: Equatable, Sendable {
    /// The entry's file, relative to the site's folder.
    var file: String
    var title: String
}

enum PublishedPages {
    /// Each entry's page and the redirects at its former addresses, by their files in the output folder
    /// (`rounds/istanbul-talks/index.html`), with the pages that `still` vanished (see ``vanished(_:site:draftFiles:)``).
    static func entries(of site: ResolvedSite, still: [String: PublishedEntry] = [:]) -> [String: PublishedEntry] {
        var pages = still
        for entry in site.entries {
            let published = PublishedEntry(file: entry.path, title: entry.title)
            pages[Routes.file(ofPage: site.url(of: entry))] = published
            for alias in entry.aliases { pages[Routes.file(ofPage: alias.value)] = published }
        }
        return pages
    }

    /// A warning for each entry page published last time that the site no longer has, neither as an entry's
    /// page nor as an alias: at the entry that had it when its file is still there (or at the entry that now has its
    /// title, when the file was renamed), else at the file that is gone. An entry turned into a draft was
    /// withdrawn on purpose and is not reported. `still` holds the pages of entries that are still there, to be
    /// told again by the next build until the entry lists its old address; a page whose entry is gone is told once.
    static func vanished(
        _ published: [String: PublishedEntry], site: ResolvedSite, draftFiles: Set<String>
    ) -> (diagnostics: [Diagnostic], still: [String: PublishedEntry]) {
        guard !published.isEmpty else { return ([], [:]) }
        let basePath = site.config.basePath
        let current = entries(of: site)
        let gone = published.filter { current[$0.key] == nil }
        guard !gone.isEmpty else { return ([], [:]) }
        var still: [String: PublishedEntry] = [:]
        let byFile = Dictionary(site.entries.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let publishedFiles = Set(published.values.map(\.file))
        var byTitle: [String: Entry] = [:]
        // Only an entry new since the last write can have taken a gone page's place.
        for entry in site.entries where !publishedFiles.contains(entry.path) { byTitle[entry.title] = entry }
        var moved: [String: [(entry: Entry, old: String)]] = [:]
        var diagnostics: [Diagnostic] = []
        for (page, was) in gone.sorted(by: { $0.key < $1.key }) where !draftFiles.contains(was.file) {
            let folder = Routes.page(ofFile: page)
            let address = basePath + folder, alias = "/" + folder
            if let entry = byFile[was.file] ?? byTitle[was.title] {
                still[page] = PublishedEntry(file: entry.path, title: entry.title)
                // An entry that kept its name in a section whose folder changed: told once for the section.
                let now = site.url(of: entry)
                if byFile[was.file] != nil, lastFolder(now) == lastFolder(folder), parent(now) != parent(folder) {
                    moved[parent(folder) + "\u{0}" + parent(now), default: []].append((entry, folder))
                    continue
                }
                diagnostics.append(entryMoved(entry, from: folder, site: site, basePath: basePath))
            } else {
                diagnostics.append(
                    .warning(
                        "the entry published at \(address) ('\(was.title)') is gone: its file \(was.file) was removed or renamed",
                        at: SourceLocation(file: was.file),
                        hint:
                            "if another entry took its place, add '\(alias)' to that entry's 'aliases' (aliases: [\(alias)]), "
                            + "so that links to the old address keep working; if it was withdrawn on purpose, nothing needs doing"
                    ))
            }
        }
        for (_, entries) in moved.sorted(by: { $0.key < $1.key }) {
            guard entries.count > 1, let first = entries.first else {
                diagnostics += entries.map { entryMoved($0.entry, from: $0.old, site: site, basePath: basePath) }
                continue
            }
            let from = basePath + parent(first.old)
            let to = basePath + parent(site.url(of: first.entry))
            diagnostics.append(
                .warning(
                    "the \(entries.count) entries of the section '\(first.entry.section)' were published under \(from) and are now under \(to); their old addresses would lead nowhere",
                    at: SourceLocation(file: "Content/site.yaml"),
                    hint: "give the section back its 'path', or add each entry's old address to its 'aliases' "
                        + "(aliases: [/\(first.old)] in \(first.entry.path)), so that links to the old addresses keep working"
                ))
        }
        return (diagnostics, still)
    }

    /// The warning for an entry whose page moved from `folder` (below the site's root).
    static func entryMoved(_ entry: Entry, from folder: String, site: ResolvedSite, basePath: String) -> Diagnostic {
        .warning(
            "this entry was published at \(basePath + folder) and is now at \(basePath + site.url(of: entry)); the old address would lead nowhere",
            at: SourceLocation(file: entry.path, line: 1, column: 1),
            hint:
                "add '/\(folder)' to its 'aliases' (aliases: [/\(folder)]), so that links to the old address keep working"
        )
    }

    /// `rounds/istanbul/` → `istanbul`; `istanbul/` → `istanbul`.
    static func lastFolder(_ folder: String) -> Substring { folder.split(separator: "/").last ?? "" }

    /// `rounds/istanbul/` → `rounds/`; `istanbul/` → `` (the site's root).
    static func parent(_ folder: String) -> String {
        let parts = folder.split(separator: "/")
        return parts.dropLast().map { $0 + "/" }.joined()
    }
}
