import ArgumentParser
import Foundation
import ParleyKit

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render Markdown to an HTML fragment on standard output.",
        discussion: """
            Without --site, it behaves as the cmark command: the same options and defaults (safe mode, no smart \
            punctuation), and the same bytes out; with --table, as `cmark-gfm --extension table`. With --site, it \
            renders exactly as that site renders entry bodies: the site's options, tables, heading anchors, and a \
            front matter, if any, left out.
            """
    )

    @Flag(name: .long, help: "Use smart punctuation.") var smart = false
    @Flag(name: .long, help: "Render raw HTML and dangerous URLs.") var unsafe = false
    @Flag(name: .long, help: "Accepted for compatibility with cmark: safe mode is the default.") var safe = false
    @Flag(name: .long, help: "Include source position attributes.") var sourcepos = false
    @Flag(name: .long, help: "Treat newlines as hard line breaks.") var hardbreaks = false
    @Flag(name: .long, help: "Render soft line breaks as spaces.") var nobreaks = false
    @Flag(name: .customLong("validate-utf8"), help: "Replace invalid UTF-8 sequences with U+FFFD.") var validateUTF8 =
        false
    @Flag(name: .long, help: "Render GitHub's pipe tables, as cmark-gfm --extension table does.") var table = false

    @OptionGroup var console: OutputOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Render as this site renders its entries.", valueName: "dir"))
    var site: String?

    @Argument(
        help: ArgumentHelp("Markdown files to read, concatenated ('-' or none: standard input).", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if site != nil, smart || unsafe || sourcepos || hardbreaks || nobreaks || table {
            throw ValidationError(
                "with --site, the site's own options apply (smart-punctuation and unsafe-html in Content/site.yaml, tables always on); leave out the cmark flags"
            )
        }
        if table, sourcepos {
            // cmark-gfm's own positions on tables are not consistent enough to be matched.
            throw ValidationError("--sourcepos cannot be combined with --table")
        }
    }

    func run() throws {
        console.apply()
        var input: [UInt8] = []
        for file in files.isEmpty ? ["-"] : files {
            if file == "-" {
                input += Array(FileHandle.standardInput.readDataToEndOfFile())
            } else if let data = FileManager.default.contents(atPath: file) {
                input += Array(data)
            } else {
                Console.error("cannot read '\(file)'")
                throw ExitCode.failure
            }
        }

        if let site {
            let root = URL(fileURLWithPath: site).standardizedFileURL
            switch EntryBodyHTML.load(siteRoot: root) {
            case .success(let renderer):
                // A file inside the site renders as that entry: its links are relative to its page.
                let path =
                    files.count == 1 && files[0] != "-"
                    ? URL(fileURLWithPath: files[0]).standardizedFileURL.path.relative(to: root.path) : nil
                FileHandle.standardOutput.write(
                    Data(renderer.html(String(decoding: input, as: UTF8.self), path: path).utf8))
            case .failure(let failure):
                Console.report(failure.diagnostics)
                throw ExitCode.failure
            }
            return
        }

        var options = MarkdownOptions(smart: smart, unsafe: unsafe)
        options.sourcePositions = sourcepos
        options.hardBreaks = hardbreaks
        options.noBreaks = nobreaks
        options.validateUTF8 = validateUTF8
        options.tables = table
        FileHandle.standardOutput.write(Data(MarkdownHTML.fragment(bytes: input, options: options)))
    }
}

extension String {
    /// This path relative to `folder`, or nil when it is not inside it.
    func relative(to folder: String) -> String? {
        hasPrefix(folder + "/") ? String(dropFirst(folder.count + 1)) : nil
    }
}
