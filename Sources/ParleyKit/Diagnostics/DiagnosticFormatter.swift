/// Prints diagnostics the way compilers do, so that editors and terminals make them clickable:
///
///     Content/rounds/fourth-round.md:3:8: error: 'date' is not a valid date: '2022-02-30'
///        3 | date: 2022-02-30
///          |       ^
///       hint: February 2022 has 28 days
public enum DiagnosticFormatter {
    /// ANSI colours for a terminal, as compilers use them: the location bold, errors red, warnings magenta,
    /// the caret green, hints cyan. Each is applied only when `enabled`.
    public struct Colors: Sendable {
        public var enabled: Bool
        public init(_ enabled: Bool) { self.enabled = enabled }

        func paint(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func bold(_ text: String) -> String { paint(text, "1") }
        public func severity(_ severity: Diagnostic.Severity) -> String {
            paint(severity.rawValue + ":", severity == .error ? "1;31" : "1;35")
        }
        func caret(_ text: String) -> String { paint(text, "1;32") }
        func hint(_ text: String) -> String { paint(text, "1;36") }
    }

    public static func format(_ diagnostic: Diagnostic, colors: Colors = Colors(false)) -> String {
        // Whatever a message quotes from the site (a name, a path, a field) is shown with its control characters
        // escaped, so that no file can move the cursor, clear the screen or retitle the terminal.
        let location = diagnostic.location.description.escapingControlCharacters()
        var out =
            colors.bold("\(location):") + " " + colors.severity(diagnostic.severity) + " "
            + diagnostic.message.escapingControlCharacters()
        if let whole = diagnostic.sourceLine, let line = diagnostic.location.line {
            // A long line is shown around the caret.
            let (text, start) =
                diagnostic.sourceLineStart == 1
                ? SourceExcerpt.clip(whole, column: diagnostic.location.column) : (whole, diagnostic.sourceLineStart)
            let number = String(line)
            let gutter = String(repeating: " ", count: max(4, number.count + 1))
            let shown = text.replacingTabs().escapingControlCharacters()
            out += "\n" + String(gutter.dropLast(number.count)) + number + " | " + shown
            if let column = diagnostic.location.column, column >= start {
                let prefix = String(String.UnicodeScalarView(text.unicodeScalars.prefix(column - start)))
                let pad = String(repeating: " ", count: prefix.replacingTabs().escapingControlCharacters().count)
                out += "\n" + gutter + " | " + pad + colors.caret("^")
            }
        }
        if let hint = diagnostic.hint {
            out +=
                "\n  " + colors.hint("hint:") + " "
                + hint.escapingControlCharacters(keeping: ["\n"]).replacingOccurrences(of: "\n", with: "\n        ")
        }
        return out
    }

    /// All diagnostics, sorted, then a summary line such as `2 errors, 1 warning`.
    public static func report(_ diagnostics: [Diagnostic], colors: Colors = Colors(false)) -> String {
        diagnostics.sorted().map { format($0, colors: colors) }.joined(separator: "\n")
    }

    /// `3 errors and 1 warning`, `1 error`, `2 warnings`.
    public static func tally(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter(\.isError).count
        let warnings = diagnostics.count - errors
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        switch (errors, warnings) {
        case (0, 0): return "no problems"
        case (_, 0): return count(errors, "error")
        case (0, _): return count(warnings, "warning")
        default: return count(errors, "error") + " and " + count(warnings, "warning")
        }
    }
}

extension String {
    /// The text with each character that a terminal would act on rather than show written as a Swift escape,
    /// `\u{1B}` for ESC: the C0 and C1 control characters and DEL, and the bidirectional controls
    /// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) that would show the rest of the line reordered.
    /// The characters in `kept` (a line feed in a hint) are left as they are.
    public func escapingControlCharacters(keeping kept: [Unicode.Scalar] = []) -> String {
        guard unicodeScalars.contains(where: { $0.isShownEscaped && !kept.contains($0) }) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            if scalar.isShownEscaped && !kept.contains(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    fileprivate func replacingTabs() -> String { replacingOccurrences(of: "\t", with: "    ") }
}

extension Unicode.Scalar {
    /// A control character (C0, DEL, C1) or a bidirectional control: see ``Swift/String/escapingControlCharacters(keeping:)``.
    var isShownEscaped: Bool {
        switch value {
        case 0..<0x20, 0x7F...0x9F, 0x61C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
