import ArgumentParser
import Foundation

/// `parley new DIR`: a small working site to start from, as `hugo new site` and `zola init` make.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new site in a folder: settings, one entry, a bibliography, templates and a stylesheet.",
        discussion: """
            The folder must be new or empty. The site builds at once: cd into it and run 'parley serve' to \
            preview it, or 'parley build' to write it to Public/.
            """
    )

    @OptionGroup var console: OutputOptions

    @Argument(help: ArgumentHelp("The folder to create the site in.", valueName: "dir"))
    var folder: String

    func run() throws {
        console.apply()
        let fm = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                Console.error("\(folder) is a file; give a new or empty folder")
                throw ExitCode.failure
            }
            let items = try fm.contentsOfDirectory(atPath: target.path)
            guard items.isEmpty else {
                Console.error("\(Console.display(target)) is not empty (it holds \(items.sorted().prefix(3).joined(separator: ", "))\(items.count > 3 ? ", …" : "")); give a new or empty folder, so that nothing in it is overwritten")
                throw ExitCode.failure
            }
        }
        guard let starter = Bundle.module.url(forResource: "Starter", withExtension: nil) else {
            Console.error("this build of parley has no starter site (its resources are missing beside the binary)")
            throw ExitCode.failure
        }
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        for item in try fm.contentsOfDirectory(atPath: starter.path).sorted() {
            try fm.copyItem(at: starter.appendingPathComponent(item), to: target.appendingPathComponent(item))
        }
        try ".parley-cache/\nPublic/\n".write(to: target.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        Console.line("""
            Created a site in \(Console.display(target)):
              Content/site.yaml              settings, sections, declared fields and subject kinds
              Content/events/first-event.md  an entry
              Content/bibliography.yaml      the sources entries cite
              Templates/                     the pages' templates and the stylesheet
            Next: cd \(folder) && parley serve
            """)
    }
}
