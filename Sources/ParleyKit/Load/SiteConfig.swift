/// The site's settings, from `Content/site.yaml`.
struct SiteConfig: Sendable, Hashable {
    var title: String
    var description: String?
    /// The address the site is published at, e.g. `https://example.org/reference/`.
    var baseURL: String?
    /// The language of the content, as a BCP 47 tag (`en`), for `<html lang>`.
    var language: String
    /// Whether raw HTML and dangerous URLs in entries are passed through (cmark's unsafe mode).
    var unsafeHTML: Bool
    /// Whether straight quotes, `--` and `...` become typographic ones.
    var smartPunctuation: Bool
    /// The sections, in the order the site presents them.
    var sections: [SectionConfig]
    /// How many entries `feed.xml` holds at most, the most recently updated.
    var feedLimit: Int
    /// How many items a list page shows (a section's entries, a term's entries, the sources) before the
    /// rest go on `page/2/`, `page/3/` …; 0 keeps every list on one page.
    var pageSize = SiteConfig.defaultPageSize
    /// Whether the site has a search page (`search/`), whose index Pagefind makes after the build.
    var search = false
    static let defaultPageSize = 100
    /// The entry whose text the home page shows first (`home: overview`), with where it is named.
    var home: Located<String>?
    /// The kinds of subject terms entries name (`people`, `places`, …), in the order the index ties them.
    var subjects: [SubjectKind] = []
    /// The front-matter fields the site declares, site-wide and per section (each with its `section`).
    var fields: [FieldDeclaration] = []
    /// The picture that stands for the site where a page is shared (Open Graph's `og:image`): a file of
    /// `Templates/assets/` as published (`assets/card.png`) or an absolute address, with where it is written.
    /// Checked against the assets when the site is resolved.
    var image: Located<String>?
    /// Who wrote the site, a person or an organisation, for reference managers (`citation_author`).
    var author: String?
    /// The site's languages (`languages:`), the default first; empty for a site in one language, `language`.
    var languages: [Edition] = []
    /// Where this edition's pages are under the output folder: `""` for the default language's, `uk/` for
    /// another's. Set on the settings each edition is resolved and rendered with (``edition(_:)``).
    var editionPath = ""

    init(
        title: String, description: String? = nil, baseURL: String? = nil, language: String = "en",
        unsafeHTML: Bool = false, smartPunctuation: Bool = true, sections: [SectionConfig] = [], feedLimit: Int = 50
    ) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.language = language
        self.unsafeHTML = unsafeHTML
        self.smartPunctuation = smartPunctuation
        self.sections = sections
        self.feedLimit = feedLimit
    }

    /// The path the site is published under (`/reference/`), from the base URL; `/` without one.
    var basePath: String { baseURL.flatMap(URLPath.path(ofBase:)) ?? "/" }

    /// The address this edition is published at: the base URL, with `uk/` for the Ukrainian edition.
    var editionBaseURL: String? { baseURL.map { $0 + editionPath } }

    /// The path this edition is published under: `/reference/uk/`.
    var editionBasePath: String { basePath + editionPath }

    /// Every edition, the default first: `languages`, or one in `language`.
    var editions: [Edition] { languages.isEmpty ? [Edition(language: language)] : languages }

    /// Whether this is the settings of an edition other than the default.
    var isOtherEdition: Bool { !editionPath.isEmpty }

    /// The settings an edition other than the default is resolved and rendered with: its language, title and
    /// description, its names of the sections and kinds of subject, and its pages under `uk/`.
    func edition(_ edition: Edition) -> SiteConfig {
        var config = self
        config.language = edition.language
        config.editionPath = edition.language + "/"
        if let title = edition.title { config.title = title }
        if let description = edition.description { config.description = description }
        for index in config.sections.indices {
            guard let names = edition.sections[config.sections[index].name] else { continue }
            if let title = names.title { config.sections[index].title = title }
            if let singular = names.singular { config.sections[index].singular = singular }
            if let description = names.description { config.sections[index].description = description }
        }
        for index in config.subjects.indices {
            guard let names = edition.subjects[config.subjects[index].name] else { continue }
            if let title = names.title { config.subjects[index].title = title }
            if let singular = names.singular { config.subjects[index].singular = singular }
        }
        return config
    }

    func section(named name: String) -> SectionConfig? {
        sections.first { $0.name == name }
    }

    /// A declared kind of subject terms.
    func subjectKind(named name: String) -> SubjectKind? {
        subjects.first { $0.name == name }
    }
}

