import Foundation

extension Pipeline {
    /// Where a run's pages go.
    enum Destination {
        /// Into the output folder: the whole site swapped into place, or only the changed files updated.
        case output
        /// Kept in memory and returned (`parley check`); nothing is written.
        case memory
    }

    /// What one run of the pipeline starts from and leaves for the next. A whole build starts from an empty
    /// state; a ``BuildSession`` keeps one between rebuilds (the preview's) and fills it from the build cache
    /// (`parley build`'s), so each step does only what the change since then asks for.
    final class State {
        /// The site as the last run loaded it, that load's problems, and its key outside the entries' texts.
        var loaded: LoadedSite?
        var loadDiagnostics: [Diagnostic] = []
        var loadedKey = CacheKey.none
        /// The parsed entries and bibliography, by file; nil for a one-off run, which has nothing to reuse.
        let parses: EntryParseCache?
        /// Each source in the house style, with the source it was formatted from.
        var formatted = FormattedReferences()
        /// The output folder as the last successful run left it: each page's key and the hash of its bytes.
        /// Nil before the first successful write, or after a failed one: the next run writes everything.
        var written: [String: BuildCache.PageRecord]?
        /// The assets in the output, by path under `assets/`.
        var writtenAssets: [String] = []
        /// The key of the site outside its entries' texts when the output was written
        /// (``LoadedSite/keyOutsideEntryTexts(includeDrafts:)``).
        var writtenSiteKey: CacheKey?
        /// The pages the build cache knew whose files in the output were removed or edited since (written again).
        var changedInOutput: Set<String> = []
        /// Each entry's page as the last successful write published it, to warn when one disappears.
        var published: [String: PublishedEntry] = [:]
        /// What the last successful run rendered from, for a run that changes only entries' bodies.
        var last: LastRender?
        /// Whether runs record each page's key and bytes, for the next run (a one-off build does not).
        let keepsRecord: Bool
        /// Whether the sources are kept once parsed: for the next run to read only what changed, and for
        /// `parley check`, which points back into them. A build that runs once drops them after parsing.
        let keepsSources: Bool

        init(keepsRecord: Bool = true, keepsSources: Bool = true) {
            self.keepsRecord = keepsRecord
            self.keepsSources = keepsSources
            parses = keepsRecord ? EntryParseCache(keepsTexts: keepsSources) : nil
        }
    }

    /// The resolved site, its pages' shared values and its diagnostics, as the last successful run left them.
    struct LastRender {
        var resolved: ResolvedSite
        var context: PageContext
        var formatted: [String: String]
        var diagnostics: [Diagnostic]
    }

    /// What one run did.
    public struct Outcome: Sendable {
        /// Every problem found, errors and warnings, sorted. With any error, nothing was written.
        public var diagnostics: [Diagnostic] = []
        public var succeeded: Bool { !diagnostics.hasErrors }
        /// Pages in the site, and those rendered this time (the others were unchanged).
        public var pages = 0, pagesRendered = 0
        /// Pages whose values were made this time, to tell by their keys whether to render them: every page,
        /// or only those of entries edited in their bodies alone.
        public var pagesPlanned = 0
        /// Entries parsed this time, and those taken from the previous run.
        public var entriesParsed = 0, entriesReused = 0
        /// Files written and removed in the output folder.
        public var filesWritten = 0, filesRemoved = 0
        /// Whether the output folder was changed although the run failed (an update that stopped half-way,
        /// which the next build completes).
        public var outputChanged = false
        /// Whether every file was read again (the first run, or a change that could not be narrowed down).
        public var fullLoad = false
        /// The site's language when its settings turn search on, for the index made after the write
        /// (``SearchIndex``); nil when search is off.
        public var searchLanguage: String?
        /// Each step's name and wall time in seconds, in order.
        public var steps: [(name: String, seconds: Double)] = []
        public var seconds: Double { steps.reduce(0) { $0 + $1.seconds } }
        /// Why each page rendered this time was rendered, when ``Options/explains`` asks and the run compared the
        /// pages' keys with a record of the output (a whole write renders every page, and gives none).
        public var renderReasons: [(path: String, reason: RenderReason)] = []
        /// The rendered site, and the sources and templates it came from, for a run into memory.
        var rendered: RenderedSite?
        var sources: LoadedSite?
        var templates: SiteTemplates?
    }
}

