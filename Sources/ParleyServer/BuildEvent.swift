import Foundation
import ParleyKit

/// The JSON a page receives for one build, sent as a Server-Sent Event named `build`.
struct BuildEvent: Encodable, Equatable {
    /// One diagnostic as the overlay shows it.
    struct Problem: Encodable, Equatable {
        var file: String
        var line: Int?
        var column: Int?
        var severity: String
        var message: String
        var hint: String?
        var sourceLine: String?
        /// The column in the file of `sourceLine`'s first character, when the line was cut (else absent: 1).
        var sourceLineStart: Int?
    }

    var generation: Int
    var ok: Bool
    var diagnostics: [Problem]?
    /// The terminal's text report, for a console or a copy button.
    var report: String?
    /// The hub that sent it (see `PreviewHub.session`).
    var session: String?

    init(_ status: BuildStatus, session: String? = nil) {
        self.session = session
        switch status {
        case .succeeded(let generation):
            self.generation = generation
            ok = true
        case .failed(let generation, let diagnostics):
            self.generation = generation
            ok = false
            self.diagnostics = diagnostics.sorted().map { diagnostic in
                Problem(
                    file: diagnostic.location.file, line: diagnostic.location.line,
                    column: diagnostic.location.column, severity: diagnostic.severity.rawValue,
                    message: diagnostic.message, hint: diagnostic.hint, sourceLine: diagnostic.sourceLine,
                    sourceLineStart: diagnostic.sourceLineStart == 1 ? nil : diagnostic.sourceLineStart
                )
            }
            report = DiagnosticFormatter.report(diagnostics)
        }
    }

    /// `{"generation":N,"ok":…}` on one line (JSON escapes every newline inside strings).
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The event as written to the stream: `event: build`, one `data:` line, a blank line.
    var message: String {
        "event: build\ndata: \(json)\n\n"
    }
}
