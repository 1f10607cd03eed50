import Foundation
import ParleyKit
import ParleyWatch

/// `parley serve`: builds the site, serves it, watches its sources, rebuilds what each change affects and
/// tells every open page, which reloads or shows the errors.
public struct LivePreview: Sendable {
    public var options: Pipeline.Options
    public var host: String
    public var port: Int
    /// Where the one line per rebuild goes (the terminal).
    public var log: @Sendable (String) -> Void
    /// Where the diagnostics of a rebuild go, formatted (standard error).
    public var report: @Sendable ([Diagnostic]) -> Void
    /// Where each rebuild's whole result goes after its line, for `--verbose` (why each page was rendered).
    public var explain: @Sendable (BuildSession.Result) -> Void

    public init(
        options: Pipeline.Options, host: String = "127.0.0.1", port: Int = 8080,
        log: @escaping @Sendable (String) -> Void, report: @escaping @Sendable ([Diagnostic]) -> Void,
        explain: @escaping @Sendable (BuildSession.Result) -> Void = { _ in }
    ) {
        self.options = options
        self.host = host
        self.port = port
        self.log = log
        self.report = report
        self.explain = explain
    }

    /// Builds, then serves until Ctrl-C, rebuilding on every change; `onReady` gets the port once it listens.
    /// A first build that fails does not stop it: pages show the errors until they are fixed.
    public func run(onReady: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) async throws {
        let hub = PreviewHub()
        let rebuilder = Rebuilder(options: options)
        let first = await rebuilder.rebuild(changed: nil)
        report(first.result.diagnostics)
        log(Self.describe(first.result, changed: nil))
        explain(first.result)
        await hub.publish(first.status)
        let indexer = SearchIndexer(output: options.output, log: log)
        await indexer.refresh(after: first.result)

        let watcher = try FileWatcher(
            root: options.siteRoot, folders: ["Content", "Templates"], ignore: { SiteLoader.isIgnored($0) })
        let server = PreviewServer(outputFolder: options.output, host: host, port: port, hub: hub)
        let log = self.log, report = self.report, explain = self.explain
        defer { watcher.stop() }
        let firstSucceeded = first.result.succeeded
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // The first reload as quick as the next: a spare to stage in (see the output folder's promises).
                if firstSucceeded { await rebuilder.prepareSpare() }
                var lastSucceeded = firstSucceeded
                for await batch in watcher.changes {
                    let changed: Set<String>? = batch.isOverflow ? nil : batch.paths
                    let rebuilt = await rebuilder.rebuild(changed: changed)
                    let result = rebuilt.result
                    // Nothing the site is made of changed (an editor's swap file) and it was fine: nothing to say.
                    let idle = result.pagesRendered == 0 && result.filesWritten == 0 && result.filesRemoved == 0
                    if result.succeeded, lastSucceeded, idle { continue }
                    lastSucceeded = result.succeeded
                    report(rebuilt.result.diagnostics)
                    log(Self.describe(rebuilt.result, changed: changed))
                    explain(rebuilt.result)
                    await hub.publish(rebuilt.status)
                    await indexer.refresh(after: result)
                }
            }
            try await server.run(onReady: onReady)
            group.cancelAll()
        }
    }

    /// One line per rebuild: when, what changed, what was done, how long it took.
    static func describe(_ result: BuildSession.Result, changed: Set<String>?) -> String {
        let time = Self.clock()
        let what: String
        if let changed {
            // Only what the site is made of: not the temporary files editors and tools come and go with.
            let sourceKinds = [".md", ".mustache", ".yaml", ".json", ".css", ".js"]
            let shown = changed.sorted().filter { path in
                !path.split(separator: "/").contains { SiteLoader.isIgnored(String($0)) }
                    && (sourceKinds.contains { path.hasSuffix($0) } || path.hasPrefix("Templates/assets/"))
            }
            what =
                shown.isEmpty
                ? ""
                : (shown.prefix(3).joined(separator: ", ") + (shown.count > 3 ? " and \(shown.count - 3) more" : "")
                    + ": ")
        } else {
            what = ""
        }
        let ms = String(format: "%.0f ms", result.seconds * 1000)
        guard result.succeeded else {
            return
                "\(time) \(what)build failed with \(DiagnosticFormatter.tally(result.diagnostics)) in \(ms); still serving the last good build"
        }
        let files =
            result.filesRemoved > 0
            ? "\(result.filesWritten) written, \(result.filesRemoved) removed" : "\(result.filesWritten) written"
        return "\(time) \(what)\(result.pagesRendered) of \(result.pages) pages rendered, \(files), in \(ms)"
    }

    private static func clock() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}

/// Owns the build session, so that rebuilds run one at a time.
actor Rebuilder {
    private let session: BuildSession
    private var generation = 0

    init(options: Pipeline.Options) {
        var options = options
        options.outputWatch = OutputWatch()
        self.options = options
        session = BuildSession(options: options)
    }

    private let options: Pipeline.Options

    func prepareSpare() {
        OutputWriter.prepareSpare(output: options.output, siteRoot: options.siteRoot, watch: options.outputWatch)
    }

    func rebuild(changed: Set<String>?) -> (result: BuildSession.Result, status: BuildStatus) {
        let result = session.rebuild(changed: changed)
        generation += 1
        let status: BuildStatus =
            result.succeeded
            ? .succeeded(generation: generation) : .failed(generation: generation, diagnostics: result.diagnostics)
        return (result, status)
    }
}

/// Keeps the preview's search index up to date without holding up a reload: after a rebuild that wrote
/// something, Pagefind runs in the background; saves meanwhile are folded into one more run after it.
actor SearchIndexer {
    private let output: URL
    private let log: @Sendable (String) -> Void
    private var running = false
    private var pending: String?
    private var toldMissing = false

    init(output: URL, log: @escaping @Sendable (String) -> Void) {
        self.output = output
        self.log = log
    }

    func refresh(after result: BuildSession.Result) {
        guard result.succeeded, let language = result.searchLanguage else { return }
        guard result.filesWritten > 0 || result.filesRemoved > 0 || !SearchIndex.exists(in: output) else { return }
        guard let program = SearchIndex.program() else {
            if !toldMissing { log("warning: " + SearchIndex.missingProgram) }
            toldMissing = true
            return
        }
        if running {
            pending = language
            return
        }
        start(program: program, language: language)
    }

    private func start(program: URL, language: String) {
        running = true
        let output = self.output, log = self.log
        Task.detached(priority: .utility) {
            let start = DispatchTime.now().uptimeNanoseconds
            var line: String?
            do throws(SearchIndex.Failure) {
                let pages = try SearchIndex.build(output: output, program: program, language: language)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                line = String(format: "search index: %d pages in %.0f ms", pages, ms)
            } catch {
                line = "warning: the search index was not made: \(error.description); the last one is kept"
            }
            await self.finished(line, program: program)
        }
    }

    private func finished(_ line: String?, program: URL) {
        running = false
        if let line { log(line) }
        if let language = pending {
            pending = nil
            start(program: program, language: language)
        }
    }
}
