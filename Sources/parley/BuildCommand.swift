import ArgumentParser
import Foundation
import ParleyKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into its output folder.",
        discussion: """
            Reads Content/ and Templates/ of the site folder and writes the site to Public/ (or --output). \
            All problems are reported together; if there is any error, the output folder is left as it was \
            and the exit status is 1.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The site's folder, holding Content/ and Templates/.", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <site>/Public).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Include entries marked 'draft: true'.")
    var drafts = false

    func run() throws {
        let root = URL(fileURLWithPath: site)
        let options = Pipeline.Options(
            siteRoot: root, output: output.map { URL(fileURLWithPath: $0) }, includeDrafts: drafts)
        do {
            let report = try Pipeline.build(options)
            Console.report(report.diagnostics)
            let seconds = String(format: "%.2f", report.seconds)
            print("Built \(report.pagesRendered) pages (\(report.filesWritten) files) in \(seconds) s → \(Console.display(options.output))")
        } catch {
            Console.report(error.diagnostics)
            Console.error("build failed with \(DiagnosticFormatter.tally(error.diagnostics)); \(Console.display(options.output)) was not changed")
            throw ExitCode.failure
        }
    }
}
