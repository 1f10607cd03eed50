/// One use of a source in an entry's body: `[see @key, p. 4]`, one item of `[@a; @b]`, or an in-text `@key`.
struct Citation: Sendable, Hashable {
    /// The citation key, as written after `@`.
    var key: String
    /// Text before the key inside the brackets (`see`), if any.
    var prefix: String?
    /// Text after the key (`p. 4`, `chap. 2`), without the separating comma.
    var locator: String?
    /// Written `[-@key]`: the author's name is not repeated in the text.
    var suppressAuthor: Bool
    /// Written as a bare `@key` in the sentence: the author's name is shown before the note marker.
    var inText: Bool
    /// The note number of its source in this entry (sources are numbered in order of first use, from 1).
    var note: Int
    /// Which use of that source this is (0 for the first), for the note's backlinks.
    var use: Int
    /// Where the `@` is written.
    var location: SourceLocation
    var sourceLine: String?
}
