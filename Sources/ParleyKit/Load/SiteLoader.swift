import Foundation

/// Stage 1, load: finds and reads every source file of a site: `Content/site.yaml`, the entries in the
/// section folders, the templates and the assets. No parsing beyond the settings happens here.
public enum SiteLoader {
    /// Data files with a meaning of their own at the top of `Content/`.
    static let dataFiles: Set<String> = ["site.yaml", "bibliography.yaml", "bibliography.json"]
    /// The bibliography files, in the order their sources are read.
    public static let bibliographyNames = ["bibliography.yaml", "bibliography.json"]

    /// Loads the site at `root`; with a `git` runner, each entry also gets its file's dates from one `git log`.
    static func load(root: URL, git: GitDates.Runner? = nil) -> (LoadedSite?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let fm = FileManager.default
        let content = root.appendingPathComponent("Content")

        guard isDirectory(content) else {
            let hint = "run parley in a site's folder or name one with --site DIR; a site holds Content/ and Templates/"
            return (
                nil,
                [.error("the site folder has no Content/ folder", at: SourceLocation(file: "Content/"), hint: hint)]
            )
        }

        // The settings come first: they say which folders are sections.
        var config = SiteConfig(title: "")
        // When the settings have errors, the folders cannot be checked against them: each mismatch would be a
        // consequence of the error already reported, so none is reported (the cause once, no cascade).
        var settingsBroken = false
        switch readSource(root: root, path: "Content/site.yaml") {
        case .success(let file):
            let (parsed, problems) = SiteConfigLoader.parse(file)
            config = parsed
            diagnostics += problems
            settingsBroken = problems.hasErrors
        case .failure(let problem):
            diagnostics.append(problem)
            settingsBroken = true
        }

        // Entries: Markdown files in each section's folder, at any depth.
        var unloaded: Set<String> = []
        var entryPaths: [(section: String, path: String)] = []
        var glossaryNames: [String] = []
        let topLevel = (try? fm.contentsOfDirectory(atPath: content.path))?.sorted() ?? []
        let sectionNames = config.sections.map(\.name)
        for name in topLevel where !isIgnored(name) {
            let path = "Content/" + name
            if isDirectory(content.appendingPathComponent(name)) {
                guard config.section(named: name) != nil else {
                    if settingsBroken {
                        let (files, _) = files(under: content.appendingPathComponent(name), display: path, root: root)
                        unloaded.formUnion(files.filter { $0.hasSuffix(".md") }.map(slug(of:)))
                        continue
                    }
                    let hint =
                        Suggestion.hint(for: name, in: sectionNames)
                        ?? "add it to the 'sections' of Content/site.yaml, or move its files into a section"
                    diagnostics.append(
                        .error(
                            "folder '\(path)/' is not a section listed in Content/site.yaml",
                            at: SourceLocation(file: path + "/"), hint: hint))
                    continue
                }
                let (sectionFiles, walkProblems) = files(
                    under: content.appendingPathComponent(name), display: path, root: root)
                diagnostics += walkProblems
                for file in sectionFiles {
                    let relative = path + "/" + file
                    if file.hasSuffix(".md") {
                        entryPaths.append((name, relative))
                    } else {
                        diagnostics.append(
                            .warning(
                                "'\(relative)' is not a Markdown entry (.md) and is ignored",
                                at: SourceLocation(file: relative),
                                hint: "put images and other files in Templates/assets/"))
                    }
                }
            } else if glossaryLanguage(name, config: config) != nil {
                glossaryNames.append(name)
            } else if !dataFiles.contains(name) {
                let hint =
                    name.hasSuffix(".md")
                    ? "entries belong in a section's folder, e.g. Content/\(sectionNames.first ?? "pages")/\(name)"
                    : Suggestion.hint(for: name, in: dataFiles) ?? "only site.yaml and bibliography files belong here"
                diagnostics.append(
                    .warning(
                        "'\(path)' is not part of any section and is ignored",
                        at: SourceLocation(file: path), hint: hint))
            }
        }
        for section in config.sections where !topLevel.contains(section.name) && !settingsBroken {
            diagnostics.append(
                .warning(
                    "section '\(section.name)' has no folder Content/\(section.name)/",
                    at: SourceLocation(file: "Content/site.yaml"),
                    hint: "create the folder, or remove the section from site.yaml"))
        }

        let loaded: [Result<SourceFile, Diagnostic>] = entryPaths.parallelMap { item in
            readSource(root: root, path: item.path)
        }
        let histories = git.map { GitDates.read(siteRoot: root, run: $0) } ?? [:]
        var entries: [EntryFile] = []
        var unreadOriginals: Set<String> = []
        for (item, result) in zip(entryPaths, loaded) {
            switch result {
            case .success(let file):
                let (slug, language) = identity(of: item.path, config: config)
                entries.append(
                    EntryFile(
                        source: file, section: item.section, slug: slug, language: language,
                        history: histories[item.path]))
            case .failure(let problem):
                diagnostics.append(problem)
                let identity = identity(of: item.path, config: config)
                unloaded.insert(identity.slug)
                if identity.language == nil { unreadOriginals.insert(identity.slug) }
            }
        }
        // The translations of an entry that could not be read wait for it: its error is the one cause to report.
        entries.removeAll { $0.language != nil && unreadOriginals.contains($0.slug) }
        if entryPaths.isEmpty, !settingsBroken {
            diagnostics.append(
                .error(
                    noEntriesMessage, at: SourceLocation(file: "Content/"),
                    hint:
                        "add Markdown files to the section folders, e.g. Content/\(sectionNames.first ?? "rounds")/first-round.md"
                ))
        }

        let (templateFiles, assets, strings, templateProblems) = loadTemplates(root: root)
        diagnostics += templateProblems
        let (bibliographyFiles, bibliographyProblems) = loadContentFiles(
            root: root, names: bibliographyNames.filter(topLevel.contains))
        diagnostics += bibliographyProblems
        let (glossaries, glossaryProblems) = loadContentFiles(root: root, names: glossaryNames)
        diagnostics += glossaryProblems

        var site = LoadedSite(root: root, config: config, entries: entries, templates: templateFiles, assets: assets)
        site.bibliographyFiles = bibliographyFiles
        site.glossaries = glossaries
        site.strings = strings
        site.unloadedSlugs = unloaded
        site.settingsBroken = settingsBroken
        return (site, diagnostics)
    }