/// One language edition of the site: an item of site.yaml's `languages`.
struct Edition: Sendable, Hashable {
    /// What to do with an entry that has no translation into this language.
    enum Untranslated: String, Sendable, Hashable, CaseIterable {
        /// The edition has no page for it.
        case leaveOut = "leave-out"
        /// The edition shows it in the default language, with a notice (`page.untranslated`).
        case showOriginal = "show-original"
    }

    /// A BCP 47 tag (`uk`), which is also the folder of its pages (`/uk/`) and the suffix of its entries'
    /// translations (`istanbul-talks.uk.md`).
    var language: String
    /// The site's title and description in this language; the default language's are site.yaml's own.
    var title: String?
    var description: String?
    var untranslated: Untranslated = .leaveOut
    /// The sections' and kinds of subject's names in this language, by name.
    var sections: [String: Names] = [:]
    var subjects: [String: Names] = [:]

    /// What a section or a kind of subject is called in an edition.
    struct Names: Sendable, Hashable {
        var title: String?
        var singular: String?
        var description: String?
    }

    init(language: String) { self.language = language }
}

/// One section: a folder of `Content/` whose entries share a URL prefix and a list page.
struct SectionConfig: Sendable, Hashable {
    /// The folder's name under `Content/`, e.g. `rounds`.
    var name: String
    /// The section's heading, e.g. `Rounds of talks`.
    var title: String
    /// What one entry is called, for badges: `Round of talks`.
    var singular: String
    var description: String?
    /// The URL prefix of its entries, without slashes; `""` puts them at the site root. Defaults to `name`.
    var path: String
    /// Whether every entry must have a date (and appears on the timeline).
    var dated: Bool
    /// Whether the section has a list page and appears in the navigation.
    var listed: Bool
    /// How many entries its list page shows, instead of the site's `page-size`.
    var pageSize: Int?
    /// What its entries are in schema.org's terms, for the JSON-LD on their pages (`schema:`); nil: an `Article`.
    var schema: SchemaMapping?

    init(
        name: String, title: String? = nil, singular: String? = nil, description: String? = nil,
        path: String? = nil, dated: Bool = false, listed: Bool = true, schema: SchemaMapping? = nil
    ) {
        self.name = name
        self.title = title ?? name
        self.singular = singular ?? title ?? name
        self.description = description
        self.path = path ?? name
        self.dated = dated
        self.listed = listed
        self.schema = schema
    }
}

/// A section's `schema:` in site.yaml: which schema.org type its entries are, and for an `Event`, which of the
/// fields the site declares hold its `location` and its `attendee`s. The engine knows no field of its own here:
/// the site names them.
struct SchemaMapping: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Pages about something that happened: dated entries are `Event`s, with their dates, place and people.
        case event = "Event"
        /// Any other page: an `Article`, the default.
        case article = "Article"
    }

    /// What an attendee is in schema.org: a `Person` or an `Organization`.
    enum AttendeeType: String, Sendable, Hashable, CaseIterable {
        case person = "Person"
        case organization = "Organization"
    }

    var type: Kind
    /// The declared field that names where it took place.
    var location: String?
    /// The declared field that names who took part.
    var attendee: String?
    var attendeeType: AttendeeType

    init(type: Kind, location: String? = nil, attendee: String? = nil, attendeeType: AttendeeType = .person) {
        self.type = type
        self.location = location
        self.attendee = attendee
        self.attendeeType = attendeeType
    }
}

extension SiteConfig {
    /// Every setting, into a key: a build cache is good only for the settings it was made with. The key is made
    /// from the value itself (``KeyHasher/combine(reflecting:)``), so a setting added later is in it without a
    /// word here (a list kept by hand had missed `feed-limit`), and it is the same in every process (the editions'
    /// dictionaries of names iterate in another order in each).
    func combine(into h: inout KeyHasher) {
        h.combine(reflecting: self)
    }
}
