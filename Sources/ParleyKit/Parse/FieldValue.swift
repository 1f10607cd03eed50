/// The value of a declared field in an entry's front matter, checked against its type
/// (see ``FieldDeclaration``).
enum FieldValue: Sendable, Hashable {
    /// Text (and addresses), with the site's typographic quotes for text.
    case text(String)
    /// Markdown rendered inline: HTML.
    case markdown(String)
    case list([String])
    /// A number, and how it was written.
    case number(Double, String)
    case boolean(Bool)
    case date(EDTFDate)
    /// Slugs of entries, each with where it is written.
    case entries([Located<String>])
}
