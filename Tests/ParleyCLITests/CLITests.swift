import Foundation
import Testing

/// End-to-end: the real `parley` binary, run as a user runs it.
@Suite struct CLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")

    /// The binary `swift test` built next to the test bundle.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["PARLEY_BIN"] { return URL(fileURLWithPath: path) }
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("parley")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/parley")
    }()

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func run(
        _ executable: URL, _ arguments: [String], input: Data? = nil, in folder: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        // Both pipes are drained at once: a program that fills one while the other is read would wait forever.
        let errors = Drained(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func parley(
        _ arguments: String..., input: Data? = nil, in folder: URL? = nil, environment: [String: String] = [:]
    ) throws -> Run {
        try run(binary, arguments, input: input, in: folder, environment: environment)
    }

    /// Writes `text` to `path` in `site`, making the folders on its way.
    static func write(_ text: String, to path: String, in site: URL) throws {
        let url = site.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Adds `text` to the end of the file at `path` in `site`.
    static func append(_ text: String, to path: String, in site: URL) throws {
        let url = site.appendingPathComponent(path)
        try Data((try String(contentsOf: url, encoding: .utf8) + text).utf8).write(to: url)
    }

    static func temporaryCopy(of site: URL) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: site, to: folder)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("Expected"))
        return folder
    }

    @Test func versionAndHelp() throws {
        let version = try Self.parley("--version")
        #expect(version.status == 0)
        #expect(version.text.hasPrefix("parley ") && version.text.contains(" (build "))
        let help = try Self.parley("--help")
        #expect(help.status == 0)
        #expect(help.text.contains("build") && help.text.contains("render"))
        let buildHelp = try Self.parley("build", "--help")
        #expect(
            buildHelp.text.contains("--site") && buildHelp.text.contains("--output")
                && buildHelp.text.contains("--drafts"))
    }

    @Test func buildWritesTheSiteAndPrintsOneSummaryLine() throws {
        let site = try Self.temporaryCopy(of: Self.fixtures.appendingPathComponent("Sites/basic"))
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try Self.parley("build", in: site)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.text.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Built 28 pages (28 rendered, 0 reused; 29 files written) in ") == true)
        #expect(lines.first?.hasSuffix("s → Public/") == true)
        #expect(
            FileManager.default.fileExists(
                atPath: site.appendingPathComponent("Public/rounds/alpha-talks/index.html").path))

        // The second build, with the first one's cache, renders and writes nothing; --no-cache renders everything.
        let again = try Self.parley("build", in: site)
        #expect(again.text.hasPrefix("Built 28 pages (0 rendered, 28 reused; 0 files written) in "), "\(again.text)")
        let entry = site.appendingPathComponent("Content/rounds/alpha-talks.md")
        try (try String(contentsOf: entry, encoding: .utf8) + "\nOne more sentence.\n").write(
            to: entry, atomically: true, encoding: .utf8)
        let edited = try Self.parley("build", in: site)
        #expect(edited.text.hasPrefix("Built 28 pages (1 rendered, 27 reused; 1 file written) in "), "\(edited.text)")
        let whole = try Self.parley("build", "--no-cache", in: site)
        #expect(whole.text.hasPrefix("Built 28 pages (28 rendered, 0 reused; 29 files written) in "), "\(whole.text)")
    }

    /// An entry renamed between two `parley build`s is told its old address (the cache knows what was
    /// published), until it lists it in `aliases`; then the old address is a page that sends readers on.
    @Test func aRenamedEntryIsToldItsOldAddressAndAnAliasKeepsItWorking() throws {
        let site = try Self.temporaryCopy(of: Self.fixtures.appendingPathComponent("Sites/basic"))
        defer { try? FileManager.default.removeItem(at: site) }
        for path in ["Templates/alias.mustache", "Templates/strings"] {
            try FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent(path), to: site.appendingPathComponent(path))
        }
        #expect(try Self.parley("build", in: site).status == 0)
        let old = site.appendingPathComponent("Content/rounds/delta-talks.md")
        let new = site.appendingPathComponent("Content/rounds/third-talks.md")
        try FileManager.default.moveItem(at: old, to: new)

        let renamed = try Self.parley("build", in: site)
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(
            renamed.stderr.contains(
                "Content/rounds/third-talks.md:1:1: warning: this entry was published at /talks/rounds/delta-talks/ and is now at /talks/rounds/third-talks/"
            ),
            "\(renamed.stderr)")
        #expect(renamed.stderr.contains("aliases: [/rounds/delta-talks/]"))
        // Told again at the next build, even one that renders everything anew.
        let again = try Self.parley("build", "--no-cache", in: site)
        #expect(again.stderr.contains("this entry was published at /talks/rounds/delta-talks/"), "\(again.stderr)")

        let text = try String(contentsOf: new, encoding: .utf8)
        try text.replacingOccurrences(of: "---\n", with: "---\naliases: [/rounds/delta-talks/]\n", options: .anchored)
            .write(to: new, atomically: true, encoding: .utf8)
        let aliased = try Self.parley("build", in: site)
        #expect(aliased.status == 0 && !aliased.stderr.contains("was published at"), "\(aliased.stderr)")
        let redirect = try String(
            contentsOf: site.appendingPathComponent("Public/rounds/delta-talks/index.html"), encoding: .utf8)
        #expect(
            redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../rounds/third-talks/\">"),
            "\(redirect)")
        #expect(try Self.parley("check", in: site).status == 0)
    }

    @Test func timingsNameEveryStepOfTheBuild() throws {
        let site = try Self.temporaryCopy(of: Self.fixtures.appendingPathComponent("Sites/basic"))
        defer { try? FileManager.default.removeItem(at: site) }
        func steps(_ result: Run) -> [String] {
            let lines = result.text.split(separator: "\n")
            guard lines.count == 2 else {
                Issue.record("two lines expected: \(result.text)")
                return []
            }
            return lines[1].components(separatedBy: " · ").map { step in
                let parts = step.split(separator: " ")
                #expect(parts.count == 3 && Double(parts[1]) != nil && parts[2] == "s", "\(step)")
                return String(parts[0])
            }
        }
        let whole = try Self.parley("build", "--timings", in: site)
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(
            steps(whole) == [
                "read-cache", "load", "parse", "templates", "resolve", "plan", "render+write", "save-cache",
            ])
        let cached = try Self.parley("build", "--timings", in: site)
        #expect(
            steps(cached) == ["read-cache", "load", "parse", "templates", "resolve", "render", "write", "save-cache"])
        #expect(try Self.parley("build", in: site).text.split(separator: "\n").count == 1)
    }

    @Test func aFailedBuildExitsNonZeroReportsEveryErrorAndLeavesPublicAlone() throws {
        let site = try Self.temporaryCopy(of: Self.fixtures.appendingPathComponent("Sites/basic"))
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try Self.parley("build", "--site", site.path).status == 0)
        let index = site.appendingPathComponent("Public/index.html")
        let before = try Data(contentsOf: index)
        try Data("---\ntitle: A\ndate: 2022-02-30\n---\n".utf8).write(
            to: site.appendingPathComponent("Content/rounds/a.md"))
        try Data("---\ntitle: B\ntittle: B\ndate: 2022-13\n---\n".utf8).write(
            to: site.appendingPathComponent("Content/rounds/b.md"))

        let result = try Self.parley("build", "--site", site.path)
        #expect(result.status == 1)
        #expect(result.text.isEmpty)
        #expect(result.stderr.contains("Content/rounds/a.md:3:7: error: '2022-02-30' is not a valid date"))
        #expect(result.stderr.contains("Content/rounds/b.md:3:1: warning: unknown field 'tittle'"))
        #expect(result.stderr.contains("Content/rounds/b.md:4:7: error: '2022-13' is not a valid date"))
        #expect(result.stderr.contains("error: build failed with 2 errors and 1 warning;"))
        #expect(try Data(contentsOf: index) == before)
    }

    @Test func buildOutsideASiteSaysWhatIsMissing() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("parley-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try Self.parley("build", in: empty)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/: error: the site folder has no Content/ folder"))
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("Public").path))
    }

    /// A copy of the reference site's `Content/` and `Templates/` in a new temporary folder.
    static func copyOfTheRealSite() throws -> URL {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        for folder in ["Content", "Templates"] {
            try FileManager.default.copyItem(
                at: Self.repository.appendingPathComponent(folder), to: site.appendingPathComponent(folder))
        }
        return site
    }

    /// The real site's two editions through the build cache: a second build renders nothing, an edited
    /// translation renders its pages (in its edition and the links to it), and the cached output is the bytes
    /// of a whole build.
    @Test func theEditionsBuildThroughTheCacheAsAWholeBuildDoes() throws {
        let site = try Self.copyOfTheRealSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try Self.parley("build", "--site", site.path).status == 0)
        let again = try Self.parley("build", "--site", site.path)
        #expect(again.text.contains("(0 rendered,"), "\(again.text)")
        let translation = site.appendingPathComponent("Content/rounds/fifth-round.uk.md")
        let text = try String(contentsOf: translation, encoding: .utf8)
        try text.replacingOccurrences(of: "title: П'ятий раунд переговорів", with: "title: П'ятий раунд")
            .write(to: translation, atomically: true, encoding: .utf8)
        let edited = try Self.parley("build", "--site", site.path)
        #expect(edited.status == 0 && !edited.text.contains("(0 rendered,"), "\(edited.text)")
        let page = try String(
            contentsOf: site.appendingPathComponent("Public/uk/rounds/fifth-round/index.html"), encoding: .utf8)
        #expect(page.contains("<h1>П’ятий раунд</h1>"))
        func files() -> [String: Data] {
            let output = site.appendingPathComponent("Public").resolvingSymlinksInPath()
            var files: [String: Data] = [:]
            for case let url as URL in FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)! {
                let path = String(url.resolvingSymlinksInPath().path.dropFirst(output.path.count))
                // Pagefind's index is its own, with names of its own choosing from run to run.
                guard !path.hasPrefix("/pagefind/"), let data = FileManager.default.contents(atPath: url.path) else {
                    continue
                }
                files[path] = data
            }
            return files
        }
        let cached = files()
        #expect(try Self.parley("build", "--no-cache", "--site", site.path).status == 0)
        let whole = files()
        #expect(whole.count == cached.count && whole.keys.filter { whole[$0] != cached[$0] }.isEmpty)
    }

    @Test func theExportedBibliographyLoadsBackWithEveryFieldIntact() throws {
        // Build the real site, then a copy whose only source file is the exported CSL-JSON: the export of the
        // copy must be the same bytes, and so must every page that shows a source.
        let original = try Self.copyOfTheRealSite()
        defer { try? FileManager.default.removeItem(at: original) }
        #expect(try Self.parley("build", "--site", original.path).status == 0)
        let exported = original.appendingPathComponent("Public/bibliography/bibliography.json")

        let copy = try Self.temporaryCopy(of: original)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.removeItem(at: copy.appendingPathComponent("Public"))
        try FileManager.default.removeItem(at: copy.appendingPathComponent("Content/bibliography.yaml"))
        try FileManager.default.copyItem(at: exported, to: copy.appendingPathComponent("Content/bibliography.json"))
        let rebuilt = try Self.parley("build", "--site", copy.path)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")

        for page in [
            "bibliography/bibliography.json", "bibliography/bibliography.bib", "bibliography/index.html",
            "rounds/second-round-belarus/index.html", "uk/bibliography/index.html",
        ] {
            let a = try Data(contentsOf: original.appendingPathComponent("Public/" + page))
            let b = try Data(contentsOf: copy.appendingPathComponent("Public/" + page))
            #expect(a == b, "\(page) differs after the round trip")
        }
        let json = try String(contentsOf: exported, encoding: .utf8)
        #expect(json.contains("\"translated-quote\": \"Details: Negotiations are taking place"))
        #expect(json.contains("\"agency\": ["))
    }

    // MARK: render

    struct SpecExample: Decodable {
        var example: Int
        var markdown: String
    }

    static let spec: [SpecExample] = {
        let data = try! Data(contentsOf: fixtures.appendingPathComponent("commonmark-spec-0.30.json"))
        return try! JSONDecoder().decode([SpecExample].self, from: data)
    }()

    static let cmark: URL? = ["/usr/bin/cmark", "/usr/local/bin/cmark", "/opt/homebrew/bin/cmark"]
        .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// `make test` installs the cmark command; without it this test fails rather than passing vacuously.
    @Test(arguments: [
        [], ["--smart"], ["--unsafe"], ["--smart", "--unsafe", "--hardbreaks"], ["--sourcepos", "--nobreaks"],
    ])
    func renderIsByteIdenticalToCmarkOnEverySpecExample(flags: [String]) throws {
        let cmark = try #require(Self.cmark, "the cmark command is needed: apt-get install cmark")
        #expect(Self.spec.count == 652)
        // One process each for the whole spec would hide per-document differences; 652 × 2 processes is
        // quick enough, and a failure names the example.
        var mismatches: [Int] = []
        for example in Self.spec {
            let input = Data(example.markdown.utf8)
            let ours = try Self.run(Self.binary, ["render"] + flags, input: input)
            let theirs = try Self.run(cmark, flags, input: input)
            if ours.stdout != theirs.stdout || ours.status != 0 { mismatches.append(example.example) }
        }
        #expect(mismatches.isEmpty, "examples whose output differs from cmark's: \(mismatches)")
    }

    @Test func renderReadsFilesAndKeepsInvalidUTF8AsCmarkDoes() throws {
        let cmark = try #require(Self.cmark, "the cmark command is needed: apt-get install cmark")
        let bytes = Data("# Caf".utf8) + Data([0xE9, 0x0A, 0x0A]) + Data("*ok*\n".utf8)
        for flags in [[String](), ["--validate-utf8"]] {
            #expect(
                try Self.run(Self.binary, ["render"] + flags, input: bytes).stdout
                    == Self.run(cmark, flags, input: bytes).stdout)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("parley-\(UUID().uuidString).md")
        try Data("Hello *file*\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try Self.parley("render", file.path).text == "<p>Hello <em>file</em></p>\n")
        #expect(try Self.parley("render", "-", input: Data("- a\n".utf8)).text == "<ul>\n<li>a</li>\n</ul>\n")
        #expect(try Self.parley("render", "/nonexistent.md").status == 1)
    }

    @Test func renderWithASiteRendersAsTheSiteDoes() throws {
        let site = Self.fixtures.appendingPathComponent("Sites/basic")
        let entry = site.appendingPathComponent("Content/rounds/alpha-talks.md")
        let result = try Self.parley("render", "--site", site.path, entry.path)
        #expect(result.status == 0, "\(result.stderr)")
        // Exactly the body of the built page.
        let page = try String(
            contentsOf: site.appendingPathComponent("Expected/rounds/alpha-talks/index.html"), encoding: .utf8)
        #expect(page.contains(result.text))
        #expect(
            result.text.hasPrefix(
                "<p>The delegations met for “five hours” – without a result…<sup class=\"reference\" id=\"cite-ref-1-0\">"
            ))
        #expect(result.text.contains("As Doe<sup class=\"reference\" id=\"cite-ref-1-1\">"))
        #expect(!result.text.contains("title: Alpha talks"))

        let conflicting = try Self.parley("render", "--site", site.path, "--smart", entry.path)
        #expect(conflicting.status != 0)
        #expect(conflicting.stderr.contains("with --site, the site's own options apply"))
    }
}

/// Reads a pipe to its end on a thread of its own.
final class Drained: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
