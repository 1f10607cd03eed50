/// One entry of the site (a round of talks, a proposal, an event, a page), parsed from its file.
public struct Entry: Sendable, Hashable {
    /// The file name without `.md`; unique across the site.
    public var slug: String
    /// The section it belongs to.
    public var section: String
    /// Its file, relative to the site root.
    public var path: String

    public var title: String
    /// When it happened, in EDTF: a day, month or year, possibly approximate or uncertain, or an interval.
    public var date: EDTFDate?
    public var summary: String?
    public var location: String?
    /// The delegations or parties involved.
    public var participants: [String]
    public var people: [String]
    public var places: [String]
    public var topics: [String]
    /// For proposals: what became of it.
    public var status: String?
    /// For proposals: who put it forward.
    public var proposedBy: [String]
    /// Every person, place and topic named, in the order written, each with its original spelling and place.
    public var subjects: [TermUse] = []
    /// Slugs of related entries, each with where it is written.
    public var related: [Located<String>]
    public var draft: Bool

    /// The body rendered to HTML, with its headings.
    public var body: RenderedBody
}

/// A value and the place in the source where it was written, so that later stages can report on it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation
    /// The text of the line at `location`.
    public var sourceLine: String?

    public init(_ value: Value, at location: SourceLocation, sourceLine: String? = nil) {
        self.value = value
        self.location = location
        self.sourceLine = sourceLine
    }

    /// A diagnostic at this value's place.
    public func diagnostic(_ severity: Diagnostic.Severity, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity, at: location, message, hint: hint, sourceLine: sourceLine)
    }
}
