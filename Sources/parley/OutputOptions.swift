import ArgumentParser
import Foundation
import ParleyKit

/// `-q/--quiet`, `-v/--verbose` and `--color`: how much every command says, and whether in colour.
struct OutputOptions: ParsableArguments {
    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Flag(name: [.short, .long], help: "Print errors only: no warnings, no summary line, no progress.")
    var quiet = false

    @Flag(
        name: [.short, .long],
        help: "Also print each step with its time, what the cache reused, and why each page was rendered.")
    var verbose = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Colour errors, warnings, hints and carets: auto (on a terminal, unless NO_COLOR is set), always or never.",
            valueName: "when"))
    var color: ColorChoice = .auto

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together: choose one") }
    }

    /// Sets up the console for this run. Call first in `run()`.
    func apply(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let terminal = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
        let colors =
            switch color {
            case .always: true
            case .never: false
            case .auto: terminal && (environment["NO_COLOR"] ?? "").isEmpty
            }
        Console.settings = Console.Settings(
            level: quiet ? .quiet : verbose ? .verbose : .normal,
            colors: colors,
            showsProgress: !quiet && terminal && (environment["CI"] ?? "").isEmpty)
    }
}
