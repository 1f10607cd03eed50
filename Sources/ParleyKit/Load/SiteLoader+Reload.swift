import Foundation

extension SiteLoader {
    /// Brings a loaded site up to date with the files at `changed` (paths relative to the site root), reading
    /// only those. Returns nil when the change needs a whole new load: the settings, a folder appearing,
    /// disappearing or being renamed, or a file that is not an entry, template, asset or bibliography.
    ///
    /// `diagnostics` are the previous load's; the result's are what a whole load would report now.
    static func reload(
        _ previous: LoadedSite, diagnostics: [Diagnostic], changed: Set<String>
    ) -> (LoadedSite, [Diagnostic])? {
        var site = previous
        var diagnostics = diagnostics
        let root = site.root
        var templatesChanged = false
        var bibliographyChanged = false
        var entriesChanged: [String: Bool] = [:]  // path → whether it is there now

        for path in changed.sorted() {
            let parts = path.split(separator: "/").map(String.init)
            if parts.contains(where: isIgnored) { continue }
            guard let top = parts.first, top == "Content" || top == "Templates" else { continue }
            guard parts.count >= 2 else { return nil }
            let url = root.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            if exists && isFolder.boolValue { return nil }
            if top == "Templates" {
                templatesChanged = true
                continue
            }
            if parts.count == 2 {
                if bibliographyNames.contains(parts[1]) {
                    bibliographyChanged = true
                    continue
                }
                return nil  // the settings, or a file that a whole load warns about
            }
            guard site.config.section(named: parts[1]) != nil else { return nil }
            if path.hasSuffix(".md") {
                entriesChanged[path] = exists
                continue
            }
            // A file that is not an entry: a whole load warns about it, or (once gone) about a folder that held
            // entries; a leftover of an editor that came and went (vim's `4913`) matters to nobody.
            if exists || diagnostics.contains(where: { $0.location.file == path })
                || site.entries.contains(where: { $0.source.path.hasPrefix(path + "/") })
            {
                return nil
            }
        }

        if !entriesChanged.isEmpty {
            var byPath = Dictionary(uniqueKeysWithValues: site.entries.map { ($0.source.path, $0) })
            let histories = byPath.compactMapValues(\.history)
            let readable = entriesChanged.filter(\.value).keys.sorted()
            let read = readable.parallelMap { readSource(root: root, path: $0) }
            for path in entriesChanged.keys { byPath[path] = nil }
            diagnostics.removeAll { entriesChanged[$0.location.file] != nil }
            for (path, result) in zip(readable, read) {
                let section = path.split(separator: "/")[1]
                switch result {
                case .success(let file):
                    let (slug, language) = identity(of: path, config: site.config)
                    // An edit makes no commit: the file keeps the dates git gave it when the site was loaded.
                    byPath[path] = EntryFile(
                        source: file, section: String(section), slug: slug, language: language, history: histories[path]
                    )
                case .failure(let problem):
                    diagnostics.append(problem)
                }
            }
            // The order of a whole load: sections by folder name, then files by path.
            site.entries = byPath.values.sorted { ($0.section, $0.source.path) < ($1.section, $1.source.path) }
            // No entries at all: a whole load says so, with its hint.
            if site.entries.isEmpty { return nil }
            diagnostics.removeAll { $0.message == noEntriesMessage }
        }

        if templatesChanged {
            let (templates, assets, strings, problems) = loadTemplates(root: root)
            diagnostics.removeAll { $0.location.file.hasPrefix("Templates/") }
            diagnostics += problems
            site.templates = templates
            site.assets = assets
            site.strings = strings
        }

        if bibliographyChanged {
            let names = bibliographyNames.filter {
                FileManager.default.fileExists(atPath: root.appendingPathComponent("Content/" + $0).path)
            }
            let (files, problems) = loadContentFiles(root: root, names: names)
            diagnostics.removeAll { $0.location.file.hasPrefix("Content/bibliography.") }
            diagnostics += problems
            site.bibliographyFiles = files
        }
        return (site, diagnostics)
    }
}
