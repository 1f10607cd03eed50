import ParleyKit

/// What the last rebuild produced.
public enum BuildStatus: Sendable, Equatable {
    case succeeded(generation: Int)
    case failed(generation: Int, diagnostics: [Diagnostic])

    /// The number of the build this status describes.
    public var generation: Int {
        switch self {
        case .succeeded(let generation), .failed(let generation, _): generation
        }
    }
}
