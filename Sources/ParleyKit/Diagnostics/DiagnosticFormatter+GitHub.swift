extension DiagnosticFormatter {
    /// One GitHub Actions workflow command, which the runner shows as an annotation on the file's line:
    ///
    ///     ::error file=Content/rounds/x.md,line=12,col=45,title=parley check::message (hint)
    ///
    /// Escaped as GitHub's own toolkit escapes: `%`, CR and LF in the message, and `:` and `,` as well in the
    /// properties, which those characters would otherwise end; any other control character as `\u{1B}`.
    public static func githubAnnotation(_ diagnostic: Diagnostic, title: String = "parley check") -> String {
        var properties = ["file=" + escapeProperty(diagnostic.location.file)]
        if let line = diagnostic.location.line {
            properties.append("line=\(line)")
            if let column = diagnostic.location.column { properties.append("col=\(column)") }
        }
        properties.append("title=" + escapeProperty(title))
        let text = diagnostic.message + (diagnostic.hint.map { " (\($0))" } ?? "")
        return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(escapeData(text))"
    }

    /// Every diagnostic, sorted, one workflow command a line.
    public static func githubAnnotations(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.sorted().map { githubAnnotation($0) }.joined(separator: "\n")
    }

    /// Other control characters are written as in the terminal report (`\u{1B}`).
    static func escapeData(_ text: String) -> String {
        text.escapingControlCharacters(keeping: ["\r", "\n"])
            .replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
