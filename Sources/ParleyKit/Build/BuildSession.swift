import Foundation

/// A site kept in memory between builds, for the preview server and `parley build`'s cache: each rebuild is a
/// run of the pipeline from what the last one left, so it reads only the files that changed, parses only the
/// entries whose files changed, renders only the pages whose inputs changed, and writes only the files whose
/// bytes changed. Its output is byte for byte what a whole build (``Pipeline/build(_:)``) writes.
///
/// Not thread-safe: one rebuild at a time (the server runs them one after another).
public final class BuildSession {
    /// What one rebuild did.
    public typealias Result = Pipeline.Outcome

    public let options: Pipeline.Options
    /// What the last rebuild left for the next.
    private let state: Pipeline.State
    /// Why what a killed build left could not be made whole, for the first rebuild to report.
    private var recoveryProblems: [Diagnostic] = []

    /// The build cache's folder in a site's folder, and its file there.
    public static let cacheFolderName = ".parley-cache"
    public static let cacheFileName = BuildCache.fileName

    /// Where the build cache is kept between processes, if anywhere.
    public let cacheFolder: URL?

    /// A session for these options. With a cache folder, it starts from the record the last build left there
    /// (see ``saveCache()``), so even its first rebuild parses, renders and writes only what changed since.
    /// A session that rebuilds `once` (`parley build`) does not keep the sources once they are parsed: a later
    /// rebuild reads and parses every file again. A session that does not `reuse` the cache (`--no-cache`)
    /// takes from it only the addresses the last build published, to warn about one that disappears.
    public init(options: Pipeline.Options, cacheFolder: URL? = nil, once: Bool = false, reuse: Bool = true) {
        self.options = options
        state = Pipeline.State(keepsSources: !once)
        self.cacheFolder = cacheFolder
        // What a killed build left is made whole before anything reads the output: a journal completed, an
        // output moved aside put back, staging folders removed.
        do {
            try OutputWriter.recover(OutputWriter.resolve(options.output))
        } catch {
            recoveryProblems = error.diagnostics
        }
        guard let cacheFolder else {
            cacheUse = "no cache"
            return
        }
        switch BuildCache.read(from: cacheFolder, options: options) {
        case .success(let cache):
            state.published = cache.entries
            if reuse, cache.writtenElsewhere {
                // Only a whole build removes what the other process wrote (a draft's page) and this one does not.
                cacheUse = "the cache is not used: " + BuildCache.NotUsed.writtenElsewhere.rawValue
            } else if reuse {
                state.written = cache.pages
                state.writtenAssets = cache.assets
                state.writtenSiteKey = cache.siteKey
                state.changedInOutput = cache.changedInOutput
                cacheUse =
                    "the cache holds \(cache.pages.count) pages' keys"
                    + (cache.changedInOutput.isEmpty
                        ? ""
                        : "; \(cache.changedInOutput.count) files in the output were changed by hand since, and are written again")
            } else {
                cacheUse = "the cache is not used (--no-cache)"
            }
        case .failure(let reason):
            cacheUse = reuse ? "the cache is not used: " + reason.rawValue : "the cache is not used (--no-cache)"
        }
        if reuse {
            state.parses?.loadArchive(from: cacheFolder)
            if let archive = state.parses?.archive { cacheUse += "; \(archive.records.count) parsed entries" }
        }
    }

    /// What the session took from the build cache, or why it took nothing: one line for `--verbose`.
    public private(set) var cacheUse = ""

    /// The file in the cache folder that holds the parsed entries (see ``saveCache()``).
    public static let entriesFileName = ArchivedEntries.fileName

    /// Records the output as the last successful rebuild left it, and the parsed entries, for the next
    /// process's first rebuild: it renders and writes only what changed, and parses only the files that did.
    public func saveCache() throws {
        guard let cacheFolder, let written = state.written else { return }
        try BuildCache(
            pages: written, assets: state.writtenAssets, siteKey: state.writtenSiteKey, entries: state.published
        ).save(to: cacheFolder, options: options)
        try state.parses?.saveArchive(to: cacheFolder)
    }

    /// Brings the output up to date through the pipeline (``Pipeline/run(_:changed:state:to:)``). `changed`
    /// holds the paths (relative to the site's folder) that changed since the last rebuild; nil means unknown,
    /// and every file is read again.
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
        if state.written != nil,
            !FileManager.default.fileExists(atPath: options.output.appendingPathComponent(OutputWriter.marker).path)
        {
            state.written = nil
        }
        return Pipeline.run(options, changed: changed, state: state, to: .output)
    }
}