    /// An entry's slug: its file name without `.md`.
    static func slug(of path: String) -> String {
        String((path.split(separator: "/").last ?? "").dropLast(3))
    }

    /// An entry file's slug, and the language it translates its entry into when its name ends in one of the
    /// site's other languages (`istanbul-talks.uk.md` → `istanbul-talks`, `uk`).
    static func identity(of path: String, config: SiteConfig) -> (slug: String, language: String?) {
        let name = slug(of: path)
        for edition in config.editions.dropFirst() where name.hasSuffix("." + edition.language) {
            return (String(name.dropLast(edition.language.count + 1)), edition.language)
        }
        return (name, nil)
    }

    /// The language of a glossary's file name: `terms.uk.yaml` → `uk`; nil for another file.
    static func glossaryLanguage(ofFile name: String) -> String? {
        guard name.hasPrefix("terms."), name.hasSuffix(".yaml"), name.count > "terms..yaml".count else { return nil }
        return String(name.dropFirst("terms.".count).dropLast(".yaml".count))
    }

    /// The language of a glossary of subject terms at the top of `Content/` (`terms.uk.yaml` → `uk`), when the
    /// site has that language and it is not the default.
    static func glossaryLanguage(_ name: String, config: SiteConfig) -> String? {
        guard let language = glossaryLanguage(ofFile: name) else { return nil }
        return config.editions.dropFirst().contains { $0.language == language } ? language : nil
    }

    static let noEntriesMessage = "Content/ has no entries"

