import Foundation
import Testing

/// The second generated part of the manual's page of diagnostics (`Documentation/Content/reference/diagnostics.md`):
/// what the `parley` binary prints about its command line, the output folder, an earlier build, symbolic links,
/// the build cache and Pagefind. Each case makes its situation in a temporary folder, runs the real binary and
/// records what it prints, with the temporary folder shown as the current one and timings as `…`. The part
/// stands between its own markers; ``DiagnosticsDocumentationTests`` writes the fixtures' part of the same page.
/// Re-record with `PARLEY_RECORD=1 swift test --filter CommandDiagnosticsDocumentationTests`.
@Suite struct CommandDiagnosticsDocumentationTests {
    static let page = CLITests.repository.appendingPathComponent("Documentation/Content/reference/diagnostics.md")
    static let begin = "<!-- command diagnostics: made by CommandDiagnosticsDocumentationTests -->\n"
    static let end = "<!-- end of command diagnostics -->\n"
    static var recording: Bool { ProcessInfo.processInfo.environment["PARLEY_RECORD"] == "1" }

    /// A situation, as the page shows it: its heading, one sentence of what it shows, how it is made, the
    /// command (the words after `parley`) and its environment.
    struct Case: Sendable {
        var title: String
        var about: String
        var made: String
        var command: [String]
        var environment: [String: String] = [:]
        /// Where the command runs: `site/` or the temporary folder that holds it.
        var inSite = true
        /// `parley serve`: stopped once it says where it serves.
        var serve = false
        /// Permissions given to paths in `site/` before the command runs (`0`: unreadable); as root, who may
        /// do everything, the command then runs as the user `nobody`.
        var modes: [String: Int] = [:]
        var prepare: @Sendable (Work) throws -> Void
    }

    static let entry = "---\ntitle: Second event\ndate: 2024-06-01\n---\nWhat happened next.\n"

