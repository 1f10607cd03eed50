/// A link from an entry's body to another entry: `[[slug]]`, `[[slug|text]]`, `[[slug#heading]]`, or a plain
/// Markdown link to the other entry's file (`[text](../rounds/first-round.md)`).
public struct EntryLink: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// A slug, from a wiki link.
        case slug(String)
        /// A file path relative to the site root (`Content/rounds/first-round.md`), from a Markdown link.
        case file(String)
    }

    public var target: Target
    /// A heading id in the target (`outcome` in `[[first-round#outcome]]`).
    public var fragment: String?
    /// Whether the link shows the target's title (a wiki link without `|text`).
    public var showsTitle: Bool
    /// What was written, for messages: `[[first-round#outcome]]`, `../rounds/first-round.md`.
    public var written: String
    public var location: SourceLocation
    public var sourceLine: String?

    /// The placeholders in the rendered body that the render step replaces: the URL, and the title.
    static func urlPlaceholder(_ index: Int) -> String { "\u{E000}u\(index)\u{E001}" }
    static func titlePlaceholder(_ index: Int) -> String { "\u{E000}t\(index)\u{E001}" }
}
