/// A link from an entry's body to another entry: `[[slug]]`, `[[slug|text]]`, `[[slug#heading]]`, or a plain
/// Markdown link to the other entry's file (`[text](../rounds/first-round.md)`).
struct EntryLink: Sendable, Hashable {
    enum Target: Sendable, Hashable {
        /// A slug, from a wiki link.
        case slug(String)
        /// A file path relative to the site root (`Content/rounds/first-round.md`), from a Markdown link.
        case file(String)
    }

    var target: Target
    /// A heading id in the target (`outcome` in `[[first-round#outcome]]`).
    var fragment: String?
    /// Whether the link shows the target's title (a wiki link without `|text`).
    var showsTitle: Bool
    /// What was written, for messages: `[[first-round#outcome]]`, `../rounds/first-round.md`.
    var written: String
    var location: SourceLocation
    var sourceLine: String?

    /// The placeholders in the rendered body that the render step replaces: the URL, and the title.
    static func urlPlaceholder(_ index: Int) -> String { "\u{E000}u\(index)\u{E001}" }
    static func titlePlaceholder(_ index: Int) -> String { "\u{E000}t\(index)\u{E001}" }
}
