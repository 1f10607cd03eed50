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
        if !outcome.succeeded {
            state.last = nil
            state.writtenSiteKey = nil
        }
        return outcome
    }

    static func steps(
        _ options: Options, changed: Set<String>?, state: State, to destination: Destination, timer: inout StepTimer
    ) -> Outcome {
        var outcome = Outcome()

        guard var load = timer.time("load", { loadStep(options, changed: changed, state: state, outcome: &outcome) })
        else {
            return outcome
        }
        var diagnostics = load.diagnostics
        let parsed = timer.time("parse") { parseStep(load, options: options, state: state, diagnostics: &diagnostics) }
        let templates = timer.time("templates") {
            templatesStep(load, parsed: parsed, state: state, diagnostics: &diagnostics)
        }
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
        outcome.searchLanguage =
            resolved.config.search ? (resolved.config.editions.count > 1 ? "" : resolved.config.language) : nil
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
            renderStep(
                resolved, templates: templates, bodyEdits: parsed.bodyEdits, state: state,
                diagnostics: outcome.diagnostics, to: destination,
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
                try writeStep(
                    options, load: load, rendering: rendering, narrow: parsed.bodyEdits != nil, state: state,
                    outcome: &outcome)
            }
            if state.keepsRecord, parsed.site != nil {
                state.published = PublishedPages.entries(of: resolved, still: stillVanished)
            }
        } catch {
            state.written = nil
            outcome.outputChanged = error.outputChanged
            outcome.diagnostics = (outcome.diagnostics + error.diagnostics).sorted()
        }
        return outcome
    }
}