extension Pipeline.Outcome {
    /// Why a page was rendered again rather than left as the last build wrote it.
    public enum RenderReason: String, Sendable {
        /// The output had no such page.
        case new = "a new page"
        /// Its key changed: its entry, a value it shows, or its template with its partials.
        case inputsChanged = "what it shows changed (its entry, a value it lists, or its template)"
        /// Its file in the output was removed or edited since the last build wrote it.
        case changedInOutput = "its file in the output was removed or edited since the last build"
        /// Its entry changed in its body alone, so only its page was made.
        case bodyEdited = "its entry's body was edited"
    }
}

extension Pipeline {
    /// The one sequence of steps every build runs: load → parse → templates → resolve → render → write.
    ///
    /// `changed` holds the paths (relative to the site's folder) that changed since the run that left `state`;
    /// nil means unknown, and every file is read again. Each step narrows its work to what changed: load reads
    /// only the changed files; parse parses only the entries whose files changed. When those changed only in
    /// their bodies and nothing else in the site changed since the output was written, render plans only their
    /// pages (and resolve puts them into the last resolved site, when the run before was in this process);
    /// otherwise render makes every page's key and renders the pages whose key changed. Write writes only the
    /// files whose bytes changed. From an empty state it is a whole build.
    static func run(_ options: Options, changed: Set<String>?, state: State, to destination: Destination) -> Outcome {
        var timer = StepTimer(progress: options.progress)
        var outcome = steps(options, changed: changed, state: state, to: destination, timer: &timer)
        outcome.steps = timer.steps
        // A failed run may have parsed changes it did not write: the next run renders the whole site again.
        if !outcome.succeeded { state.last = nil; state.writtenSiteKey = nil }
        return outcome
    }

