import ArgumentParser
import Foundation
import ParleyKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site without writing it: every problem of a build, and every broken link.",
        discussion: """
            Builds the site in memory (nothing is written) and reports all its problems, then follows every \
            internal link, asset reference and #fragment of the rendered pages. Each problem is reported at the \
            line of the entry or template to fix. The exit status is 0 when there is no error (with --strict, \
            no warning either), and 1 otherwise.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("The site's folder, holding Content/ and Templates/.", valueName: "dir"))
    var site: String = "."

    @Flag(name: .long, help: "Count warnings as errors.")
    var strict = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How to report: text (for people), json (for tools) or github (GitHub Actions annotations).",
            valueName: "format"))
    var format: Format = .text

    @Flag(name: .long, help: "Include entries marked 'draft: true'.")
    var drafts = false

    @OptionGroup var baseURL: BaseURLOption

    @OptionGroup var console: OutputOptions

    func run() throws {
        console.apply()
        let line = ProgressLine("Checking")
        let options = Pipeline.Options(
            siteRoot: URL(fileURLWithPath: site), includeDrafts: drafts, baseURL: baseURL.normalized,
            progress: line.progress)
        let report = SiteChecker.check(options)
        line.finish()
        let passes = report.passes(strict: strict)
        switch format {
        case .text:
            Console.report(report.diagnostics)
            let tally = DiagnosticFormatter.tally(report.diagnostics)
            if passes {
                Console.line(
                    "Checked \(Console.count(report.pagesChecked)) pages (\(Console.count(report.linksChecked)) links): \(tally)"
                )
            } else {
                let scope =
                    report.linksWereChecked
                    ? "checked \(Console.count(report.pagesChecked)) pages, \(Console.count(report.linksChecked)) links"
                    : "links not checked: the site does not build"
                let strictly = strict && !report.diagnostics.hasErrors ? ", warnings count with --strict" : ""
                Console.error("check failed with \(tally) (\(scope)\(strictly))")
            }
        case .json:
            Console.result(DiagnosticFormatter.json(report.diagnostics))
        case .github:
            if !report.diagnostics.isEmpty { Console.result(DiagnosticFormatter.githubAnnotations(report.diagnostics)) }
        }
        if !passes { throw ExitCode.failure }
    }
}
