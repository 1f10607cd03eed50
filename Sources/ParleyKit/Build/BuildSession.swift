import Foundation

/// A site kept in memory between builds, for the preview server: a rebuild reads only the files that changed,
/// parses only the entries whose files changed, renders only the pages whose inputs changed, and writes only
/// the files whose bytes changed. Its output is byte for byte what a whole build (``Pipeline/build(_:)``)
/// writes.
///
/// Not thread-safe: one rebuild at a time (the server runs them one after another).
public final class BuildSession {
    /// What one rebuild did.
    public struct Result: Sendable {
        /// Every problem found, errors and warnings, sorted. With any error, nothing was written.
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool { !diagnostics.hasErrors }
        /// Pages in the site, and those rendered this time (the others were unchanged).
        public var pages = 0, pagesRendered = 0
        /// Entries parsed this time, and those taken from the previous build.
        public var entriesParsed = 0, entriesReused = 0
        /// Files written and removed in the output folder.
        public var filesWritten = 0, filesRemoved = 0
        /// Whether the output folder was changed although the build failed (an update that stopped half-way,
        /// which the next build completes).
        public var outputChanged = false
        /// Whether every file was read again (the first build, or a change the session could not narrow down).
        public var fullLoad = false
        /// Each step's name and wall time in seconds, in order.
        public var steps: [(name: String, seconds: Double)] = []
        public var seconds: Double { steps.reduce(0) { $0 + $1.seconds } }
    }

    public let options: Pipeline.Options
    private var loaded: LoadedSite?
    private var loadDiagnostics: [Diagnostic] = []
    private let cache = EntryParseCache()
    /// Each source in the house style, with the key of the source it was formatted from.
    private var formatted: [String: (key: Int, html: String)] = [:]
    /// The output folder as the last successful rebuild left it: each page's key and the hash of its bytes.
    /// Nil before the first successful write, or after a failed one: the next rebuild writes everything.
    private var written: [String: BuildCache.PageRecord]?
    /// The assets in the output, by path under `assets/`.
    private var writtenAssets: [String] = []
    /// Why what a killed build left could not be made whole, for the first rebuild to report.
    private var recoveryProblems: [Diagnostic] = []
    /// What the last successful rebuild rendered from, for rebuilds that change only entries' bodies.
    private var last: (resolved: ResolvedSite, context: PageContext, formatted: [String: String], diagnostics: [Diagnostic])?

    /// The build cache's folder in a site's folder, and its file there.
    public static let cacheFolderName = ".parley-cache"
    public static let cacheFileName = BuildCache.fileName

    /// Where the build cache is kept between processes, if anywhere.
    public let cacheFolder: URL?

    /// A session for these options. With a cache folder, it starts from the record the last build left there
    /// (see ``saveCache()``), so even its first rebuild parses, renders and writes only what changed since.
    public init(options: Pipeline.Options, cacheFolder: URL? = nil) {
        self.options = options
        self.cacheFolder = cacheFolder
        // What a killed build left is made whole before anything reads the output: a journal completed, an
        // output moved aside put back, staging folders removed.
        do {
            try OutputWriter.recover(OutputWriter.resolve(options.output))
        } catch {
            recoveryProblems = error.diagnostics
        }
        if let cacheFolder, let cache = BuildCache.load(from: cacheFolder, options: options) {
            written = cache.pages
            writtenAssets = cache.assets
        }
        if let cacheFolder { self.cache.loadArchive(from: cacheFolder) }
    }

    /// The file in the cache folder that holds the parsed entries (see ``saveCache()``).
    public static let entriesFileName = ArchivedEntries.fileName

    /// Records the output as the last successful rebuild left it, and the parsed entries, for the next
    /// process's first rebuild: it renders and writes only what changed, and parses only the files that did.
    public func saveCache() throws {
        guard let cacheFolder, let written else { return }
        try BuildCache(pages: written, assets: writtenAssets).save(to: cacheFolder, options: options)
        try cache.saveArchive(to: cacheFolder)
    }