    private static func steps(
        _ options: Options, changed: Set<String>?, state: State, to destination: Destination, timer: inout StepTimer
    ) -> Outcome {
        var outcome = Outcome()

        guard var load = timer.time("load", { loadStep(options, changed: changed, state: state, outcome: &outcome) }) else {
            return outcome
        }
        var diagnostics = load.diagnostics
        let parsed = timer.time("parse") { parseStep(load, options: options, state: state, diagnostics: &diagnostics) }
        let templates = timer.time("templates") { templatesStep(load, parsed: parsed, state: state, diagnostics: &diagnostics) }
        let reparsed = state.parses?.parsed ?? load.site.entries.count
        outcome.entriesParsed = parsed.site == nil ? parsed.bodyEdits?.count ?? 0 : reparsed
        outcome.entriesReused = load.site.entries.count - outcome.entriesParsed
        if !state.keepsSources {
            // Parsed, the entries' Markdown is needed no more: not held while the pages are rendered.
            state.loaded = nil
            load.site.entries = []
        }

        let resolved = timer.time("resolve") { resolveStep(parsed, state: state, diagnostics: &diagnostics) }
        if diagnostics.hasErrors {
            outcome.diagnostics = diagnostics.sorted()
            return outcome
        }
        if parsed.site != nil { diagnostics += CitationResolver.uncitedWarnings(resolved) }
        // A site in several languages leaves the language to each page's `lang`: Pagefind makes one index per language.
        outcome.searchLanguage = resolved.config.search ? (resolved.config.editions.count > 1 ? "" : resolved.config.language) : nil
        // A page published last time that this site no longer has (its entry renamed or moved without an alias).
        var stillVanished: [String: PublishedEntry] = [:]
        if destination == .output, let site = parsed.site {
            let vanished = PublishedPages.vanished(state.published, site: resolved, draftFiles: Set(site.drafts.values))
            diagnostics += vanished.diagnostics
            stillVanished = vanished.still
        }
        outcome.diagnostics = parsed.site != nil ? diagnostics.sorted() : state.last?.diagnostics ?? []

        let wholeWrite = destination == .output && state.written == nil
        let rendering = timer.time(wholeWrite ? "plan" : "render") {
            renderStep(resolved, templates: templates, bodyEdits: parsed.bodyEdits, state: state, diagnostics: outcome.diagnostics, to: destination,
                       options: options)
        }
        outcome.renderReasons = rendering.reasons
        outcome.pages = parsed.bodyEdits == nil ? rendering.plan.count : state.written?.count ?? 0
        outcome.pagesPlanned = rendering.plan.count
        outcome.pagesRendered = wholeWrite ? rendering.plan.count : rendering.rendered.count
        if destination == .memory {
            outcome.rendered = RenderedSite(pages: rendering.rendered, assets: resolved.assets)
            outcome.sources = load.site
            outcome.templates = templates
            return outcome
        }
        do {
            try timer.time(wholeWrite ? "render+write" : "write") { () throws(BuildFailure) in
                try writeStep(options, load: load, rendering: rendering, narrow: parsed.bodyEdits != nil, state: state, outcome: &outcome)
            }
            if state.keepsRecord, parsed.site != nil { state.published = PublishedPages.entries(of: resolved, still: stillVanished) }
        } catch {
            state.written = nil
            outcome.outputChanged = error.outputChanged
            outcome.diagnostics = (outcome.diagnostics + error.diagnostics).sorted()
        }
        return outcome
    }

    // MARK: - The steps

    /// The load step's output: the site, its load's problems, and what changed in it.
    struct Loaded {
        var site: LoadedSite
        var diagnostics: [Diagnostic]
        /// The positions in `site.entries` of the entries whose text alone changed, when nothing else did.
        var edited: [Int]?
        /// Whether the assets must be copied again.
        var assetsChanged: Bool
        /// The key of the site outside its entries' texts.
        var key: CacheKey
    }

    /// Load: only the changed files, when the change allows it; nil when the site cannot be loaded at all.
    static func loadStep(_ options: Options, changed: Set<String>?, state: State, outcome: inout Outcome) -> Loaded? {
        if let previous = state.loaded, let changed {
            if let (site, edited) = editedEntries(changed, in: previous, root: options.siteRoot) {
                state.loaded = site
                // Only entries' texts changed: the key outside them is the last load's.
                return Loaded(site: site, diagnostics: state.loadDiagnostics, edited: edited, assetsChanged: false,
                              key: state.loadedKey)
            }
        }
        var fullLoad = false
        let reloaded: (LoadedSite, [Diagnostic])? = {
            if let previous = state.loaded, let changed,
               let update = SiteLoader.reload(previous, diagnostics: state.loadDiagnostics, changed: changed) {
                return update
            }
            fullLoad = true
            let (site, problems) = SiteLoader.load(root: options.siteRoot, git: options.git)
            return site.map { ($0, problems) } ?? { outcome.diagnostics = problems.sorted(); return nil }()
        }()
        outcome.fullLoad = fullLoad
        guard var (site, problems) = reloaded else {
            state.loaded = nil
            return nil
        }
        options.apply(to: &site, problems: &problems)
        let assetsChanged = fullLoad || site.assets != state.loaded?.assets
            || (changed ?? []).contains { $0.hasPrefix("Templates/assets/") }
        state.loaded = site
        state.loadDiagnostics = problems
        state.loadedKey = site.keyOutsideEntryTexts(includeDrafts: options.includeDrafts)
        return Loaded(site: site, diagnostics: problems, edited: nil, assetsChanged: assetsChanged, key: state.loadedKey)
    }