    /// The templates, the assets and the strings files under `Templates/`.
    static func loadTemplates(root: URL) -> ([TemplateFile], [AssetFile], [SourceFile], [Diagnostic]) {
        let templates = root.appendingPathComponent("Templates")
        var diagnostics: [Diagnostic] = []
        var templateFiles: [TemplateFile] = []
        var assets: [AssetFile] = []
        var strings: [SourceFile] = []
        if isDirectory(templates) {
            let (found, walkProblems) = files(under: templates, display: "Templates", root: root)
            diagnostics += walkProblems
            for file in found {
                if file.hasPrefix("assets/") {
                    let path = String(file.dropFirst("assets/".count))
                    assets.append(AssetFile(path: path, url: templates.appendingPathComponent(file)))
                } else if file.hasPrefix("strings/"), file.hasSuffix(".yaml") {
                    switch readSource(root: root, path: "Templates/" + file) {
                    case .success(let source): strings.append(source)
                    case .failure(let problem): diagnostics.append(problem)
                    }
                } else if file.hasSuffix(".mustache") {
                    switch readSource(root: root, path: "Templates/" + file) {
                    case .success(let source):
                        templateFiles.append(
                            TemplateFile(name: String(file.dropLast(".mustache".count)), source: source))
                    case .failure(let problem):
                        diagnostics.append(problem)
                    }
                }
            }
        } else {
            diagnostics.append(
                .error(
                    "the site folder has no Templates/ folder", at: SourceLocation(file: "Templates/"),
                    hint:
                        "a site needs Mustache templates for its pages; copy Templates/ from Parley's repository to start"
                ))
        }
        return (templateFiles, assets, strings, diagnostics)
    }

    /// Data files at the top of `Content/` by name: the bibliography files, the glossaries.
    static func loadContentFiles(root: URL, names: [String]) -> ([SourceFile], [Diagnostic]) {
        var files: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for name in names {
            switch readSource(root: root, path: "Content/" + name) {
            case .success(let file): files.append(file)
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        return (files, diagnostics)
    }

    /// Only the settings, `Content/site.yaml`: for commands that need no more of the site.
    static func loadSettings(root: URL) -> Result<SiteConfig, BuildFailure> {
        switch readSource(root: root, path: "Content/site.yaml") {
        case .success(let file):
            let (config, problems) = SiteConfigLoader.parse(file)
            return problems.hasErrors ? .failure(BuildFailure(problems)) : .success(config)
        case .failure(let problem):
            return .failure(BuildFailure([problem]))
        }
    }

    /// Reads and decodes one file of the site. A symbolic link is read through only when it stays inside the
    /// site (see ``FolderWalk``).
    static func readSource(root: URL, path: String) -> Result<SourceFile, Diagnostic> {
        // Joined as strings: Foundation's URL checks every path it appends.
        let full = root.path.hasSuffix("/") ? root.path + path : root.path + "/" + path
        var info = stat()
        if lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            if case .failure(let problem) = FolderWalk.follow(full, shown: path, siteRoot: realRoot(root)) {
                return .failure(problem)
            }
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            let exists = FileManager.default.fileExists(atPath: full)
            let reason = exists ? String(cString: strerror(access(full, R_OK) == 0 ? EIO : errno)) : ""
            return .failure(
                .error(
                    exists ? "cannot read '\(path)': \(reason)" : "'\(path)' does not exist",
                    at: SourceLocation(file: path)))
        }
        return SourceFile.decode(data, path: path)
    }

    /// The site's folder with its links resolved.
    static func realRoot(_ root: URL) -> String { FolderWalk.realPath(root.path) ?? root.standardizedFileURL.path }

    /// Files below a folder, as sorted relative paths, skipping hidden files and editors' temporary files, and
    /// the problems met (links out of the site, unreadable folders); `display` is how messages name the folder.
    static func files(under folder: URL, display: String, root: URL) -> ([String], [Diagnostic]) {
        let (files, problems) = FolderWalk.files(
            under: folder.path, display: display, siteRoot: realRoot(root), skipping: isIgnored)
        return (files.sorted(), problems)
    }

    /// Hidden files and the leftovers of editors (`.entry.md.swp`, `entry.md~`, `#entry.md#`).
    public static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name.hasSuffix(".swp")
            || name.hasSuffix(".tmp")
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
