import ParleyKit

/// What the last rebuild produced.
public enum BuildStatus: Sendable, Equatable {
    /// The build wrote the site; pages loaded from an older generation reload.
    case succeeded(generation: Int)
    /// The build stopped on errors; the last good site stays served and pages show these diagnostics.
    case failed(generation: Int, diagnostics: [Diagnostic])

    /// The number of the build this status describes.
    public var generation: Int {
        switch self {
        case .succeeded(let generation), .failed(let generation, _): generation
        }
    }
}
