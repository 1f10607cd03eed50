/// A name in CSL: a person (`family`, `given`) or an organisation (`literal`).
///
/// The other CSL name parts (particles, suffixes) are not shown by Parley; they are kept in the
/// reference's `fields` for the exports.
struct Name: Sendable, Hashable {
    var family: String?
    var given: String?
    /// An organisation's name, or any name to show exactly as written: `Reuters`.
    var literal: String?

    init(family: String? = nil, given: String? = nil, literal: String? = nil) {
        self.family = family
        self.given = given
        self.literal = literal
    }

    /// The name as a reference list shows it: `Hopkins, Valerie`, `Hopkins`, or the literal as written.
    var inverted: String {
        if let literal { return literal }
        switch (family, given) {
        case let (family?, given?): return "\(family), \(given)"
        case let (family?, nil): return family
        case let (nil, given?): return given
        default: return ""
        }
    }

    /// The name a citation shows: the family name, or the literal.
    var short: String { literal ?? family ?? given ?? "" }
}

/// One source, read from CSL YAML or CSL-JSON.
///
/// The typed properties are the CSL variables Parley shows; `fields` keeps every field as written, in source
/// order, for the exports.
struct Reference: Sendable, Hashable {
    /// The name citations use: `[@hopkins2022]`.
    var id: String
    /// The CSL item type: `article-newspaper`, `book`, `webpage`, …
    var type: String?
    var authors: [Name]
    var editors: [Name]
    var title: String?
    /// The newspaper, magazine, journal, website or book it appeared in (CSL `container-title`).
    var containerTitle: String?
    var publisher: String?
    /// When it was published (CSL `issued`).
    var issued: EntryDate?
    /// When it was read at its `url` (CSL `accessed`).
    var accessed: EntryDate?
    /// CSL `URL`.
    var url: String?
    /// CSL `ISSN`, as written (`0362-4331`).
    var issn: String?
    /// The source's language as a BCP 47 tag (`uk`, `en-GB`), CSL `language`.
    var language: String?
    /// The page or pages (`4`, `4-7`), CSL `page`.
    var page: String?
    /// A free-text note, shown at the end.
    var note: String?

    /// Extension to CSL (`archive-url`): the address of an archived copy, e.g. on the Wayback Machine.
    var archiveURL: String?
    /// Extension to CSL (`archive-date`): the day the archived copy was made.
    var archiveDate: EntryDate?
    /// Extension to CSL (`translated-title`): the title in the site's language, for a source in another one.
    var translatedTitle: String?
    /// Extension to CSL (`translated-container-title`): the container's title in the site's language.
    var translatedContainerTitle: String?
    /// Extension to CSL (`quote`): the passage of the source the site relies on, as written in the source.
    var quote: String?
    /// Extension to CSL (`translated-quote`): that passage in the site's language.
    var translatedQuote: String?
    /// Extension to CSL (`agency`): the wire services credited (`Reuters`, `Agence France-Presse`).
    var agency: [String]

    /// Every field as written, in source order, for the exports (so nothing is lost, including CSL variables
    /// Parley does not show). Two normalisations: dates are stored as `{date-parts: [[2022, 2, 28]]}`
    /// whichever form they were written in, and fields whose value is null are left out.
    var fields: [CSLField]
    /// Where its `id` is written (the id's value).
    var location: SourceLocation

    init(
        id: String, type: String? = nil, authors: [Name] = [], editors: [Name] = [],
        title: String? = nil, containerTitle: String? = nil, publisher: String? = nil,
        issued: EntryDate? = nil, accessed: EntryDate? = nil,
        url: String? = nil, issn: String? = nil, language: String? = nil, page: String? = nil, note: String? = nil,
        archiveURL: String? = nil, archiveDate: EntryDate? = nil,
        translatedTitle: String? = nil, translatedContainerTitle: String? = nil,
        quote: String? = nil, translatedQuote: String? = nil, agency: [String] = [],
        fields: [CSLField] = [], location: SourceLocation
    ) {
        self.id = id
        self.type = type
        self.authors = authors
        self.editors = editors
        self.title = title
        self.containerTitle = containerTitle
        self.publisher = publisher
        self.issued = issued
        self.accessed = accessed
        self.url = url
        self.issn = issn
        self.language = language
        self.page = page
        self.note = note
        self.archiveURL = archiveURL
        self.archiveDate = archiveDate
        self.translatedTitle = translatedTitle
        self.translatedContainerTitle = translatedContainerTitle
        self.quote = quote
        self.translatedQuote = translatedQuote
        self.agency = agency
        self.fields = fields
        self.location = location
    }

    /// The value of field `name` as written, if present.
    func field(_ name: String) -> CSLValue? {
        fields.first { $0.name == name }?.value
    }

    /// A variable's text in another language, as CSL-M writes it (`multi: {_keys: {note: {uk: …}}}`, the form
    /// citeproc-js and Juris-M read): for the site's words about a source, such as its `note`, in an edition.
    func translation(of variable: String, into language: String) -> String? {
        func member(_ value: CSLValue?, _ name: String) -> CSLValue? {
            guard case .object(let fields)? = value else { return nil }
            return fields.first { $0.name == name }?.value
        }
        return member(member(member(field("multi"), "_keys"), variable), language)?.text
    }
}

/// One field of a CSL item as written: `"ISSN": "0362-4331"`.
struct CSLField: Sendable, Hashable {
    var name: String
    var value: CSLValue

    init(_ name: String, _ value: CSLValue) {
        self.name = name
        self.value = value
    }
}

/// A CSL value, typed the way JSON types it.
indirect enum CSLValue: Sendable, Hashable {
    case string(String)
    /// A number, kept exactly as written (`1.10` stays `1.10`); always valid JSON number syntax.
    case number(String)
    case bool(Bool)
    case array([CSLValue])
    /// An object, its fields in source order.
    case object([CSLField])
    case null

    /// The text of a string or number.
    var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }
}

/// All sources of a site.
struct Bibliography: Sendable {
    /// In file order: `Content/bibliography.yaml` first, then `Content/bibliography.json`. Ids are unique.
    var references: [Reference] {
        didSet { index = Self.index(references) }
    }
    /// The paths read, e.g. `["Content/bibliography.yaml"]`.
    var files: [String]
    /// Whether a file had errors, so that sources may be missing: a key that is not found is then not reported
    /// (the error in the bibliography is, once).
    var incomplete = false
    private var index: [String: Int]

    init(references: [Reference] = [], files: [String] = []) {
        self.references = references
        self.files = files
        self.index = Self.index(references)
    }

    /// The source with this id (the first, should there be several).
    func reference(_ id: String) -> Reference? {
        index[id].map { references[$0] }
    }

    static let empty = Bibliography()

    private static func index(_ references: [Reference]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(references.count)
        for (position, reference) in references.enumerated() where index[reference.id] == nil {
            index[reference.id] = position
        }
        return index
    }
}

extension Reference {
    /// How an in-text citation names the authors: `Hopkins`, `Reevell and Hutchinson`, `Smith et al.`, an
    /// organisation as written; nil when there is no author (callers then use the title).
    func authorLabel(words w: LocalWords = .english) -> String? {
        let authors = self.authors.map(\.short)
        switch authors.count {
        case 0: return nil
        case 1: return authors[0]
        case 2: return w("authors-two", authors[0], authors[1])
        default: return w("authors-many", authors[0])
        }
    }
}
