/// A build that did not produce a site, with every problem found on the way.
public struct BuildFailure: Error, Sendable {
    /// All diagnostics of the run, errors and warnings, sorted.
    public var diagnostics: [Diagnostic]
    /// Whether the output folder was changed before the build failed (a cached build's update that stopped
    /// half-way, which the next build completes); otherwise it is exactly as it was.
    public var outputChanged = false

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }
}
