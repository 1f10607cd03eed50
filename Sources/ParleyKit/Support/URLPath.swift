import Foundation

enum URLPath {
    /// The path of a base URL, always with a leading and trailing slash: `https://example.org/talks` → `/talks/`.
    static func path(ofBase base: String) -> String? {
        guard let components = URLComponents(string: base) else { return nil }
        let trimmed = components.path.trimmingSlashes()
        return trimmed.isEmpty ? "/" : "/" + trimmed + "/"
    }
}
