import Foundation

/// Sorting names as a reader expects, the same on every machine: case and accents ignored first,
/// then the exact text to break ties. No locale is consulted, so the order never changes between builds.
enum Collation {
    static func key(_ text: String) -> [UInt32] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return folded.unicodeScalars.map(\.value) + [0] + text.unicodeScalars.map(\.value)
    }
}

extension Array where Element == UInt32 {
    static func < (a: [UInt32], b: [UInt32]) -> Bool { a.lexicographicallyPrecedes(b) }
}
