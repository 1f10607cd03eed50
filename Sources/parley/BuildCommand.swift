import ArgumentParser
import Foundation
import ParleyKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into its output folder.",
        discussion: """
            Reads Content/ and Templates/ of the site folder and writes the site to Public/ (or --output). \
            With the cache (.parley-cache/ in the site folder) from the last build, only the pages whose inputs \
            changed are rendered and only the files whose bytes changed are written. All problems are reported \
            together; if there is any error, the output folder is left as it was and the exit status is 1.
            """
    )

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("The site's folder, holding Content/ and Templates/.", valueName: "dir"))
    var site: String = "."

    @Option(
        name: [.short, .long], help: ArgumentHelp("Where to write the site (default: <site>/Public).", valueName: "dir")
    )
    var output: String?

    @Flag(name: .long, help: "Include entries marked 'draft: true'.")
    var drafts = false

    @OptionGroup var baseURL: BaseURLOption

    @OptionGroup var console: OutputOptions

    @Flag(
        name: .customLong("no-cache"),
        help: "Parse, render and write everything, ignoring the cache of the last build (a new cache is still written)."
    )
    var noCache = false

    @Flag(
        name: .long,
        help:
            "Print how long each step took: reading the cache, load, parse, templates, resolve, plan and render, write, saving the cache."
    )
    var timings = false

    nonisolated(unsafe) private static var finished: BuildSession?

    func run() throws {
        console.apply()
        let root = URL(fileURLWithPath: site)
        let line = ProgressLine("Building")
        let progress = line.progress
        var options = Pipeline.Options(
            siteRoot: root, output: output.map { URL(fileURLWithPath: $0) }, includeDrafts: drafts,
            baseURL: baseURL.normalized)
        options.progress = progress
        options.explains = Console.level == .verbose
        let cache = options.siteRoot.appendingPathComponent(BuildSession.cacheFolderName)
        // One process at a time writes an output folder; the lock is held to the end, Pagefind included.
        let lock = try BuildLock.take(options.output, command: "parley build")
        defer { lock.release() }
        SearchIndex.endOnSignals()
        // What a killed build's Pagefind left goes, whether or not this build runs Pagefind.
        SearchIndex.removeLeftovers(in: options.output)
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> (T, (name: String, seconds: Double)) {
            let start = DispatchTime.now().uptimeNanoseconds
            let value = try progress.step(name, body)
            return (value, (name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        let (session, readCache) = timed("read-cache") {
            BuildSession(options: options, cacheFolder: cache, once: true, reuse: !noCache)
        }
        Console.verbose("cache: " + session.cacheUse)
        // Kept to the end of the process: freeing every parsed entry one by one at exit takes longer than exiting.
        Self.finished = session
        var steps = [readCache]
        let result = session.rebuild(changed: nil)
        steps += result.steps
        guard result.succeeded else {
            line.finish()
            Console.report(result.diagnostics)
            let output = Console.display(options.output)
            Console.error(
                "build failed with \(DiagnosticFormatter.tally(result.diagnostics)); "
                    + (result.outputChanged
                        ? "\(output) was partly updated, and the next build completes it" : "\(output) was not changed")
            )
            throw ExitCode.failure
        }
        do {
            try steps.append(timed("save-cache") { try session.saveCache() }.1)
        } catch {
            Console.warning(
                "could not write the build cache in \(Console.display(cache)): \(error.localizedDescription); the next build will be a whole one"
            )
        }
        var indexed = ""
        if let language = result.searchLanguage {
            // Pagefind reads the written pages: the index follows the build, and a failure of it fails no build.
            steps.append(
                timed("search-index") {
                    guard let program = SearchIndex.program() else {
                        return Console.warning(SearchIndex.missingProgram)
                    }
                    do throws(SearchIndex.Failure) {
                        let pages = try SearchIndex.build(output: options.output, program: program, language: language)
                        indexed = "; \(Console.count(pages, "page", "pages")) in the search index"
                    } catch {
                        Console.warning("the search index was not made: \(error.description); the last one is kept")
                    }
                }.1)
        }
        line.finish()
        Console.report(result.diagnostics)
        Console.explain(result)
        let total = String(format: "%.2f", steps.reduce(0) { $0 + $1.seconds })
        let removed = result.filesRemoved > 0 ? ", \(Console.count(result.filesRemoved)) removed" : ""
        Console.line(
            "Built \(Console.count(result.pages)) pages (\(Console.count(result.pagesRendered)) rendered, "
                + "\(Console.count(result.pages - result.pagesRendered)) reused; \(Console.count(result.filesWritten, "file", "files")) written"
                + "\(removed)\(indexed)) in \(total) s → \(Console.display(options.output))")
        if timings {
            Console.line(steps.map { "\($0.name) \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: " · "))
        }
    }
}

extension BuildLock {
    /// The lock of `output` for `command`, waiting for a build that holds it and refusing when `parley serve`
    /// does (it holds the lock for as long as it runs).
    static func take(_ output: URL, command: String) throws -> BuildLock {
        let shown = Console.display(output)
        do throws(Refusal) {
            return try acquire(
                output: output, command: command, waitsFor: { $0?.command != "parley serve" },
                waiting: { holder in
                    let who = holder.map { "\($0.command) (process \($0.pid))" } ?? "another parley process"
                    if Console.level > .quiet { Console.printError("waiting for \(who) to finish with \(shown)") }
                })
        } catch {
            switch error {
            case .held(let holder):
                let who = holder.map { "\($0.command) (process \($0.pid))" } ?? "parley serve"
                let doing = command == "parley serve" ? "serving it again" : "building into it"
                Console.error(
                    "\(shown) is being served by \(who); stop it before \(doing), "
                        + "or name another folder with --output")
            case .failed(let reason):
                Console.error("could not take the lock of \(shown): \(reason)")
            }
            throw ExitCode.failure
        }
    }
}
