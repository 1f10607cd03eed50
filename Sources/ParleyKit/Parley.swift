import CParleyBuild
import Foundation

/// Parley's identity, for `--version` and for keying caches.
public enum Parley {
    /// The version, such as `1.2.3`: a release build's git tag without its `v`, otherwise `0.1.0-dev`
    /// (Sources/CParleyBuild, set by `make dist`).
    public static let version = String(cString: parley_build_version())

    /// The GitHub repository Parley is released from, as `owner/name` (`parley-ssg/parley` unless the release build
    /// names the repository it is built in): its releases and its action.
    public static let repository = String(cString: parley_build_repository())

    /// This build of Parley, for the caches in `.parley-cache/`: the version and a hash of the running
    /// program's bytes. A cache written by another build, such as a developer's binary rebuilt from changed code
    /// under the same version, is then never trusted; the same binary restored elsewhere (a CI cache) is.
    public static let build: String = version + "+" + programKey

    /// XXH3-128 of the running program's bytes, in hex; empty when the program cannot be read.
    public static let programKey: String = {
        guard let path = Bundle.main.executablePath,
            let bytes = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        else { return "" }
        return bytes.withUnsafeBytes { KeyHasher.bytes($0) }.description
    }()
}
