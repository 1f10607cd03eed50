import Foundation

extension StringProtocol {
    /// The text without the whitespace around it, as `trimmingCharacters(in: .whitespaces)` gives it, without
    /// that call's cost (a sixth of reading a wiki link): ASCII is decided here, other scalars by the same set.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension String {
    /// The text's Unicode scalars as an array, made in one pass: `Array(unicodeScalars)` counts them first.
    var scalarArray: [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(utf8.count)
        for scalar in unicodeScalars { scalars.append(scalar) }
        return scalars
    }
}
