/// A value and the place in the source where it was written, so that later stages can report on it.
struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    var value: Value
    var location: SourceLocation
    /// The text of the line at `location`: the part around the column when the line is long, so that many
    /// values on one long line do not each keep all of it.
    var sourceLine: String?
    /// The column in the file of `sourceLine`'s first character.
    var sourceLineStart: Int

    /// `sourceLine` is the whole line, cut here around the column when it is long.
    init(_ value: Value, at location: SourceLocation, sourceLine: String? = nil) {
        self.value = value
        self.location = location
        let excerpt = sourceLine.map { SourceExcerpt.clip($0, column: location.column) }
        self.sourceLine = excerpt?.text
        self.sourceLineStart = excerpt?.start ?? 1
    }

    /// A value whose line was cut already.
    init(_ value: Value, at location: SourceLocation, excerpt: String?, start: Int) {
        self.value = value
        self.location = location
        self.sourceLine = excerpt
        self.sourceLineStart = start
    }

    /// A diagnostic at this value's place.
    func diagnostic(_ severity: Diagnostic.Severity, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(
            severity, at: location, message, hint: hint, sourceLine: sourceLine, sourceLineStart: sourceLineStart)
    }
}
