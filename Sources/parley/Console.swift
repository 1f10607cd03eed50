import Foundation
import ParleyKit

/// Where the CLI's messages go: results to standard output, diagnostics to standard error.
enum Console {
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data((DiagnosticFormatter.report(diagnostics) + "\n").utf8))
    }

    /// A line on standard output, at once (not held in a buffer when the output is a pipe).
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// A path as the user would type it: relative to the current folder when it is below it.
    static func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if path == current { return "." }
        if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) + "/" }
        return path.hasSuffix("/") ? path : path + "/"
    }
}
