import Foundation
import ParleyKit
import Synchronization

/// Where the CLI's messages go: results to standard output, diagnostics and everything else to standard error,
/// as much as the chosen level asks (`--quiet`: errors only; `--verbose`: each step too), in colour on a
/// terminal, and below a progress line while one is shown.
enum Console {
    enum Level: Comparable { case quiet, normal, verbose }

    struct Settings {
        var level = Level.normal
        /// Whether standard error gets ANSI colours (`--color`, `NO_COLOR`, whether it is a terminal).
        var colors = false
        /// Whether a progress line may be drawn on standard error (a terminal, not CI, not quiet).
        var showsProgress = false
    }

    private static let state = Mutex(Settings())
    /// Serialises what is written to standard error with the progress line's redraws.
    static let errorStream = Mutex(ErrorStream())

    static var settings: Settings {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }

    static var level: Level { settings.level }
    static var colors: DiagnosticFormatter.Colors { DiagnosticFormatter.Colors(settings.colors) }

    /// Every diagnostic (warnings left out with `--quiet`), then nothing more: the caller prints the tally.
    static func report(_ diagnostics: [Diagnostic]) {
        let shown = level == .quiet ? diagnostics.filter(\.isError) : diagnostics
        guard !shown.isEmpty else { return }
        printError(DiagnosticFormatter.report(shown, colors: colors))
    }

    /// A command's result on standard output, whatever the level (the HTML `parley render` prints, `check`'s JSON).
    static func result(_ text: String) {
        errorStream.withLock { stream in
            stream.clearProgress()
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
    }

    /// A line on standard output, at once (not held in a buffer when the output is a pipe); not with `--quiet`.
    /// Control characters in it (from a path, a request) are shown escaped.
    static func line(_ text: String) {
        guard level > .quiet else { return }
        errorStream.withLock { stream in
            stream.clearProgress()
            FileHandle.standardOutput.write(Data((text.escapingControlCharacters(keeping: ["\n"]) + "\n").utf8))
        }
    }

    /// A line on standard error with `--verbose` only.
    static func verbose(_ text: String) {
        guard level == .verbose else { return }
        printError(text.escapingControlCharacters(keeping: ["\n"]))
    }

    /// `--verbose`: what the cache saved, and why each page was rendered.
    static func explain(_ result: BuildSession.Result) {
        guard level == .verbose else { return }
        verbose(
            "parse: \(count(result.entriesParsed, "entry", "entries")) parsed, \(count(result.entriesReused)) reused")
        if result.pagesRendered == result.pages, result.renderReasons.isEmpty, result.pages > 0 {
            verbose("render: every page (\(count(result.pages))), with no record of the output to compare with")
            return
        }
        verbose(
            "render: \(count(result.pagesRendered, "page", "pages")) rendered, \(count(result.pages - result.pagesRendered)) unchanged"
        )
        for (path, reason) in result.renderReasons { verbose("  rendered \(path): \(reason.rawValue)") }
    }

    /// A warning or error not tied to a file; like a diagnostic, shown with its control characters escaped.
    static func warning(_ message: String) {
        guard level > .quiet else { return }
        printError(colors.severity(.warning) + " " + message.escapingControlCharacters(keeping: ["\n"]))
    }

    static func error(_ message: String) {
        printError(colors.severity(.error) + " " + message.escapingControlCharacters(keeping: ["\n"]))
    }

    static func printError(_ text: String) {
        errorStream.withLock { $0.write(text + "\n") }
    }

    /// A path as the user would type it: relative to the current folder when it is below it.
    static func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if path == current { return "." }
        if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) + "/" }
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// `1 entry`, `31,200 entries`.
    static func count(_ number: Int, _ one: String, _ many: String) -> String {
        count(number) + " " + (number == 1 ? one : many)
    }

    /// `31200` → `31,200`.
    static func count(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }
}

/// Standard error, with the progress line drawn at its bottom. Anything written first erases the line; the
/// progress line's next tick draws it again below, if the run is still going (a line drawn again at once could
/// be one whose run has just ended).
struct ErrorStream {
    /// The progress line as last drawn; empty when none is shown.
    private(set) var progress = ""

    mutating func write(_ text: String) {
        clearProgress()
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Erases the progress line, if one is shown, for what is written next.
    mutating func clearProgress() {
        if !progress.isEmpty { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        progress = ""
    }

    /// Draws `line` in place of the progress line shown (none: erases it).
    mutating func showProgress(_ line: String) {
        guard line != progress else { return }
        progress = line
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }
}