    /// Brings the output up to date. `changed` holds the paths (relative to the site's folder) that changed
    /// since the last rebuild; nil means unknown, and every file is read again.
    public func rebuild(changed: Set<String>?) -> Result {
        if !recoveryProblems.isEmpty {
            // The output could not be made whole: no build writes into it until it is.
            defer { recoveryProblems = [] }
            var result = Result(diagnostics: recoveryProblems)
            result.outputChanged = true
            return result
        }
        // An output removed or replaced since the last rebuild (the preview's folder deleted by hand) is
        // written whole again: an update would put back only the changed pages.
        if written != nil, !FileManager.default.fileExists(atPath: options.output.appendingPathComponent(OutputWriter.marker).path) {
            written = nil
        }
        if let changed, let result = rebuildBodies(changed) { return result }
        last = nil
        var timer = StepTimer()
        var result = Result(diagnostics: [])

        // Load: only the changed files, when the change allows it.
        let reloaded: (LoadedSite, [Diagnostic])? = timer.time("load") {
            if let loaded, let changed, let update = SiteLoader.reload(loaded, diagnostics: loadDiagnostics, changed: changed) {
                return update
            }
            result.fullLoad = true
            let (site, problems) = SiteLoader.load(root: options.siteRoot, git: options.git)
            return site.map { ($0, problems) } ?? { result.diagnostics = problems.sorted(); return nil }()
        }
        guard var (site, loadProblems) = reloaded else {
            loaded = nil
            result.steps = timer.steps
            return result
        }
        options.apply(to: &site, problems: &loadProblems)
        let assetsChanged = result.fullLoad || site.assets != loaded?.assets
            || (changed ?? []).contains { $0.hasPrefix("Templates/assets/") }
        loaded = site
        loadDiagnostics = loadProblems
        var diagnostics = loadProblems

        let (parsed, parseProblems) = timer.time("parse") { SiteParser.parse(site, includeDrafts: options.includeDrafts, cache: cache) }
        diagnostics += parseProblems
        result.entriesParsed = cache.parsed
        result.entriesReused = cache.reused
        let (resolved, resolveProblems) = timer.time("resolve") { SiteResolver.resolve(parsed) }
        diagnostics += resolveProblems
        if diagnostics.hasErrors {
            result.diagnostics = diagnostics.sorted()
            result.steps = timer.steps
            return result
        }
        diagnostics += CitationResolver.uncitedWarnings(resolved)
        result.diagnostics = diagnostics.sorted()

        // Render: the pages whose keys changed. A page's key is made from its values, so they are made for
        // every page; only the pages whose key changed are rendered.
        let (plan, made): ([PlannedPage], [(key: UInt64, page: RenderedPage?)]) = timer.time(written == nil ? "plan" : "render") {
            let references = resolved.bibliography.references
            var html: [String: String] = [:]
            var formatted: [String: (key: Int, html: String)] = [:]
            // Formatted again only when the source changed (known by its value, within this process).
            let language = resolved.config.language, smart = resolved.config.smartPunctuation
            // A source is formatted again when it or the settings it is formatted with changed.
            func key(_ reference: Reference) -> Int {
                var hasher = Hasher()
                hasher.combine(reference); hasher.combine(language); hasher.combine(smart)
                return hasher.finalize()
            }
            for reference in references {
                if let previous = self.formatted[reference.id], previous.key == key(reference) { formatted[reference.id] = previous }
            }
            let missing = references.filter { formatted[$0.id] == nil }
            for (reference, text) in zip(missing, missing.parallelMap { ReferenceFormatter.html($0, siteLanguage: language, smart: smart) }) {
                formatted[reference.id] = (key(reference), text)
            }
            for (id, value) in formatted { html[id] = value.html }
            self.formatted = formatted

            let context = PageContext(site: resolved)
            let plan = SiteRenderer.plan(resolved, context: context, formatted: html)
            last = (resolved, context, html, result.diagnostics)
            // A whole build renders each page as it writes it (below), and never holds the site in memory.
            guard let written else { return (plan, []) }
            return (plan, plan.parallelMap { page in
                let prepared = page.prepare()
                let key = prepared.key
                if written[page.path]?.key == key { return (key, nil) }
                return (key, RenderedPage(path: page.path, contents: prepared.render(), template: page.template))
            })
        }
        let rendered = made.compactMap(\.page)
        var keys = Dictionary(uniqueKeysWithValues: zip(plan.map(\.path), made.map(\.key)))
        result.pages = plan.count
        result.pagesRendered = written == nil ? plan.count : rendered.count

        // Write: the files whose bytes changed, and away with those of pages that are gone.
        var bytes: [String: UInt64] = [:]
        do {
            try timer.time(written == nil ? "render+write" : "write") { () throws(BuildFailure) in
                if let previous = written {
                    for page in rendered { bytes[page.path] = KeyHasher.contents(page.contents) }
                    let changedPages = rendered.filter { previous[$0.path]?.bytes != bytes[$0.path] }
                    let paths = Set(plan.map(\.path))
                    let assetPaths = Set(site.assets.map(\.path))
                    if result.fullLoad { try OutputWriter.checkSafe(output: options.output, siteRoot: options.siteRoot) }
                    let removed = previous.keys.filter { !paths.contains($0) }.sorted()
                    let removedAssets = writtenAssets.filter { !assetPaths.contains($0) }
                    let added = plan.map(\.path).filter { previous[$0] == nil }
                        + Set(site.assets.map(\.path)).subtracting(writtenAssets).sorted().map { "assets/" + $0 }
                    let report = try OutputWriter.update(
                        output: options.output, pages: changedPages, removed: removed,
                        assets: assetsChanged ? site.assets : [], removedAssets: removedAssets, added: added,
                        all: added.isEmpty && removed.isEmpty && removedAssets.isEmpty
                            ? nil : plan.map(\.path) + site.assets.map { "assets/" + $0.path })
                    result.filesWritten = report.written
                    result.filesRemoved = report.removed
                } else {
                    let hashes = try OutputWriter.write(pages: plan, assets: site.assets, to: options.output, siteRoot: options.siteRoot, keyed: true)
                    bytes = Dictionary(uniqueKeysWithValues: zip(plan.map(\.path), hashes.map(\.bytes)))
                    keys = Dictionary(uniqueKeysWithValues: zip(plan.map(\.path), hashes.map(\.key)))
                    result.filesWritten = plan.count + site.assets.count
                }
            }
        } catch {
            written = nil
            last = nil
            result.outputChanged = error.outputChanged
            result.diagnostics = (result.diagnostics + error.diagnostics).sorted()
            result.steps = timer.steps
            return result
        }
        var record = written ?? [:]
        if written != nil { for path in Set(record.keys).subtracting(plan.map(\.path)) { record[path] = nil } }
        for page in plan where bytes[page.path] != nil { record[page.path] = BuildCache.PageRecord(key: keys[page.path]!, bytes: bytes[page.path]!) }
        written = record
        writtenAssets = site.assets.map(\.path)
        result.steps = timer.steps
        return result
    }

