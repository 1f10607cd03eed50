import ArgumentParser
import Foundation
import ParleyKit

/// `parley new DIR`: a small working site to start from, as `hugo new site` and `zola init` make.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract:
            "Create a new site in a folder: settings, one entry, a bibliography, templates, a stylesheet and a publish workflow.",
        discussion: """
            The folder must be new or empty. The site builds at once: cd into it and run 'parley serve' to \
            preview it, or 'parley build' to write it to Public/. Pushed to GitHub, its workflow \
            (.github/workflows/publish.yml) builds, checks and publishes it to GitHub Pages.
            """
    )

    /// The GitHub repository of Parley's releases and action, which the new site's workflow uses.
    static let repository = Parley.repository
    /// The new site's publish workflow.
    static let workflow = ".github/workflows/publish.yml"
    /// How the starter's workflow names the action; written with `repository` in its place.
    static let starterAction = "uses: parley-ssg/parley@"

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
                Console.error(
                    "\(Console.display(target)) is not empty (it holds \(items.sorted().prefix(3).joined(separator: ", "))\(items.count > 3 ? ", …" : "")); give a new or empty folder, so that nothing in it is overwritten"
                )
                throw ExitCode.failure
            }
        }
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        try Starter.write(to: target)
        try ".parley-cache/\nPublic/\n".write(
            to: target.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        // The workflow uses the action of the repository this Parley comes from.
        let workflow = target.appendingPathComponent(Self.workflow)
        try String(contentsOf: workflow, encoding: .utf8)
            .replacingOccurrences(of: Self.starterAction, with: "uses: \(Self.repository)@")
            .write(to: workflow, atomically: true, encoding: .utf8)
        Console.line(
            """
            Created a site in \(Console.display(target)):
              Content/site.yaml              settings, sections, declared fields and subject kinds
              Content/events/first-event.md  an entry
              Content/bibliography.yaml      the sources entries cite
              Templates/                     the pages' templates and the stylesheet
              .github/workflows/publish.yml  builds, checks and publishes the site to GitHub Pages
            Next: cd \(folder) && parley serve
            """)
    }
}
