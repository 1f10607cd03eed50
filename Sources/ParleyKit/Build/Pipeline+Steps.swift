import Foundation

extension Pipeline {
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
                return Loaded(
                    site: site, diagnostics: state.loadDiagnostics, edited: edited, assetsChanged: false,
                    key: state.loadedKey)
            }
        }
        var fullLoad = false
        let reloaded: (LoadedSite, [Diagnostic])? = {
            if let previous = state.loaded, let changed,
                let update = SiteLoader.reload(previous, diagnostics: state.loadDiagnostics, changed: changed)
            {
                return update
            }
            fullLoad = true
            let (site, problems) = SiteLoader.load(root: options.siteRoot, git: options.git)
            return site.map { ($0, problems) }
                ?? {
                    outcome.diagnostics = problems.sorted()
                    return nil
                }()
        }()
        outcome.fullLoad = fullLoad
        guard var (site, problems) = reloaded else {
            state.loaded = nil
            return nil
        }
        options.apply(to: &site, problems: &problems)
        let assetsChanged =
            fullLoad || site.assets != state.loaded?.assets
            || (changed ?? []).contains { $0.hasPrefix("Templates/assets/") }
        state.loaded = site
        state.loadDiagnostics = problems
        state.loadedKey = site.keyOutsideEntryTexts(includeDrafts: options.includeDrafts)
        return Loaded(
            site: site, diagnostics: problems, edited: nil, assetsChanged: assetsChanged, key: state.loadedKey)
    }

    /// The site with the new text of the entry files at `changed`, and their positions, when every changed
    /// path is an entry file that was there and still is (a few at most: more go through a reload); else nil.
    static func editedEntries(_ changed: Set<String>, in previous: LoadedSite, root: URL) -> (LoadedSite, [Int])? {
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
        let (parsed, problems) = SiteParser.parse(
            load.site, includeDrafts: options.includeDrafts, cache: state.parses, progress: options.progress)
        diagnostics += problems
        return Parsed(site: parsed, bodyEdits: bodyEdits(parsed, key: load.key, state: state))
    }

    /// The entries the parse parsed again, if each changed in its body alone and the rest of the site is as it
    /// was when the output was written (the key the write recorded, in this process or in the build cache).
    static func bodyEdits(_ parsed: ParsedSite, key: CacheKey, state: State) -> [Entry]? {
        // An edit in a site of several editions goes through the whole render (its pages' keys say which changed).
        guard parsed.config.editions.count == 1, state.written != nil, state.writtenSiteKey == key,
            let changes = state.parses?.changes
        else { return nil }
        var entries: [Entry] = []
        for change in changes {
            guard let before = change.before, let old = before.0, before.1.isEmpty, let new = change.now.0,
                change.now.1.isEmpty,
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
    static func parseBodies(_ site: LoadedSite, edited: [Int], state: State) -> [Entry]? {
        guard site.config.editions.count == 1, let last = state.last, state.written != nil, let cache = state.parses,
            let labels = cache.authorLabels
        else { return nil }
        let config = site.config, options = site.markdownOptions, settingsBroken = site.settingsBroken
        let files = edited.map { site.entries[$0] }
        let parses = files.parallelMap { file -> (Entry?, [Diagnostic]) in
            guard let section = config.section(named: file.section) else { return (nil, []) }
            return EntryParser.parse(
                file, section: section, subjects: config.subjects, fields: config.fields(for: section.name),
                settingsBroken: settingsBroken, options: options, authorLabel: labels.label)
        }
        for (file, new) in zip(files, parses) {
            guard let entry = new.0, new.1.isEmpty, let previous = cache.previous(file.source.path),
                let old = previous.0,
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
            body.headings = body.headings.map {
                var h = $0
                h.line = 0
                return h
            }
            body.citations = body.citations.map {
                var c = $0
                c.location = SourceLocation(file: "")
                c.sourceLine = nil
                return c
            }
            body.links = body.links.map {
                var l = $0
                l.location = SourceLocation(file: "")
                l.sourceLine = nil
                return l
            }
            entry.body = body
            return entry
        }
        return stripped(a) == stripped(b)
    }

    /// Templates: the site's templates compiled for the pages its content calls for; when only entries' bodies
    /// were parsed, the last run's.
    static func templatesStep(
        _ load: Loaded, parsed: Parsed, state: State, diagnostics: inout [Diagnostic]
    ) -> SiteTemplates {
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
        _ resolved: ResolvedSite, templates: SiteTemplates, bodyEdits: [Entry]?, state: State,
        diagnostics: [Diagnostic], to destination: Destination,
        options: Options
    ) -> Rendering {
        let progress = options.progress
        if state.last == nil {
            let sources = SiteRenderer.formattedReferences(resolved, previous: state.formatted)
            if state.keepsRecord { state.formatted = sources }
            state.last = LastRender(
                resolved: resolved, context: PageContext(site: resolved, templates: templates), formatted: sources.html,
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
            return Rendering(
                plan: plan,
                rendered: plan.parallelMap { page in
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
                    let reason: Outcome.RenderReason =
                        bodyEdits != nil
                        ? .bodyEdited
                        : written[page.path] != nil
                            ? .inputsChanged
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
                    output: options.output, pages: changedPages, removed: [],
                    assets: load.assetsChanged ? site.assets : [],
                    removedAssets: [], added: [], all: nil, siteRoot: options.siteRoot, watch: options.outputWatch
                ).written
            } else {
                let paths = Set(plan.map(\.path))
                let assetPaths = Set(site.assets.map(\.path))
                if outcome.fullLoad { try OutputWriter.checkSafe(output: options.output, siteRoot: options.siteRoot) }
                let removed = previous.keys.filter { !paths.contains($0) }.sorted()
                let removedAssets = state.writtenAssets.filter { !assetPaths.contains($0) }
                let added =
                    plan.map(\.path).filter { previous[$0] == nil }
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
            let hashes = try OutputWriter.write(
                pages: plan, assets: site.assets, to: options.output,
                siteRoot: options.siteRoot, keyed: state.keepsRecord,
                progress: options.progress)
            bytes = Dictionary(uniqueKeysWithValues: zip(plan.map(\.path), hashes.map(\.bytes)))
            keys = Dictionary(uniqueKeysWithValues: zip(plan.map(\.path), hashes.map(\.key)))
            outcome.filesWritten = plan.count + site.assets.count
        }
        guard state.keepsRecord else { return }
        var record = state.written ?? [:]
        if state.written != nil, !narrow {
            for path in Set(record.keys).subtracting(plan.map(\.path)) { record[path] = nil }
        }
        for page in plan where bytes[page.path] != nil {
            record[page.path] = BuildCache.PageRecord(key: keys[page.path]!, bytes: bytes[page.path]!)
        }
        state.written = record
        state.writtenSiteKey = load.key
        // What the cache found changed in the output is written again now.
        state.changedInOutput = []
        if !narrow { state.writtenAssets = site.assets.map(\.path) }
    }
}