    static let cases: [Case] = [
        // The command line
        Case(
            title: "Options that cannot go together",
            about: "`--quiet` prints errors only and `--verbose` every step, so they exclude each other.",
            made: "Any site.", command: ["build", "--quiet", "--verbose"], prepare: { try $0.newSite() }),
        Case(
            title: "A base URL that is not an address",
            about: "`--base-url` replaces the site's `base-url` for one build, so it must be a whole address.",
            made: "Any site.", command: ["build", "--base-url", "example.org/reference"], prepare: { try $0.newSite() }),
        Case(
            title: "A port that does not exist",
            about: "`parley serve --port` takes a TCP port number, or 0 for any free one.",
            made: "Any site.", command: ["serve", "--port", "70000"], prepare: { try $0.newSite() }),
        Case(
            title: "A preview shown to the network",
            about:
                "`--host` with an address other than the machine's own lets anyone who can reach the machine see the preview: a warning, and the preview runs.",
            made: "A site from `parley new`; the preview is stopped once it runs.",
            command: ["serve", "--host", "0.0.0.0", "--port", "0"], serve: true, prepare: { try $0.newSite() }),
        Case(
            title: "A preview with drafts shown to the network",
            about: "With `--drafts`, the warning says that the drafts are shown too.",
            made: "A site from `parley new`; the preview is stopped once it runs.",
            command: ["serve", "--host", "0.0.0.0", "--port", "0", "--drafts"], serve: true,
            prepare: { try $0.newSite() }),
        Case(
            title: "Rendering with a site and cmark's options",
            about:
                "`parley render --site` renders as the site does, with the site's own options, so cmark's flags are refused.",
            made: "A site from `parley new`.",
            command: ["render", "--site", ".", "--smart", "Content/events/first-event.md"],
            prepare: { try $0.newSite() }),
        Case(
            title: "Source positions in tables",
            about: "`--sourcepos` cannot be combined with `--table`.",
            made: "Any folder.", command: ["render", "--table", "--sourcepos", "notes.md"],
            prepare: {
                try $0.newSite()
                try $0.write("# Notes\n", to: "notes.md")
            }),
        Case(
            title: "A file render cannot read",
            about: "`parley render` reads the files it is given, or standard input.",
            made: "A folder without `notes.md`.", command: ["render", "notes.md"], prepare: { try $0.newSite() }),
        Case(
            title: "A new site where a file is",
            about: "`parley new` makes a new folder, or fills an empty one.",
            made: "A folder holding a file `site`.", command: ["new", "site"], inSite: false,
            prepare: { try "a file\n".write(to: $0.site, atomically: false, encoding: .utf8) }),
        Case(
            title: "A new site in a folder that is not empty",
            about: "`parley new` never overwrites a file: the folder must be new or empty.",
            made: "A folder `site` that holds a site already.", command: ["new", "site"], inSite: false,
            prepare: { try $0.newSite() }),
        Case(
            title: "A check of a site that does not build",
            about: "`parley check` builds the site first; a site that does not build fails the check.",
            made: "A site from `parley new` whose entry has lost its title.", command: ["check"],
            prepare: { work in
                try work.newSite()
                try work.edit("Content/events/first-event.md", "title:", "name:")
            }),
        // The output folder
        Case(
            title: "The root of the file system as the output folder",
            about:
                "A build replaces its output folder's contents, so Parley refuses folders that hold more than a site.",
            made: "Any site.", command: ["build", "-o", "/"], prepare: { try $0.newSite() }),
        Case(
            title: "The home folder as the output folder",
            about: "Nor does it write into the home folder.",
            made: "Any site, with `$HOME` the folder `../home`.", command: ["build", "-o", "../home"],
            environment: ["HOME": "HOME"],
            prepare: { work in
                try work.newSite()
                try FileManager.default.createDirectory(
                    at: work.root.appendingPathComponent("home"), withIntermediateDirectories: true)
            }),
        Case(
            title: "The site's own folder as the output folder",
            about: "The output folder is a folder of its own, never the site's folder.",
            made: "Any site.", command: ["build", "-o", "."], prepare: { try $0.newSite() }),
        Case(
            title: "A folder that contains the site as the output folder",
            about: "Nor a folder that holds the site.",
            made: "Any site.", command: ["build", "-o", ".."], prepare: { try $0.newSite() }),
        Case(
            title: "An output folder inside the site's sources",
            about: "Nor a folder inside `Content/` or `Templates/`, whose files the build reads.",
            made: "Any site.", command: ["build", "-o", "Templates/site"], prepare: { try $0.newSite() }),
        Case(
            title: "A file as the output folder",
            about: "The output is a folder.",
            made: "A site with a file `notes.txt`.", command: ["build", "-o", "notes.txt"],
            prepare: {
                try $0.newSite()
                try $0.write("Notes.\n", to: "notes.txt")
            }),
        Case(
            title: "An output folder that Parley did not make",
            about:
                "A folder that holds files but no record of a Parley build is someone else's: Parley does not replace it.",
            made: "A site with a folder `Drafts/` of its own files.", command: ["build", "-o", "Drafts"],
            prepare: {
                try $0.newSite()
                try $0.write("An idea.\n", to: "Drafts/idea.txt")
            }),
        Case(
            title: "An output folder that is a link to nothing",
            about:
                "An output folder may be a symbolic link to a folder, which the build writes into; a link to nothing is an error.",
            made: "A site whose `Public` is a symbolic link to `../gone`, which does not exist.", command: ["build"],
            prepare: {
                try $0.newSite()
                try $0.link("Public", to: "../gone")
            }),
        Case(
            title: "A file of someone else's where a page goes",
            about:
                "Files put into the output folder by hand are kept by every build, but one where the build writes a page of its own is an error, and stays.",
            made:
                "A site built once; then a file `Public/events/second-event/index.html` put there by hand, and an entry `second-event` added.",
            command: ["build"],
            prepare: { work in
                try work.newSite()
                try work.build()
                try work.write("<p>By hand.</p>\n", to: "Public/events/second-event/index.html")
                try work.write(entry, to: "Content/events/second-event.md")
            }),
        Case(
            title: "A file of someone else's where a page goes, in a whole build",
            about: "A whole build (`--no-cache`) says the same, and says when what it would replace is a folder.",
            made:
                "A site built once; then a file `Public/events/second-event` put there by hand, and an entry `second-event` added, whose page is `events/second-event/index.html`.",
            command: ["build", "--no-cache"],
            prepare: { work in
                try work.newSite()
                try work.build()
                try work.write("By hand.\n", to: "Public/events/second-event")
                try work.write(entry, to: "Content/events/second-event.md")
            }),
        // An earlier build
        Case(
            title: "An output folder that cannot be written",
            about:
                "A build writes the new site beside the output folder, then puts it in place; when it cannot write there, the build fails and the output folder is left as it was.",
            made: "A site with a folder `Locked/` that its user may read but not write (`chmod 555`).",
            command: ["build", "-o", "Locked/Public"], modes: ["Locked": 0o555],
            prepare: { work in
                try work.newSite()
                try FileManager.default.createDirectory(at: work.url("Locked"), withIntermediateDirectories: true)
            }),
        Case(
            title: "An entry renamed",
            about:
                "Parley remembers the addresses it published: an entry's page that moves leaves its old address leading nowhere, a warning until the old address is an alias.",
            made: "A site with a second entry, built once; then `second-event.md` renamed `later-event.md`.",
            command: ["build"],
            prepare: { work in
                try work.newSite()
                try work.write(entry, to: "Content/events/second-event.md")
                try work.build()
                try work.move("Content/events/second-event.md", to: "Content/events/later-event.md")
            }),
        Case(
            title: "An entry removed",
            about: "An entry whose page is gone is a warning too, in case another entry took its place.",
            made: "A site with a second entry, built once; then `second-event.md` removed.",
            command: ["build"],
            prepare: { work in
                try work.newSite()
                try work.write(entry, to: "Content/events/second-event.md")
                try work.build()
                try work.remove("Content/events/second-event.md")
            }),
        Case(
            title: "A section moved",
            about: "When a section's `path` changes, its entries' moves are told once, for the section.",
            made: "A site with a second entry, built once; then `path: happenings` given to the section `events`.",
            command: ["build"],
            prepare: { work in
                try work.newSite()
                try work.write(entry, to: "Content/events/second-event.md")
                try work.build()
                try work.edit("Content/site.yaml", "    dated: true\n", "    dated: true\n    path: happenings\n")
            }),
        // Files of the site
        Case(
            title: "Symbolic links that lead nowhere, round or out",
            about:
                "A symbolic link in the site is followed when it leads to a file or folder of the site; one that leads to nothing, round in a loop, to a folder that holds it, or out of the site's folder is an error.",
            made:
                "A site with four links in `Content/events/`: `nowhere.md` to `missing.md`, `loop.md` to itself, `up` to `..`, and `notes.md` to `../../../notes.md`, a file beside the site's folder.",
            command: ["build"],
            prepare: { work in
                try work.newSite()
                try "Notes.\n".write(
                    to: work.root.appendingPathComponent("notes.md"), atomically: false, encoding: .utf8)
                try work.link("Content/events/nowhere.md", to: "missing.md")
                try work.link("Content/events/loop.md", to: "loop.md")
                try work.link("Content/events/up", to: "..")
                try work.link("Content/events/notes.md", to: "../../../notes.md")
            }),
        Case(
            title: "A file and a folder that cannot be read",
            about: "A file or folder of the site that Parley may not read is an error, with the system's reason.",
            made:
                "A site with a second entry `Content/events/second-event.md` and a folder `Content/events/2025/`, neither of which its user may read (`chmod 000`).",
            command: ["build"], modes: ["Content/events/second-event.md": 0, "Content/events/2025": 0],
            prepare: { work in
                try work.newSite()
                try work.write(entry, to: "Content/events/second-event.md")
                try work.write(
                    entry.replacingOccurrences(of: "Second", with: "Third"), to: "Content/events/2025/third-event.md")
            }),
        Case(
            title: "A file that is a folder",
            about: "A file the site needs that is a folder cannot be read either.",
            made: "A site whose `Content/bibliography.yaml` is a folder.",
            command: ["build"],
            prepare: { work in
                try work.newSite()
                try work.remove("Content/bibliography.yaml")
                try FileManager.default.createDirectory(
                    at: work.url("Content/bibliography.yaml"), withIntermediateDirectories: true)
            }),
        Case(
            title: "A sharing picture written wrongly",
            about:
                "`image` in `site.yaml` is an absolute address or a file of `Templates/assets/` written as it is published.",
            made: "A site with `image: card.png`.", command: ["build"],
            prepare: { work in
                try work.newSite()
                try work.edit("Content/site.yaml", "# image: assets/card.png", "image: card.png")
            }),
        Case(
            title: "A sharing picture written as its source file",
            about: "The file is named as it is published, under `assets/`, not as it is in the site's folder.",
            made: "A site with `Templates/assets/card.png` and `image: Templates/assets/card.png`.", command: ["build"],
            prepare: { work in
                try work.newSite()
                try work.write("PNG\n", to: "Templates/assets/card.png")
                try work.edit("Content/site.yaml", "# image: assets/card.png", "image: Templates/assets/card.png")
            }),
        Case(
            title: "A sharing picture at an address that is not absolute",
            about: "An address is written whole, with `https://` or `http://`.",
            made: "A site with `image: //example.org/card.png`.", command: ["build"],
            prepare: { work in
                try work.newSite()
                try work.edit("Content/site.yaml", "# image: assets/card.png", "image: //example.org/card.png")
            }),
        // The build cache and search
        Case(
            title: "A build cache that cannot be written",
            about:
                "The build cache in `.parley-cache/` makes the next build render only what changed; when it cannot be written, the build still succeeds and the next one is whole.",
            made: "A site whose `.parley-cache` is a file.", command: ["build"],
            prepare: {
                try $0.newSite()
                try $0.write("A file.\n", to: ".parley-cache")
            }),
        Case(
            title: "Search without Pagefind",
            about:
                "With `search: true`, Pagefind indexes the built pages; without it, the site builds and the search page finds nothing.",
            made:
                "A site with `search: true`, on a machine without Pagefind (`PARLEY_PAGEFIND` names a program that is not there).",
            command: ["build"], environment: ["PARLEY_PAGEFIND": "/nonexistent/pagefind"],
            prepare: { work in
                try work.newSite()
                try work.edit("Content/site.yaml", "language: en\n", "language: en\nsearch: true\n")
            }),
        Case(
            title: "Pagefind that fails",
            about: "When Pagefind fails, the site is built and the last search index is kept.",
            made: "A site with `search: true`, with `PARLEY_PAGEFIND=/bin/false`, a program that fails at once.",
            command: ["build"], environment: ["PARLEY_PAGEFIND": "/bin/false"],
            prepare: { work in
                try work.newSite()
                try work.edit("Content/site.yaml", "language: en\n", "language: en\nsearch: true\n")
            }),
    ]

