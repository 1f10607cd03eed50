import ArgumentParser
import Foundation
import ParleyKit
import ParleyServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it locally and rebuild it on every change.",
        discussion: """
            Builds the site into Public/ (or --output), serves it at http://127.0.0.1:8080/, and watches \
            Content/ and Templates/. Each change rebuilds only what it affects; open pages reload by themselves, \
            or show the errors of a failed rebuild over the last good build until they are fixed. Ctrl-C stops it.
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The address to listen on; anything but 127.0.0.1 or ::1 shows the preview to the network.",
            valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: [.short, .long], help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int = 8080

    @Flag(name: .long, help: "Include entries marked 'draft: true'.")
    var drafts = false

    @Flag(name: .long, help: "Open the site in the default browser once it is served.")
    var open = false

    @OptionGroup var console: OutputOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        console.apply()
        // The first build of a large site, and any long rebuild, show their progress; with --verbose, each
        // rebuild's steps with their times, and why each page was rendered.
        let line = ProgressLine("Building")
        let options = Pipeline.Options(
            siteRoot: URL(fileURLWithPath: site), output: output.map { URL(fileURLWithPath: $0) },
            includeDrafts: drafts,
            progress: line.progress, explains: Console.level == .verbose)
        guard FileManager.default.fileExists(atPath: options.siteRoot.appendingPathComponent("Content").path) else {
            Console.report([
                .error(
                    "the site folder has no Content/ folder", at: SourceLocation(file: "Content/"),
                    hint:
                        "run parley in a site's folder or name one with --site DIR; a site holds Content/ and Templates/"
                )
            ])
            throw ExitCode.failure
        }
        // The preview writes the output for as long as it runs: a build of the same folder meanwhile is refused.
        let lock = try BuildLock.take(options.output, command: "parley serve")
        defer {
            SearchIndex.endAll()
            lock.release()
        }
        SearchIndex.endOnSignals()
        SearchIndex.removeLeftovers(in: options.output)
        if !Self.isLoopback(host) {
            Console.warning(
                "--host \(host) shows the preview to the network: anyone who can reach this machine sees the site, "
                    + (drafts ? "its drafts, " : "")
                    + "and, when a build fails, the source lines in the error overlay; "
                    + "use --host 127.0.0.1 (the default) to keep it on this machine")
        }
        let preview = LivePreview(
            options: options, host: host, port: port,
            log: { line in Console.line(line) },
            report: { Console.report($0) },
            explain: { Console.explain($0) })
        let host = self.host, open = self.open
        do {
            try await preview.run { port in
                let shown = host.contains(":") ? "[\(host)]" : host
                let address = "http://\(shown):\(port)/"
                Console.result("Serving \(Console.display(options.output)) at \(address) (Ctrl-C to stop)")
                if open { Self.openInBrowser(address) }
            }
        } catch let error as PreviewServerError {
            Console.error(error.description)
            throw ExitCode.failure
        }
    }

    /// Whether an address is this machine's own (127.0.0.0/8, ::1, localhost), reachable from nowhere else.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    private static func openInBrowser(_ address: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        #if os(macOS)
            process.arguments = ["open", address]
        #else
            process.arguments = ["xdg-open", address]
        #endif
        try? process.run()
    }
}