    /// The site with the new text of the entry files at `changed`, and their positions, when every changed
    /// path is an entry file that was there and still is (a few at most: more go through a reload); else nil.
    private static func editedEntries(_ changed: Set<String>, in previous: LoadedSite, root: URL) -> (LoadedSite, [Int])? {
        guard changed.count <= 16 else { return nil }
        var site = previous
        var edited: [Int] = []
        for path in changed.sorted() {
            if path.split(separator: "/").contains(where: { SiteLoader.isIgnored(String($0)) }) { continue }
            guard path.hasSuffix(".md"), let position = site.entries.firstIndex(where: { $0.source.path == path }),
                  case .success(let source) = SiteLoader.readSource(root: root, path: path)
            else { return nil }
            if source.text == site.entries[position].source.text { continue }
            site.entries[position].source = source
            edited.append(position)
        }
        return (site, edited)
    }

    /// The parse step's output.
    struct Parsed {
        /// The whole site parsed; nil when only the edited entries were, for the last resolved site to take.
        var site: ParsedSite?
        /// The entries that changed in their bodies alone, when nothing else in the site changed since the
        /// output was written: only their pages change. Nil otherwise.
        var bodyEdits: [Entry]?
    }

    /// Parse: the entries whose text changed (every entry without a previous parse to reuse). When the load
    /// found only edited entries and each parses as before apart from its body, just those; else the site.
    static func parseStep(_ load: Loaded, options: Options, state: State, diagnostics: inout [Diagnostic]) -> Parsed {
        if let edited = load.edited, let bodies = parseBodies(load.site, edited: edited, state: state) {
            return Parsed(site: nil, bodyEdits: bodies)
        }
        let (parsed, problems) = SiteParser.parse(load.site, includeDrafts: options.includeDrafts, cache: state.parses, progress: options.progress)
        diagnostics += problems
        return Parsed(site: parsed, bodyEdits: bodyEdits(parsed, key: load.key, state: state))
    }

    /// The entries the parse parsed again, if each changed in its body alone and the rest of the site is as it
    /// was when the output was written (the key the write recorded, in this process or in the build cache).
    private static func bodyEdits(_ parsed: ParsedSite, key: CacheKey, state: State) -> [Entry]? {
        // An edit in a site of several editions goes through the whole render (its pages' keys say which changed).
        guard parsed.config.editions.count == 1, state.written != nil, state.writtenSiteKey == key, let changes = state.parses?.changes else { return nil }
        var entries: [Entry] = []
        for change in changes {
            guard let before = change.before, let old = before.0, before.1.isEmpty, let new = change.now.0, change.now.1.isEmpty,
                  // The home page shows the body of the entry site.yaml's `home` names.
                  new.slug != parsed.config.home?.value, sameOutside(body: old, new)
            else { return nil }
            entries.append(new)
        }
        return entries
    }

