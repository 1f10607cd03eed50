/// A front-matter field a site declares in `Content/site.yaml` (`fields:`, site-wide or in a section): its
/// name, its type, whether every entry must have it, and a line saying what it is.
struct FieldDeclaration: Sendable, Hashable {
    /// What a field's value is, and how it is checked and shown.
    enum FieldType: String, Sendable, Hashable, CaseIterable {
        /// One line of text, with the site's typographic quotes.
        case text
        /// Markdown, rendered inline through cmark (emphasis, links, code).
        case markdown
        /// A list of texts.
        case list
        /// A number, as written.
        case number
        /// `true` or `false`.
        case boolean
        /// A date in EDTF, as `date` is.
        case date
        /// An absolute `http` or `https` address.
        case url
        /// The slug of another entry, checked to exist and shown as a link.
        case entry
        /// Slugs of other entries, each checked and shown as a link.
        case entries

        /// How the README and the messages name what a value of the type looks like.
        var example: String {
            switch self {
            case .text: "text, e.g. Geneva, Switzerland"
            case .markdown: "Markdown text, e.g. Rejected by *both* sides"
            case .list: "a list, e.g. [France, Italy]"
            case .number: "a number, e.g. 12 or 3.5"
            case .boolean: "true or false"
            case .date: "an EDTF date, e.g. 2022-03-29"
            case .url: "an address, e.g. https://example.org/report"
            case .entry: "an entry's slug, e.g. first-meeting"
            case .entries: "a list of entries' slugs, e.g. [first-meeting, second-meeting]"
            }
        }
    }

    /// The front-matter field (`proposed-by`), which is also the name templates read it by.
    var name: String
    var type: FieldType
    /// Whether every entry it applies to must have it.
    var required: Bool
    /// One line saying what it holds, for the README of the site and the messages.
    var description: String?
    /// The section it is declared in; nil for one declared for every section.
    var section: String?

    init(name: String, type: FieldType, required: Bool = false, description: String? = nil, section: String? = nil) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
        self.section = section
    }
}

extension SiteConfig {
    /// The fields an entry of `section` may have, site-wide first.
    func fields(for section: String) -> [FieldDeclaration] {
        fields.filter { $0.section == nil || $0.section == section }
    }
}

extension FieldDeclaration {
    /// The front-matter fields every entry may have; the site adds one per kind of subject and per field it
    /// declares.
    static let builtInNames = [
        "title", "date", "summary", "related", "after", "before", "aliases", "draft", "updated", "weight",
    ]
}
