/// A long source line cut to the part around a column, for showing under a diagnostic and for keeping with a
/// located value: a line of 20,000 terms or of nested brackets is shown as the 240 characters around the
/// caret, and each value written on it keeps those, not the whole line.
enum SourceExcerpt {
    /// Lines up to this many characters are kept whole.
    static let limit = 240
    /// How many characters are kept before and after the column.
    static let before = 100, after = 140

    /// `line` cut around `column` (counted in Unicode scalars from 1), with `…` where it was cut, and the
    /// column in the file of the first character of what is kept (the `…` counts as the column before the
    /// part kept). A short line, or one without a column, is kept whole from column 1.
    static func clip(_ line: String, column: Int?) -> (text: String, start: Int) {
        guard line.utf8.count > limit, line.unicodeScalars.count > limit else { return (line, 1) }
        return clip(Array(line.unicodeScalars), column: column)
    }

    /// The same, for a line already split into scalars: for the many values of one long line, each cut in time
    /// proportional to what it keeps.
    static func clip(_ scalars: [Unicode.Scalar], column: Int?) -> (text: String, start: Int) {
        guard scalars.count > limit else {
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            return (text, 1)
        }
        let column = min(max(column ?? 1, 1), scalars.count + 1)
        let first = max(1, column - before), last = min(scalars.count, column + after)
        var text = first > 1 ? "…" : ""
        text.unicodeScalars.append(contentsOf: scalars[(first - 1)..<last])
        if last < scalars.count { text += "…" }
        return (text, first > 1 ? first - 1 : 1)
    }
}