    /// The edited entries parsed, if each parses without a problem and differs from its last parse only in its
    /// body's HTML (not its front matter, headings, citations or links), so that no other page can show
    /// anything new; nil otherwise (then the site's parse parses them again, and sees what changed).
    private static func parseBodies(_ site: LoadedSite, edited: [Int], state: State) -> [Entry]? {
        guard site.config.editions.count == 1, let last = state.last, state.written != nil, let cache = state.parses,
              let labels = cache.authorLabels else { return nil }
        let config = site.config, options = site.markdownOptions, settingsBroken = site.settingsBroken
        let files = edited.map { site.entries[$0] }
        let parses = files.parallelMap { file -> (Entry?, [Diagnostic]) in
            guard let section = config.section(named: file.section) else { return (nil, []) }
            return EntryParser.parse(file, section: section, subjects: config.subjects, fields: config.fields(for: section.name),
                                     settingsBroken: settingsBroken, options: options, authorLabel: labels.label)
        }
        for (file, new) in zip(files, parses) {
            guard let entry = new.0, new.1.isEmpty, let previous = cache.previous(file.source.path), let old = previous.0,
                  previous.1.isEmpty, last.resolved.entry(entry.slug) != nil,
                  // The home page shows the body of the entry site.yaml's `home` names: the whole site.
                  entry.slug != last.resolved.config.home?.value,
                  sameOutside(body: old, entry)
            else { return nil }
        }
        for (file, new) in zip(files, parses) { cache.replace(file, with: new) }
        return parses.map { $0.0! }
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

    /// Templates: the site's templates compiled for the pages its content calls for; when only entries' bodies
    /// were parsed, the last run's.
    static func templatesStep(_ load: Loaded, parsed: Parsed, state: State, diagnostics: inout [Diagnostic]) -> SiteTemplates {
        guard let site = parsed.site else { return state.last!.context.templates }
        let (templates, problems) = TemplateParser.compile(load.site, for: site)
        diagnostics += problems
        return templates
    }

    /// Resolve: the whole parsed site, or the edited entries put in the last resolved site in place of their
    /// previous parses.
    static func resolveStep(_ parsed: Parsed, state: State, diagnostics: inout [Diagnostic]) -> ResolvedSite {
        guard let site = parsed.site else {
            var last = state.last!
            for entry in parsed.bodyEdits ?? [] { last.resolved.replace(entry) }
            state.last = last
            return last.resolved
        }
        state.last = nil
        let (resolved, problems) = SiteResolver.resolve(site)
        diagnostics += problems
        return resolved
    }

    /// The render step's output: the pages planned, each one's key, and those rendered.
    struct Rendering {
        var plan: [PlannedPage]
        /// Each planned page's key, in order (empty when the pages are rendered as they are written).
        var keys: [CacheKey] = []
        var rendered: [RenderedPage] = []
        /// Why each rendered page was rendered, when the options ask (``Options/explains``) and the run had a
        /// record of the output to compare with.
        var reasons: [(path: String, reason: Outcome.RenderReason)] = []
    }

    /// Render: the plan of every page (or of the pages of entries edited in their bodies alone), then the pages
    /// whose key changed since the output was written. A whole write renders each page as it writes it, so
    /// only the plan is made here; a run into memory renders every page.
    static func renderStep(
        _ resolved: ResolvedSite, templates: SiteTemplates, bodyEdits: [Entry]?, state: State, diagnostics: [Diagnostic], to destination: Destination,
        options: Options
    ) -> Rendering {
        let progress = options.progress
        if state.last == nil {
            let sources = SiteRenderer.formattedReferences(resolved, previous: state.formatted)
            if state.keepsRecord { state.formatted = sources }
            state.last = LastRender(resolved: resolved, context: PageContext(site: resolved, templates: templates), formatted: sources.html,
                                    diagnostics: diagnostics)
        }
        let last = state.last!
        let plan: [PlannedPage]
        if let bodyEdits {
            // A draft left out of the build has no page.
            plan = bodyEdits.filter { resolved.entry($0.slug)?.path == $0.path }
                .map { SiteRenderer.entryPage($0, site: resolved, context: last.context, formatted: last.formatted) }
        } else {
            plan = SiteRenderer.plan(resolved, context: last.context, formatted: last.formatted)
        }
        switch destination {
        case .memory:
            progress?.count(plan.count)
            return Rendering(plan: plan, rendered: plan.parallelMap { page in
                defer { progress?.advance() }
                return page.rendered()
            })
        case .output:
            guard let written = state.written else { return Rendering(plan: plan) }
            progress?.count(plan.count)
            let made = plan.parallelMap { page -> (key: CacheKey, page: RenderedPage?) in
                defer { progress?.advance() }
                let prepared = page.prepare()
                let key = prepared.key
                if written[page.path]?.key == key { return (key, nil) }
                return (key, RenderedPage(path: page.path, contents: prepared.render(), template: page.template))
            }
            var rendering = Rendering(plan: plan, keys: made.map(\.key), rendered: made.compactMap(\.page))
            if options.explains {
                rendering.reasons = rendering.rendered.map { page in
                    let reason: Outcome.RenderReason = bodyEdits != nil ? .bodyEdited
                        : written[page.path] != nil ? .inputsChanged
                        : state.changedInOutput.contains(page.path) ? .changedInOutput : .new
                    return (page.path, reason)
                }
            }
            return rendering
        }
    }

    /// Write: the whole site swapped into place when the output's contents are not known; else the files
    /// whose bytes changed, and away with those of pages that are gone. Records what it wrote in `state`.
    static func writeStep(
        _ options: Options, load: Loaded, rendering: Rendering, narrow: Bool, state: State, outcome: inout Outcome
    ) throws(BuildFailure) {
        let plan = rendering.plan, site = load.site
        var keys = Dictionary(uniqueKeysWithValues: zip(plan.map(\.path), rendering.keys))
        var bytes: [String: CacheKey] = [:]
        if let previous = state.written {
            for page in rendering.rendered { bytes[page.path] = KeyHasher.contents(page.contents) }
            let changedPages = rendering.rendered.filter { previous[$0.path]?.bytes != bytes[$0.path] }
            if narrow {
                outcome.filesWritten = try OutputWriter.update(
                    output: options.output, pages: changedPages, removed: [], assets: load.assetsChanged ? site.assets : [],
                    removedAssets: [], added: [], all: nil, siteRoot: options.siteRoot, watch: options.outputWatch).written
            } else {
                let paths = Set(plan.map(\.path))
                let assetPaths = Set(site.assets.map(\.path))
                if outcome.fullLoad { try OutputWriter.checkSafe(output: options.output, siteRoot: options.siteRoot) }
                let removed = previous.keys.filter { !paths.contains($0) }.sorted()
                let removedAssets = state.writtenAssets.filter { !assetPaths.contains($0) }
                let added = plan.map(\.path).filter { previous[$0] == nil }
                    + assetPaths.subtracting(state.writtenAssets).sorted().map { "assets/" + $0 }
                let report = try OutputWriter.update(
                    output: options.output, pages: changedPages, removed: removed,
                    assets: load.assetsChanged ? site.assets : [], removedAssets: removedAssets, added: added,
                    all: added.isEmpty && removed.isEmpty && removedAssets.isEmpty
                        ? nil : plan.map(\.path) + site.assets.map { "assets/" + $0.path },
                    siteRoot: options.siteRoot, watch: options.outputWatch)
                outcome.filesWritten = report.written
                outcome.filesRemoved = report.removed
            }
        } else {
            let hashes = try OutputWriter.write(pages: plan, assets: site.assets, to: options.output,
                                                siteRoot: options.siteRoot, keyed: state.keepsRecord,
                                                progress: options.progress)
            bytes = Dictionary(uniqueKeysWithValues: zip(plan.map(\.path), hashes.map(\.bytes)))
            keys = Dictionary(uniqueKeysWithValues: zip(plan.map(\.path), hashes.map(\.key)))
            outcome.filesWritten = plan.count + site.assets.count
        }
        guard state.keepsRecord else { return }
        var record = state.written ?? [:]
        if state.written != nil, !narrow { for path in Set(record.keys).subtracting(plan.map(\.path)) { record[path] = nil } }
        for page in plan where bytes[page.path] != nil { record[page.path] = BuildCache.PageRecord(key: keys[page.path]!, bytes: bytes[page.path]!) }
        state.written = record
        state.writtenSiteKey = load.key
        // What the cache found changed in the output is written again now.
        state.changedInOutput = []
        if !narrow { state.writtenAssets = site.assets.map(\.path) }
    }
}