    /// The rebuild of an edit that changed only the text of entries' bodies: not their front matter, headings,
    /// citations or links, so no other page can show anything new. It reads and parses just those entries and
    /// renders just their pages. Nil when the change is anything else; then the whole rebuild runs.
    private func rebuildBodies(_ changed: Set<String>) -> Result? {
        guard var last, var loaded = loaded, var written, let labels = cache.authorLabels else { return nil }
        var timer = StepTimer()
        var edited: [(file: EntryFile, position: Int)] = []
        for path in changed.sorted() {
            let parts = path.split(separator: "/")
            if parts.contains(where: { SiteLoader.isIgnored(String($0)) }) { continue }
            guard path.hasSuffix(".md"), let position = loaded.entries.firstIndex(where: { $0.source.path == path }) else {
                return nil
            }
            guard case .success(let source) = SiteLoader.readSource(root: options.siteRoot, path: path) else { return nil }
            var file = loaded.entries[position]
            if source.text == file.source.text { continue }
            file.source = source
            edited.append((file, position))
        }

        let config = loaded.config
        let options = loaded.markdownOptions
        let settingsBroken = loaded.settingsBroken
        let parsed: [(Entry?, [Diagnostic])] = timer.time("parse") {
            edited.parallelMap { item in
                guard let section = config.section(named: item.file.section) else { return (nil, []) }
                return EntryParser.parse(item.file, section: section, subjects: config.subjects, fields: config.fields(for: section.name),
                                         settingsBroken: settingsBroken, options: options, authorLabel: labels.label)
            }
        }
        for (item, new) in zip(edited, parsed) {
            guard let entry = new.0, new.1.isEmpty, let previous = cache.previous(item.file.source.path),
                  let old = previous.0, previous.1.isEmpty, last.resolved.entry(entry.slug) != nil,
                  // The home page shows the body of the entry site.yaml's `home` names: a whole rebuild.
                  entry.slug != last.resolved.config.home?.value,
                  Self.sameOutside(body: old, entry)
            else { return nil }
        }

        var result = Result(diagnostics: last.diagnostics)
        var pages: [RenderedPage] = []
        var keys: [String: UInt64] = [:]
        timer.time("render") {
            for ((item, new), entry) in zip(zip(edited, parsed), parsed.map { $0.0! }) {
                loaded.entries[item.position] = item.file
                cache.replace(item.file, with: new)
                last.resolved.replace(entry)
            }
            let site = last.resolved, context = last.context, formatted = last.formatted
            let made = parsed.map { $0.0! }.parallelMap { entry in
                let page = SiteRenderer.entryPage(entry, site: site, context: context, formatted: formatted)
                let prepared = page.prepare()
                return (key: prepared.key, page: RenderedPage(path: page.path, contents: prepared.render(), template: page.template))
            }
            pages = made.map(\.page)
            for item in made { keys[item.page.path] = item.key }
        }
        self.loaded = loaded
        self.last = last
        result.entriesParsed = edited.count
        result.entriesReused = loaded.entries.count - edited.count
        result.pages = written.count
        result.pagesRendered = pages.count
        do {
            try timer.time("write") { () throws(BuildFailure) in
                let changedPages = pages.filter { written[$0.path]?.bytes != KeyHasher.contents($0.contents) }
                result.filesWritten = try OutputWriter.update(
                    output: self.options.output, pages: changedPages, removed: [], assets: [], removedAssets: [],
                    added: [], all: nil).written
            }
        } catch {
            self.written = nil
            self.last = nil
            result.outputChanged = error.outputChanged
            result.diagnostics = (result.diagnostics + error.diagnostics).sorted()
            result.steps = timer.steps
            return result
        }
        for page in pages { written[page.path] = BuildCache.PageRecord(key: keys[page.path]!, bytes: KeyHasher.contents(page.contents)) }
        self.written = written
        result.steps = timer.steps
        return result
    }

    /// Whether two parses of an entry differ at most in their body's HTML (and in the lines things are on).
    static func sameOutside(body a: Entry, _ b: Entry) -> Bool {
        func stripped(_ entry: Entry) -> Entry {
            var entry = entry
            var body = entry.body
            body.html = ""
            body.headings = body.headings.map { var h = $0; h.line = 0; return h }
            body.citations = body.citations.map { var c = $0; c.location = SourceLocation(file: ""); c.sourceLine = nil; return c }
            body.links = body.links.map { var l = $0; l.location = SourceLocation(file: ""); l.sourceLine = nil; return l }
            entry.body = body
            return entry
        }
        return stripped(a) == stripped(b)
    }
}
