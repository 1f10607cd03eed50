import Foundation

extension DiagnosticFormatter {
    /// The diagnostics, sorted, as a JSON array for other tools: each an object with `file`, `line`, `column`
    /// (null when not known), `severity` (`error` or `warning`), `message` and `hint` (null when there is none).
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(diagnostics.sorted().map(JSONDiagnostic.init))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// A diagnostic's JSON form: every key is always present, with null for what is not known.
private struct JSONDiagnostic: Encodable {
    var diagnostic: Diagnostic

    enum CodingKeys: String, CodingKey { case file, line, column, severity, message, hint }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(diagnostic.location.file, forKey: .file)
        try container.encode(diagnostic.location.line, forKey: .line)
        try container.encode(diagnostic.location.column, forKey: .column)
        try container.encode(diagnostic.severity.rawValue, forKey: .severity)
        try container.encode(diagnostic.message, forKey: .message)
        try container.encode(diagnostic.hint, forKey: .hint)
    }
}
