/// The site's settings, from `Content/site.yaml`.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var description: String?
    /// The address the site is published at, e.g. `https://example.org/peace-talks/`.
    public var baseURL: String?
    /// The language of the content, as a BCP 47 tag (`en`), for `<html lang>`.
    public var language: String
    /// Whether raw HTML and dangerous URLs in entries are passed through (cmark's unsafe mode).
    public var unsafeHTML: Bool
    /// Whether straight quotes, `--` and `...` become typographic ones.
    public var smartPunctuation: Bool
    /// The sections, in the order the site presents them.
    public var sections: [SectionConfig]
    /// How many entries `feed.xml` holds at most, the most recently updated.
    public var feedLimit: Int
    /// How many items a list page shows (a section's entries, a term's entries, the sources) before the
    /// rest go on `page/2/`, `page/3/` …; 0 keeps every list on one page.
    public var pageSize = SiteConfig.defaultPageSize
    /// Whether the site has a search page (`search/`), whose index Pagefind makes after the build.
    public var search = false
    public static let defaultPageSize = 100
    /// The entry whose text the home page shows first (`home: overview`), with where it is named.
    public var home: Located<String>?
    /// The kinds of subject terms entries name (`people`, `places`, …), in the order the index ties them.
    public var subjects: [SubjectKind] = []
    /// The front-matter fields the site declares, site-wide and per section (each with its `section`).
    public var fields: [FieldDeclaration] = []
    /// The picture that stands for the site where a page is shared (Open Graph's `og:image`): a file of
    /// `Templates/assets/` as published (`assets/card.png`) or an absolute address, with where it is written.
    /// Checked against the assets when the site is resolved.
    public var image: Located<String>?
    /// Who wrote the site, a person or an organisation, for reference managers (`citation_author`).
    public var author: String?

    public init(
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

    /// The path the site is published under (`/peace-talks/`), from the base URL; `/` without one.
    public var basePath: String { baseURL.flatMap(URLPath.path(ofBase:)) ?? "/" }

    public func section(named name: String) -> SectionConfig? {
        sections.first { $0.name == name }
    }

    /// A declared kind of subject terms.
    public func subjectKind(named name: String) -> SubjectKind? {
        subjects.first { $0.name == name }
    }
}

/// One section: a folder of `Content/` whose entries share a URL prefix and a list page.
public struct SectionConfig: Sendable, Hashable {
    /// The folder's name under `Content/`, e.g. `rounds`.
    public var name: String
    /// The section's heading, e.g. `Rounds of talks`.
    public var title: String
    /// What one entry is called, for badges: `Round of talks`.
    public var singular: String
    public var description: String?
    /// The URL prefix of its entries, without slashes; `""` puts them at the site root. Defaults to `name`.
    public var path: String
    /// Whether every entry must have a date (and appears on the timeline).
    public var dated: Bool
    /// Whether the section has a list page and appears in the navigation.
    public var listed: Bool
    /// How many entries its list page shows, instead of the site's `page-size`.
    public var pageSize: Int?
    /// What its entries are in schema.org's terms, for the JSON-LD on their pages (`schema:`); nil: an `Article`.
    public var schema: SchemaMapping?

    public init(
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
public struct SchemaMapping: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Pages about something that happened: dated entries are `Event`s, with their dates, place and people.
        case event = "Event"
        /// Any other page: an `Article`, the default.
        case article = "Article"
    }

    /// What an attendee is in schema.org: a `Person` or an `Organization`.
    public enum AttendeeType: String, Sendable, Hashable, CaseIterable {
        case person = "Person"
        case organization = "Organization"
    }

    public var type: Kind
    /// The declared field that names where it took place.
    public var location: String?
    /// The declared field that names who took part.
    public var attendee: String?
    public var attendeeType: AttendeeType

    public init(type: Kind, location: String? = nil, attendee: String? = nil, attendeeType: AttendeeType = .person) {
        self.type = type
        self.location = location
        self.attendee = attendee
        self.attendeeType = attendeeType
    }
}

extension SiteConfig {
    /// Every setting, into a key: a build cache is good only for the settings it was made with. The key is made
    /// from the value itself (each stored property, as `dump` writes it out), so a setting added later is in it
    /// without a word here (a list kept by hand had missed `feed-limit`).
    func combine(into h: inout KeyHasher) {
        var text = ""
        dump(self, to: &text)
        h.combine(contents: text)
    }
}
