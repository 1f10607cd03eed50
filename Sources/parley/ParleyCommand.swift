import ArgumentParser
import ParleyKit

@main
struct ParleyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A static site generator for sourced reference works.",
        discussion: "Markdown entries in Content/, Mustache templates in Templates/, the site in Public/.",
        version: Parley.version,
        subcommands: [NewCommand.self, BuildCommand.self, ServeCommand.self, CheckCommand.self, RenderCommand.self]
    )
}
