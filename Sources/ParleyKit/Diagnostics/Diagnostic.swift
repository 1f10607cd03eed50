/// One problem found in a site's source: where it is, what is wrong, and how to fix it.
public struct Diagnostic: Sendable, Hashable, Error, Comparable {
    /// Errors stop the build; warnings are reported and the build goes on.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var location: SourceLocation
    /// One sentence for the editor: what is wrong.
    public var message: String
    /// How to fix it, often with a "did you mean".
    public var hint: String?
    /// The text of the line the location points at, shown under the message with a caret: the whole line, or
    /// the part around the column when it is long (see `sourceLineStart`).
    public var sourceLine: String?
    /// The column in the file of `sourceLine`'s first character: 1 for a whole line.
    public var sourceLineStart: Int

    public init(
        _ severity: Severity, at location: SourceLocation, _ message: String,
        hint: String? = nil, sourceLine: String? = nil, sourceLineStart: Int = 1
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
        self.sourceLineStart = sourceLineStart
    }

    public static func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    public var isError: Bool { severity == .error }

    /// Sorted by file, line and column, so that a run's report reads down each file.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity < b.severity }
        return a.message < b.message
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of these stops a build.
    public var hasErrors: Bool { contains(where: \.isError) }
}

extension Diagnostic: CustomStringConvertible {
    /// `file:line:col: severity: message`, the first line of the formatted diagnostic.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
