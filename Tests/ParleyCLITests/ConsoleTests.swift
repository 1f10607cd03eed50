import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How much the command line says, and how: `--quiet`, `--verbose`, colour, the progress line on a terminal,
/// short flags, `--version` and shell completions. The terminal cases run the real binary on a
/// pseudo-terminal.
@Suite struct ConsoleTests {
    typealias Run = CLITests.Run

    /// What a run wrote to its terminal (standard output and standard error together, as a user sees them).
    struct TerminalRun {
        var status: Int32
        var output: String
    }

    /// Runs parley with standard output and standard error on a new pseudo-terminal.
    static func onTerminal(
        _ arguments: [String], environment: [String: String] = [:], timeout: Int? = nil
    ) throws -> TerminalRun {
        var primary: Int32 = -1, secondary: Int32 = -1
        guard openpty(&primary, &secondary, nil, nil, nil) == 0 else { throw POSIXError(.ENOTTY) }
        let process = Process()
        if let timeout {
            // For a command that runs until stopped (`serve`): coreutils' timeout sends it SIGTERM.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
            process.arguments = [String(timeout), CLITests.binary.path] + arguments
        } else {
            process.executableURL = CLITests.binary
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if environment["TERM"] == nil { env["TERM"] = "xterm-256color" }
        for (key, value) in environment where value.isEmpty { env[key] = nil }
        process.environment = env
        let terminal = FileHandle(fileDescriptor: secondary, closeOnDealloc: false)
        process.standardOutput = terminal
        process.standardError = terminal
        process.standardInput = FileHandle.nullDevice
        try process.run()
        close(secondary)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            // Linux answers EIO once the other side is closed by every process.
            let count = read(primary, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        close(primary)
        process.waitUntilExit()
        return TerminalRun(status: process.terminationStatus, output: String(decoding: bytes, as: UTF8.self))
    }

    static let escape = "\u{1B}["

    /// A copy of the basic site with a warning in it (an unknown field), and its output folder.
    static func siteWithAWarning() throws -> URL {
        let site = try CLITests.temporaryCopy(of: CLITests.fixtures.appendingPathComponent("Sites/basic"))
        try Data("---\ntitle: B\ntittle: B\ndate: 2022-03\n---\nText.\n".utf8)
            .write(to: site.appendingPathComponent("Content/rounds/b.md"))
        return site
    }

    @Test func quietPrintsErrorsOnlyAndVerboseEveryStep() throws {
        let site = try Self.siteWithAWarning()
        defer { try? FileManager.default.removeItem(at: site) }
        let quiet = try CLITests.parley("build", "-q", "-s", site.path)
        #expect(quiet.status == 0)
        #expect(quiet.text.isEmpty && quiet.stderr.isEmpty, "\(quiet.text)\(quiet.stderr)")

        let verbose = try CLITests.parley("build", "--verbose", "--site", site.path)
        #expect(verbose.status == 0)
        let lines = verbose.stderr.split(separator: "\n").map(String.init)
        for step in ["read-cache", "load", "parse", "templates", "resolve", "render", "write", "save-cache"] {
            #expect(lines.contains { $0.hasPrefix(step + " ") && $0.hasSuffix(" s") }, "\(step) in \(verbose.stderr)")
        }
        #expect(lines.contains("cache: the cache holds 0 pages' keys") == false)
        #expect(lines.contains { $0.hasPrefix("cache: the cache holds ") }, "\(verbose.stderr)")
        #expect(verbose.stderr.contains("warning: unknown field 'tittle'"))
        #expect(verbose.text.hasPrefix("Built "))

        // An edit to one entry's title: the pages that show it are rendered again, each with its reason.
        let file = site.appendingPathComponent("Content/rounds/b.md")
        try Data("---\ntitle: Bee\ndate: 2022-03\n---\nText.\n".utf8).write(to: file)
        let edited = try CLITests.parley("build", "-v", "-s", site.path)
        #expect(edited.stderr.contains("parse: 1 entry parsed, "), "\(edited.stderr)")
        #expect(edited.stderr.contains("  rendered rounds/b/index.html: what it shows changed"), "\(edited.stderr)")
        #expect(edited.stderr.contains("  rendered rounds/index.html: what it shows changed"), "\(edited.stderr)")

        // Without the cache every page is rendered, and the reason is the cache's.
        let whole = try CLITests.parley("build", "-v", "--no-cache", "-s", site.path)
        #expect(whole.stderr.contains("cache: the cache is not used (--no-cache)"), "\(whole.stderr)")
        #expect(whole.stderr.contains("render: every page ("), "\(whole.stderr)")

        let both = try CLITests.parley("build", "-q", "-v", "-s", site.path)
        #expect(both.status == 64)
        #expect(both.stderr.contains("--quiet and --verbose cannot be used together"))
    }

    @Test func quietStillReportsErrors() throws {
        let site = try Self.siteWithAWarning()
        defer { try? FileManager.default.removeItem(at: site) }
        try Data("---\ntitle: A\ndate: 2022-02-30\n---\n".utf8).write(
            to: site.appendingPathComponent("Content/rounds/a.md"))
        let result = try CLITests.parley("build", "--quiet", "--site", site.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/rounds/a.md:3:7: error: '2022-02-30' is not a valid date"))
        #expect(!result.stderr.contains("warning:"), "\(result.stderr)")
        #expect(result.stderr.contains("error: build failed with 1 error and 1 warning"))
        let check = try CLITests.parley("check", "-q", "-s", site.path)
        #expect(check.status == 1 && check.text.isEmpty && !check.stderr.contains("warning:"))
    }

    @Test func colourOnATerminalUnlessNoColorOrNever() throws {
        let site = try Self.siteWithAWarning()
        defer { try? FileManager.default.removeItem(at: site) }
        let build = ["build", "--no-cache", "-s", site.path]
        let colour = try Self.onTerminal(build, environment: ["NO_COLOR": "", "CI": ""])
        #expect(colour.status == 0)
        #expect(colour.output.contains(Self.escape + "1;35mwarning:" + Self.escape + "0m"), "\(colour.output)")
        #expect(colour.output.contains(Self.escape + "1mContent/rounds/b.md:3:1:" + Self.escape + "0m"))
        #expect(colour.output.contains(Self.escape + "1;32m^"))
        #expect(colour.output.contains(Self.escape + "1;36mhint:"))

        let noColor = try Self.onTerminal(build, environment: ["NO_COLOR": "1", "CI": ""])
        #expect(
            noColor.output.contains("warning: unknown field") && !noColor.output.contains(Self.escape + "1"),
            "\(noColor.output)")
        let never = try Self.onTerminal(build + ["--color", "never"], environment: ["NO_COLOR": "", "CI": ""])
        #expect(never.output.contains("warning: unknown field") && !never.output.contains(Self.escape + "1"))

        // A pipe gets none, unless asked for.
        let piped = try CLITests.parley("build", "--no-cache", "-s", site.path)
        #expect(!piped.stderr.contains(Self.escape))
        let always = try CLITests.parley("build", "--no-cache", "--color", "always", "-s", site.path)
        #expect(always.stderr.contains(Self.escape + "1;35mwarning:"))
        let errorColour = try CLITests.parley("check", "--color", "always", "--strict", "-s", site.path)
        #expect(
            errorColour.stderr.contains(Self.escape + "1;31merror:" + Self.escape + "0m check failed"),
            "\(errorColour.stderr)")
    }

    @Test func progressIsDrawnInPlaceOnATerminalAndErased() throws {
        let site = try CLITests.temporaryCopy(of: CLITests.fixtures.appendingPathComponent("Sites/basic"))
        defer { try? FileManager.default.removeItem(at: site) }
        // Enough entries for the parse and render steps to be seen at a tick of 100 ms in a debug build.
        let rounds = site.appendingPathComponent("Content/rounds")
        for number in 0..<400 {
            try Data("---\ntitle: Round \(number)\ndate: 2022-03\n---\nThe round's text, \(number).\n".utf8)
                .write(to: rounds.appendingPathComponent("round-\(number).md"))
        }
        let environment = ["PARLEY_PROGRESS_DELAY_MS": "0", "CI": "", "NO_COLOR": ""]
        let run = try Self.onTerminal(["build", "--color", "never", "-s", site.path], environment: environment)
        #expect(run.status == 0, "\(run.output)")
        let erase = "\r" + Self.escape + "2K"
        #expect(run.output.contains(erase + "Building: "), "\(run.output)")
        #expect(
            run.output.range(of: #"Building: (parse|render\+write) [0-9,]+ / 4[0-9][0-9]"#, options: .regularExpression)
                != nil, "\(run.output)")
        // Erased at the end, before anything else is written: the last line drawn is followed by an erase, and the
        // warnings and the summary line then stand on lines of their own.
        let last = try #require(run.output.range(of: "Building: ", options: .backwards))
        let after = run.output[last.upperBound...]
        let nextErase = try #require(after.range(of: erase))
        #expect(!after[..<nextErase.lowerBound].contains("\n"), "\(run.output)")
        #expect(after[nextErase.upperBound...].hasPrefix("Content/bibliography.yaml:19:9: warning:"), "\(run.output)")
        #expect(run.output.contains("\nBuilt "), "\(run.output)")

        let check = try Self.onTerminal(["check", "-s", site.path], environment: environment)
        #expect(check.output.contains(erase + "Checking: "), "\(check.output)")

        // The preview's first build shows it too, erased before the line saying where the site is served.
        let serve = try Self.onTerminal(
            ["serve", "-p", "0", "--color", "never", "-s", site.path], environment: environment, timeout: 8)
        #expect(serve.output.contains(erase + "Building: "), "\(serve.output)")
        let served = try #require(serve.output.range(of: "Serving "))
        let before = serve.output[..<served.lowerBound]
        let lastDrawn = try #require(before.range(of: "Building: ", options: .backwards))
        #expect(before[lastDrawn.upperBound...].contains(erase), "\(serve.output)")

        // In CI, on a dumb terminal, when quiet, or through a pipe: no progress line.
        for (arguments, env) in [
            (["build", "--no-cache", "-s", site.path], ["PARLEY_PROGRESS_DELAY_MS": "0", "CI": "true"]),
            (["build", "--no-cache", "-s", site.path], environment.merging(["TERM": "dumb"]) { $1 }),
            (["build", "--no-cache", "-q", "-s", site.path], environment),
        ] {
            let quiet = try Self.onTerminal(arguments, environment: env)
            #expect(!quiet.output.contains("Building:"), "\(arguments) \(env): \(quiet.output)")
        }
        let piped = try CLITests.parley(
            "build", "--no-cache", "-s", site.path, environment: ["PARLEY_PROGRESS_DELAY_MS": "0", "CI": ""])
        #expect(!piped.stderr.contains("Building:") && !piped.text.contains("Building:"))
    }

    @Test func versionNamesTheBuildAndCompletionsAreGenerated() throws {
        let version = try CLITests.parley("--version")
        #expect(version.status == 0)
        let text = version.text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            text.range(
                of: #"^parley [0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)? \(build [0-9a-f]{32}\)$"#,
                options: .regularExpression) != nil, "\(text)")
        // The build is the program's own: the same binary, the same build.
        #expect(try CLITests.parley("--version").text == version.text)

        for shell in ["bash", "zsh", "fish"] {
            let script = try CLITests.parley("--generate-completion-script", shell)
            #expect(script.status == 0)
            #expect(
                script.text.contains("build") && script.text.contains("serve") && script.text.contains("site"),
                "\(shell)")
        }
        let bash = try CLITests.parley("--generate-completion-script", "bash")
        #expect(bash.text.contains("--verbose") && bash.text.contains("--color"))
    }

    @Test func shortFlagsForTheCommonOptions() throws {
        let site = try CLITests.temporaryCopy(of: CLITests.fixtures.appendingPathComponent("Sites/basic"))
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("Elsewhere")
        let build = try CLITests.parley("build", "-s", site.path, "-o", output.path, "-q")
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        let help = try CLITests.parley("serve", "--help")
        #expect(
            help.text.contains("-p, --port") && help.text.contains("-s, --site") && help.text.contains("-o, --output"))
        #expect(
            help.text.contains("-q, --quiet") && help.text.contains("-v, --verbose") && help.text.contains("--color"))
    }
}