    @Test func eachHeadingIsDifferent() {
        let titles = Self.cases.map(\.title)
        #expect(titles.count == Set(titles).count, "each heading is different, so each has its own id")
        #expect(Set(titles).isDisjoint(with: DiagnosticsHeadings.fixtureTitles(in: Self.page)))
    }

    @Test func theManualShowsWhatTheCommandsPrint() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        guard let start = text.range(of: Self.begin),
            let stop = text.range(of: Self.end, range: start.upperBound..<text.endIndex)
        else {
            Issue.record("\(Self.page.path) has no command diagnostics between its markers")
            return
        }
        let expected = try Self.reference() + "\n"
        if Self.recording {
            try (text[..<start.upperBound] + expected + text[stop.lowerBound...]).write(
                to: Self.page, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            String(text[start.upperBound..<stop.lowerBound]) == expected,
            "what a command prints changed: re-record with PARLEY_RECORD=1 swift test --filter CommandDiagnosticsDocumentationTests"
        )
    }

    /// Paths inside the temporary folder are shown from it, timings and ports as `…`.
    @Test func outputIsNormalised() {
        let folder = URL(fileURLWithPath: "/tmp/w/site")
        #expect(
            Self.normalise(
                "refusing to use /tmp/w/site as x; /tmp/w/site/Public/a, /tmp/w/home, /tmp/w", folder: folder)
                == "refusing to use . as x; Public/a, ../home, ..")
        #expect(
            Self.normalise(
                "Built 1 page in 0.12 s → Public/\n15:33:54 1 of 1 pages rendered, in 118 ms\nat http://0.0.0.0:37363/ (",
                folder: folder)
                == "Built 1 page in … s → Public/\n… 1 of 1 pages rendered, in … ms\nat http://0.0.0.0:…/ (")
    }
}

/// The headings of the fixtures' part of the page, so that the two parts never give one id twice.
enum DiagnosticsHeadings {
    static func fixtureTitles(in page: URL) -> Set<String> {
        guard let text = try? String(contentsOf: page, encoding: .utf8),
            let start = text.range(of: "<!-- diagnostics: made by DiagnosticsDocumentationTests -->"),
            let stop = text.range(of: "<!-- end of diagnostics -->")
        else { return [] }
        return Set(
            text[start.upperBound..<stop.lowerBound].split(separator: "\n")
                .filter { $0.hasPrefix("### ") }.map { String($0.dropFirst(4)) })
    }
}
