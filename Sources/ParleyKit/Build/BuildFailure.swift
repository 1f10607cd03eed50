/// A build that did not produce a site, with every problem found on the way.
public struct BuildFailure: Error, Sendable {
    /// All diagnostics of the run, errors and warnings, sorted.
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }
}
