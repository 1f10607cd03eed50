import ArgumentParser
import ParleyKit

@main
struct ParleyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A static site generator for sourced reference works.",
        discussion: """
            Markdown entries in Content/, Mustache templates in Templates/, the site in Public/. \
            Every command takes -q/--quiet, -v/--verbose and --color auto|always|never. Shell completions: \
            parley --generate-completion-script bash|zsh|fish.
            """,
        subcommands: [NewCommand.self, BuildCommand.self, ServeCommand.self, CheckCommand.self, RenderCommand.self]
    )

    @Flag(
        name: .long,
        help: "Print the version and the build of Parley (a hash of the program, which the build cache records).")
    var version = false

    func run() async throws {
        guard version else { throw CleanExit.helpRequest(self) }
        Console.result(Self.versionLine)
    }

    /// `parley 0.1.0 (build 3f2a…)`: the version, and the XXH3-128 of this program's bytes.
    static var versionLine: String {
        "parley \(Parley.version)" + (Parley.programKey.isEmpty ? "" : " (build \(Parley.programKey))")
    }
}
