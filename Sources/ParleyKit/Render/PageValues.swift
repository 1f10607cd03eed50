import ParleyTemplates

// The values templates read, one Swift type per page kind and per thing a page shows. Each type declares its
// fields once, in its `templateType`: the template compiler checks every name against these declarations,
// rendering reads the fields by position, and a page's cache key is made from the same fields.
//
// Every URL is relative to the site root and written in templates after `{{root}}`, the way from the current
// page back to the root (`../../` on an entry page), so that the site works under any base path and from disk.

/// What every page has: `site`, `root`, `assets`, `page`, `nav` and `strings`.
final class CommonValues: Sendable {
    let site: SiteValues
    let root: String
    let assets: String
    let page: PageInfo
    let nav: [NavItem]
    let strings: StringValues

    init(site: SiteValues, root: String, assets: String, page: PageInfo, nav: [NavItem], strings: StringValues) {
        self.site = site
        self.root = root
        self.assets = assets
        self.page = page
        self.nav = nav
        self.strings = strings
    }
}

/// The values at the bottom of a page's context stack.
protocol PageRoot: TemplateObject {
    /// The page kind, which is also its template's name: `entry` pages are rendered with `entry.mustache`.
    static var kind: String { get }
    var common: CommonValues { get }
}

extension PageRoot {
    static func commonFields(_ more: [Field.Spec<Self>]) -> [Field.Spec<Self>] {
        [
            .object("site", "the site's settings and what it has") { $0.common.site },
            .text("root", "the way back to the root of this page's edition from this page (`../../`): write every URL after it") { $0.common.root },
            .text("assets", "the way to the assets folder (`Templates/assets/` as published, shared by every edition) from this page: `{{assets}}style.css`") { $0.common.assets },
            .object("page", "this page's URL, title and kind") { $0.common.page },
            .list("nav", "the listed sections, as a menu shows them, the current one `active`") { $0.common.nav },
            Field.Spec(bound: StringValues.binding, "strings", "the labels of the page's language, from `Templates/strings/<language>.yaml`, and Parley's own words: `{{strings.date}}`") { $0.common.strings },
        ] + more
    }
}

/// `site`: the settings in site.yaml, the listed sections, the unlisted pages, and what the site has.
final class SiteValues: TemplateObject {
    /// Shown on many pages: its key is made once per template.
    let keyMemo: KeyMemo? = KeyMemo()
    let title: String
    let description: String?
    let baseURL: String?
    let language: String
    let sections: [SectionValues]
    let pages: [EntrySummary]
    let bibliography: SiteLink?
    let timeline: SiteLink?
    let feed: SiteLink?
    let subjects: SiteLink?
    let search: SiteLink?
    let image: String?
    let author: String?

    init(title: String, description: String?, baseURL: String?, language: String, sections: [SectionValues], pages: [EntrySummary],
         bibliography: SiteLink?, timeline: SiteLink?, feed: SiteLink?, subjects: SiteLink?, search: SiteLink? = nil,
         image: String? = nil, author: String? = nil) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.language = language
        self.sections = sections
        self.pages = pages
        self.bibliography = bibliography
        self.timeline = timeline
        self.feed = feed
        self.subjects = subjects
        self.search = search
        self.image = image
        self.author = author
    }

    /// A BCP 47 language tag as Open Graph's `og:locale` writes it: `en-GB` → `en_GB`.
    static func locale(_ language: String) -> String {
        String(language.map { $0 == "-" ? "_" : $0 })
    }

    static let templateType = TemplateType("site", of: SiteValues.self, [
        .text("title", "the site's title") { $0.title },
        .text("description", "its description") { $0.description },
        .text("baseURL", "the URL it is published at") { $0.baseURL },
        .text("language", "its language, as in `lang`") { $0.language },
        .text("locale", "its language as Open Graph's `og:locale` writes it (`en_GB`)") { SiteValues.locale($0.language) },
        .text("image", "the picture that stands for it where a page is shared (site.yaml's `image`), absolute with the `base-url`") { $0.image },
        .text("author", "who wrote it (site.yaml's `author`), for reference managers") { $0.author },
        .list("sections", "the listed sections") { $0.sections },
        .list("pages", "the unlisted sections' entries (About…)") { $0.pages },
        .object("bibliography", "the bibliography page, if the site has sources") { $0.bibliography },
        .object("timeline", "the timeline, if entries have dates") { $0.timeline },
        .object("feed", "the Atom feed, if the site has a base URL") { $0.feed },
        .object("subjects", "the subject index, if entries name subjects") { $0.subjects },
        .object("search", "the search page, if site.yaml has `search: true`") { $0.search },
        .flag("data", "whether there is data to download (the timeline's or the sources')") { $0.timeline != nil || $0.bibliography != nil },
    ])
}

/// A page the site has (`site.timeline`, `site.bibliography`…): its URL and, for lists, how many it holds.
final class SiteLink: TemplateObject {
    let url: String
    let count: Int?
    let json: String?
    let bibtex: String?

    init(url: String, count: Int? = nil, json: String? = nil, bibtex: String? = nil) {
        self.url = url
        self.count = count
        self.json = json
        self.bibtex = bibtex
    }

    static let templateType = TemplateType("link", of: SiteLink.self, [
        .text("url", "its URL") { $0.url },
        .number("count", "how many sources or terms it lists") { $0.count },
        .text("json", "its data as JSON: the timeline for TimelineJS, the sources as CSL-JSON") { $0.json },
        .text("bibtex", "the sources as BibTeX") { $0.bibtex },
    ])
}

/// `page`: this page's URL, title and kind, with a flag named after the kind (`{{#page.timeline}}`).
final class PageInfo: TemplateObject {
    let url: String
    let title: String
    let kind: String
    let pagination: PaginationValues?
    let canonical: String?
    let description: String?
    /// The site's editions as the language switcher links them; empty for a site in one language.
    let editions: [EditionLink]
    /// The default language, when this page shows an entry in it, in an edition it has no translation for.
    let untranslated: String?

    init(url: String, title: String, kind: String, pagination: PaginationValues? = nil, canonical: String? = nil, description: String? = nil,
         editions: [EditionLink] = [], untranslated: String? = nil) {
        self.url = url
        self.title = title
        self.kind = kind
        self.pagination = pagination
        self.canonical = canonical
        self.description = description
        self.editions = editions
        self.untranslated = untranslated
    }

    static let kinds = ["home", "section", "entry", "timeline", "subjects", "subject", "bibliography", "notFound", "alias", "search"]

    static let templateType = TemplateType("page", of: PageInfo.self, [
        .text("url", "its URL") { $0.url },
        .text("title", "its title") { $0.title },
        .text("kind", "its kind: " + kinds.joined(separator: ", ")) { $0.kind },
        .object("pagination", "where this page is in its list, when the list is split over pages (see Pagination in [[templates]])") { $0.pagination },
        .text("canonical", "its address for `<link rel=\"canonical\">` and `og:url`: absolute with the site's `base-url`, else from the host's root (`/rounds/istanbul-talks/`); none on the 404 page, which is served at any address") { $0.canonical },
        .text("description", "one sentence about it, for `<meta name=\"description\">` and `og:description`: an entry's summary, a section's description, else the site's") { $0.description },
        .list("editions", "every edition of the site, the default first, for a language switcher: this page in it, or that edition's home page where it has no such page; empty for a site in one language") { $0.editions },
        .list("alternates", "the editions that have this very page, this one included, for `<link rel=\"alternate\" hreflang>`") { $0.editions.filter(\.translated) },
        .text("untranslated", "the default language's tag, when the page shows an entry in it in an edition that has no translation of it (`untranslated: show-original`): for a notice, and the entry's `lang`") { $0.untranslated },
    ] + kinds.map { kind in .flag(kind, "whether this is \("aeiou".contains(kind.first!) ? "an" : "a") \(kind) page") { $0.kind == kind } })
}

/// One edition of the site, as a page links to it: `page.editions` and `page.alternates`.
final class EditionLink: TemplateObject {
    let language: String
    let name: String
    let url: String
    let absolute: String
    let current: Bool
    let translated: Bool

    init(language: String, name: String, url: String, absolute: String, current: Bool, translated: Bool) {
        self.language = language
        self.name = name
        self.url = url
        self.absolute = absolute
        self.current = current
        self.translated = translated
    }

    static let templateType = TemplateType("edition", of: EditionLink.self, [
        .text("language", "its language, a BCP 47 tag (`uk`), for `hreflang` and `lang`") { $0.language },
        .text("name", "its language's name in that language (`Українська`), from the locale data") { $0.name },
        .text("url", "the page in it, relative to this page: write it as it is, without `{{root}}`") { $0.url },
        .text("absolute", "the same, absolute with the site's `base-url` (from the host's root without one), for `hreflang` links") { $0.absolute },
        .flag("current", "whether it is this page's edition") { $0.current },
        .flag("translated", "whether it has this very page (else `url` is its home page)") { $0.translated },
    ])
}

/// A section in `nav`: what a menu shows of it, and whether it is the current page's. Its entries are not
/// here: a page's key then never walks a section's entries through its menu (see `SectionValues`).
final class NavItem: TemplateObject {
    /// Shown on every page: its key is made once per template.
    let keyMemo: KeyMemo? = KeyMemo()
    let section: SectionValues
    let active: Bool

    init(_ section: SectionValues, active: Bool) {
        self.section = section
        self.active = active
    }

    static let templateType = TemplateType("menu item", of: NavItem.self, [
        .text("name", "its folder under Content/") { $0.section.section.config.name },
        .text("title", "its title") { $0.section.section.config.title },
        .text("singular", "what one of its entries is called") { $0.section.section.config.singular },
        .text("description", "its description") { $0.section.section.config.description },
        .text("url", "its list page") { $0.section.section.url },
        .number("count", "how many entries it has") { $0.section.section.entries.count },
        .flag("active", "whether it is the current page's section") { $0.active },
    ])
}

/// A section: its settings and its entries. One value per section, shared by every page and by its entries'
/// summaries, so that a page's key walks a section once.
final class SectionValues: TemplateObject {
    /// Shown on many pages: its key is made once per template (not a page's part of it, made for one page).
    let keyMemo: KeyMemo?
    let section: ResolvedSection
    let summaries: @Sendable () -> [EntrySummary]
    /// For one page of a long list: the whole section's values.
    let whole: SectionValues?
    var keyWhole: (any TemplateObject)? { whole }

    init(_ section: ResolvedSection, part whole: SectionValues? = nil, summaries: @escaping @Sendable () -> [EntrySummary]) {
        self.section = section
        self.summaries = summaries
        self.whole = whole
        keyMemo = whole == nil ? KeyMemo() : nil
    }

    static let templateType = TemplateType("section", of: SectionValues.self, [
        .text("name", "its folder under Content/") { $0.section.config.name },
        .text("title", "its title") { $0.section.config.title },
        .text("singular", "what one of its entries is called") { $0.section.config.singular },
        .text("description", "its description") { $0.section.config.description },
        .text("url", "its list page") { $0.section.url },
        .number("count", "how many entries it has") { $0.section.entries.count },
        .flag("dated", "whether its entries are in date order") { $0.section.config.dated },
        .list("entries", "its entries, in its order") { $0.summaries() },
    ])
}

/// What a list shows of an entry: title, link, date, summary, section, and the fields the site declares.
final class EntrySummary: TemplateObject {
    /// Shown on many pages: its key is made once per template.
    let keyMemo: KeyMemo? = KeyMemo()
    let entry: Entry
    let url: String
    let date: DateValues?
    let section: SectionValues?
    let fields: DeclaredValues

    init(_ entry: Entry, url: String, section: SectionValues?, fields: DeclaredValues, words: LocalWords = .english) {
        self.entry = entry
        self.url = url
        self.date = entry.date.map { DateValues($0, words: words) }
        self.section = section
        self.fields = fields
    }

    /// The summary's fields, for the types that show an entry and more.
    static func fields<Owner: TemplateObject>(_ summary: @escaping @Sendable (Owner) -> EntrySummary) -> [Field.Spec<Owner>] {
        [
            .text("slug", "its file name without .md") { summary($0).entry.slug },
            .text("title", "its title") { summary($0).entry.title },
            .text("url", "its page") { summary($0).url },
            .object("date", "its date, if it has one") { summary($0).date },
            .text("summary", "its one-sentence summary") { summary($0).entry.summary },
            .object("section", "its section") { summary($0).section },
            Field.Spec(bound: DeclaredValues.binding, "fields", "the fields the site declares (site.yaml's `fields`), by name: `{{fields.location}}`") { summary($0).fields },
        ]
    }

    static let templateType = TemplateType("summary", of: EntrySummary.self, fields { $0 })
}

/// An entry's date (EDTF), in words and for `<time>`.
final class DateValues: TemplateObject {
    let date: EDTFDate
    let text: String
    let html: String

    init(_ date: EDTFDate, words: LocalWords = .english) {
        self.date = date
        self.text = date.text(words)
        self.html = PageContext.timeHTML(date, text: text)
    }

    static let templateType = TemplateType("date", of: DateValues.self, [
        .text("edtf", "as written in the front matter (EDTF)") { $0.date.description },
        .text("text", "in words, in the page's language: `28 February 2022`, `March 2022?`, `c. 2022`") { $0.text },
        .text("html", "in words inside `<time>` elements: print it with `{{{html}}}`") { $0.html },
        .number("year", "its year") { $0.date.year },
        .text("datetime", "its first day, month or year as HTML's `datetime` wants it") { $0.date.datetimes.first },
        .flag("interval", "whether it is a span of time") { $0.date.isInterval },
        .flag("approximate", "whether it is approximate (`~`)") { $0.date.isApproximate },
        .flag("uncertain", "whether it is uncertain (`?`)") { $0.date.isUncertain },
    ])
}

/// A subject term (a person, a place…), and the entries naming it.
final class TermValues: TemplateObject {
    /// Shown on many pages: its key is made once per template (not a page's part of it, made for one page).
    let keyMemo: KeyMemo?
    let term: SubjectTerm
    let summaries: @Sendable () -> [EntrySummary]
    /// For one page of a long list: the whole term's values.
    let whole: TermValues?
    var keyWhole: (any TemplateObject)? { whole }

    init(_ term: SubjectTerm, part whole: TermValues? = nil, summaries: @escaping @Sendable () -> [EntrySummary]) {
        self.term = term
        self.summaries = summaries
        self.whole = whole
        keyMemo = whole == nil ? KeyMemo() : nil
    }

    static let templateType = TemplateType("term", of: TermValues.self, [
        .text("name", "its name as first written") { $0.term.name },
        .text("indexName", "how the index lists it: its `sort` key if given, else for a kind sorted by surname surname first (\"Putin, Vladimir\"), else as written") { $0.term.indexName },
        .text("original", "its original spelling, if given") { $0.term.original },
        .text("kind", "its kind's name, as declared in site.yaml (`people`)") { $0.term.kind.name },
        .text("kindTitle", "its kind's title (`People`)") { $0.term.kind.title },
        .text("singular", "what one term of its kind is called (`person`)") { $0.term.kind.singular },
        .text("url", "its page") { Routes.term($0.term) },
        .text("slug", "its page's name") { $0.term.slug },
        .number("count", "how many entries name it") { $0.term.entries.count },
        .flag("single", "whether just one entry names it") { $0.term.entries.count == 1 },
        .list("entries", "the entries naming it, earliest first") { $0.summaries() },
    ])
}

// MARK: - Entry pages

/// An entry page's values: `entry`, and what every page has.
final class EntryPage: PageRoot {
    static let kind = "entry"
    let common: CommonValues
    let entry: EntryValues

    init(common: CommonValues, entry: EntryValues) {
        self.common = common
        self.entry = entry
    }

    static let templateType = TemplateType("entry page", of: EntryPage.self, commonFields([
        .object("entry", "the entry") { $0.entry },
    ]))
}

/// `entry`: everything an entry's page shows.
final class EntryValues: TemplateObject {
    let summary: EntrySummary
    let body: String
    let toc: [TocItem]
    let terms: [KindValues]
    let related: [EntrySummary]
    let linkedFrom: [EntrySummary]
    let previous: EntrySummary?
    let next: EntrySummary?
    let updated: UpdatedValues?
    let references: [ReferenceNote]
    let footnotes: [FootnoteNote]
    let jsonLD: String
    let citationDate: String?

    init(summary: EntrySummary, body: String, toc: [TocItem], terms: [KindValues], related: [EntrySummary],
         linkedFrom: [EntrySummary], previous: EntrySummary?, next: EntrySummary?, updated: UpdatedValues?, references: [ReferenceNote],
         footnotes: [FootnoteNote] = [], jsonLD: String = "{}", citationDate: String? = nil) {
        self.summary = summary
        self.body = body
        self.toc = toc
        self.terms = terms
        self.related = related
        self.linkedFrom = linkedFrom
        self.previous = previous
        self.next = next
        self.updated = updated
        self.references = references
        self.footnotes = footnotes
        self.jsonLD = jsonLD
        self.citationDate = citationDate
    }

    var entry: Entry { summary.entry }

    static let templateType = TemplateType("entry", of: EntryValues.self, EntrySummary.fields { $0.summary } + [
        .text("body", "the body as HTML: print it with `{{{body}}}`") { $0.body },
        .list("toc", "the table of contents, when the body has three headings or more") { $0.toc },
        .list("related", "the entries its front matter names as related") { $0.related },
        .list("linkedFrom", "the entries whose bodies link to it") { $0.linkedFrom },
        .object("previous", "the entry before it in its section") { $0.previous },
        .object("next", "the entry after it in its section") { $0.next },
        .flag("draft", "whether it is a draft") { $0.entry.draft },
        .object("updated", "when it was last changed") { $0.updated },
        .list("footnotes", "its explanatory notes (`[^id]`, `^[…]`), lettered in the order the text refers to them") { $0.footnotes },
        .list("references", "its notes, one per source cited, in order of first use") { $0.references },
        .list("subjects", "each kind of subject it names, in the order site.yaml declares them, with its terms in the order written") { $0.terms },
        .text("jsonLD", "its schema.org description as JSON-LD (an `Article`, or an `Event` as its section's `schema` says), for `<script type=\"application/ld+json\">`: print it with `{{{jsonLD}}}`") { $0.jsonLD },
        .text("citationDate", "the date to cite it by, for `citation_publication_date` (`2024/03/04`): its last update, else its own date where certain") { $0.citationDate },
    ])
}

/// A heading in an entry's table of contents.
final class TocItem: TemplateObject {
    let heading: Heading
    let depth: Int

    init(_ heading: Heading, depth: Int) {
        self.heading = heading
        self.depth = depth
    }

    static let templateType = TemplateType("heading", of: TocItem.self, [
        .text("id", "its anchor") { $0.heading.id },
        .text("text", "its text") { $0.heading.text },
        .number("level", "its level, 1 to 6") { $0.heading.level },
        .number("depth", "its level below the body's highest heading, from 0") { $0.depth },
    ])
}

/// `entry.updated`: the last change, from git or the `updated` field.
final class UpdatedValues: TemplateObject {
    let timestamp: Timestamp
    let words: LocalWords

    init(_ timestamp: Timestamp, words: LocalWords = .english) {
        self.timestamp = timestamp
        self.words = words
    }

    static let templateType = TemplateType("update", of: UpdatedValues.self, [
        .text("text", "the day in words") { $0.timestamp.day.text($0.words) },
        .text("datetime", "for `<time datetime>`") { $0.timestamp.description },
        .text("html", "the day inside a `<time>` element: print it with `{{{html}}}`") { $0.timestamp.html($0.words) },
    ])
}

/// One note of an entry's References: a source, with a backlink to each place the text cites it.
final class ReferenceNote: TemplateObject {
    let number: Int
    let key: String
    let url: String
    let html: String
    let backlinks: [Backlink]

    init(number: Int, key: String, url: String, html: String, backlinks: [Backlink]) {
        self.number = number
        self.key = key
        self.url = url
        self.html = html
        self.backlinks = backlinks
    }

    static let templateType = TemplateType("note", of: ReferenceNote.self, [
        .number("number", "its number") { $0.number },
        .text("id", "its anchor") { CitationRenderer.noteID($0.number) },
        .text("key", "the source's key") { $0.key },
        .text("url", "the source in the bibliography") { $0.url },
        .text("html", "the source in the house style, with prefix and locator: print it with `{{{html}}}`") { $0.html },
        .list("backlinks", "one per citation, lettered a, b, c…") { $0.backlinks },
        .flag("single", "whether the source is cited once") { $0.backlinks.count == 1 },
        .text("firstBacklink", "the anchor of the first citation") { $0.backlinks[0].id },
    ])
}

/// An explanatory note of an entry, in its "Notes" list.
final class FootnoteNote: TemplateObject {
    let number: Int
    let html: String
    let backlinks: [Backlink]

    init(number: Int, html: String, uses: Int) {
        self.number = number
        self.html = html
        backlinks = (0..<uses).map { Backlink(id: Footnote.markerID(note: number, use: $0), label: ReferenceNotes.backlinkLabel($0)) }
    }

    static let templateType = TemplateType("explanatory note", of: FootnoteNote.self, [
        .number("number", "its number, from 1") { $0.number },
        .text("label", "its letter, as its markers in the text show it: a, b, … z, aa") { Footnote.label($0.number) },
        .text("id", "its anchor") { Footnote.noteID($0.number) },
        .text("html", "the note, with any citations' markers: print it with `{{{html}}}`") { $0.html },
        .list("backlinks", "one per marker in the text, lettered a, b, c…") { $0.backlinks },
        .flag("single", "whether the text refers to it once") { $0.backlinks.count == 1 },
        .text("firstBacklink", "the anchor of the first marker") { $0.backlinks[0].id },
    ])
}

/// A way back from a note to one citation in the text.
final class Backlink: TemplateObject {
    let id: String
    let label: String

    init(id: String, label: String) {
        self.id = id
        self.label = label
    }

    static let templateType = TemplateType("backlink", of: Backlink.self, [
        .text("id", "the citation's anchor") { $0.id },
        .text("label", "its letter") { $0.label },
    ])
}

// MARK: - Lists

/// The home page's values: the most recent entries and every listed section with its entries.
final class HomePage: PageRoot {
    static let kind = "home"
    let common: CommonValues
    let latest: [EntrySummary]
    let sections: [SectionValues]
    let overview: EntryValues?

    init(common: CommonValues, latest: [EntrySummary], sections: [SectionValues], overview: EntryValues?) {
        self.common = common
        self.latest = latest
        self.sections = sections
        self.overview = overview
    }

    static let templateType = TemplateType("home page", of: HomePage.self, commonFields([
        .list("latest", "the most recent dated entries") { $0.latest },
        .list("sections", "the listed sections") { $0.sections },
        .object("overview", "the entry site.yaml's `home` names, with its body and notes, for the page to tell the story") { $0.overview },
    ]))
}

/// A section's list page.
final class SectionPage: PageRoot {
    static let kind = "section"
    let common: CommonValues
    let section: SectionValues

    init(common: CommonValues, section: SectionValues) {
        self.common = common
        self.section = section
    }

    static let templateType = TemplateType("section page", of: SectionPage.self, commonFields([
        .object("section", "the section, with its entries") { $0.section },
    ]))
}

/// The 404 page: what every page has, its links from the site's base path.
final class NotFoundPage: PageRoot {
    static let kind = "404"
    let common: CommonValues

    init(common: CommonValues) { self.common = common }

    static let templateType = TemplateType("404 page", of: NotFoundPage.self, commonFields([]))
}

/// The search page (`search/`), when `site.yaml` turns search on: its template holds Pagefind's interface.
final class SearchPage: PageRoot {
    static let kind = "search"
    let common: CommonValues
    let index: String

    /// `editionPath` is the folder of the page's edition (`uk/`): the index is the whole site's, at its root.
    init(common: CommonValues, editionPath: String = "") {
        self.common = common
        index = String(repeating: "../", count: editionPath.split(separator: "/").count) + Routes.searchIndex + "/"
    }

    static let templateType = TemplateType("search page", of: SearchPage.self, commonFields([
        .text("index", "the folder of the search index and its interface, from this edition's root (`pagefind/`; `../pagefind/` in the `uk/` edition, since every edition shares one index)") { $0.index },
    ]))
}

/// The page at one of an entry's former addresses (`aliases:`), which sends the reader on to the entry.
final class AliasPage: PageRoot {
    static let kind = "alias"
    let common: CommonValues
    let entry: EntrySummary
    let canonical: String

    init(common: CommonValues, entry: EntrySummary, canonical: String) {
        self.common = common
        self.entry = entry
        self.canonical = canonical
    }

    static let templateType = TemplateType("alias page", of: AliasPage.self, commonFields([
        .object("entry", "the entry the old address now leads to") { $0.entry },
        .text("canonical", "the entry's address: absolute with the site's `base-url`, else from the host's root (`/rounds/istanbul-talks/`), for `<link rel=\"canonical\">`") { $0.canonical },
    ]))
}

/// A term's page.
final class SubjectPage: PageRoot {
    static let kind = "subject"
    let common: CommonValues
    let subject: TermValues

    init(common: CommonValues, subject: TermValues) {
        self.common = common
        self.subject = subject
    }

    static let templateType = TemplateType("subject page", of: SubjectPage.self, commonFields([
        .object("subject", "the term, with the entries naming it") { $0.subject },
    ]))
}

/// The subject index.
final class SubjectsPage: PageRoot {
    static let kind = "subjects"
    let common: CommonValues
    let subjects: SubjectsValues

    init(common: CommonValues, subjects: SubjectsValues) {
        self.common = common
        self.subjects = subjects
    }

    static let templateType = TemplateType("subject index page", of: SubjectsPage.self, commonFields([
        .object("subjects", "the index") { $0.subjects },
    ]))
}

/// `subjects`: every term, A to Z.
final class SubjectsValues: TemplateObject {
    let count: Int
    let letters: [LetterValues]
    let kinds: [KindValues]

    init(count: Int, letters: [LetterValues], kinds: [KindValues]) {
        self.count = count
        self.letters = letters
        self.kinds = kinds
    }

    static let templateType = TemplateType("index", of: SubjectsValues.self, [
        .number("count", "how many terms") { $0.count },
        .list("letters", "the letters that have terms, A to Z, then #") { $0.letters },
        .list("kinds", "each kind of term site.yaml declares, with its terms in index order") { $0.kinds },
    ])
}

/// One letter of the subject index.
final class LetterValues: TemplateObject {
    let letter: String
    let id: String
    let terms: [TermValues]

    init(letter: String, id: String, terms: [TermValues]) {
        self.letter = letter
        self.id = id
        self.terms = terms
    }

    static let templateType = TemplateType("letter", of: LetterValues.self, [
        .text("letter", "A to Z, or #") { $0.letter },
        .text("id", "its anchor") { $0.id },
        .list("terms", "its terms, in index order") { $0.terms },
    ])
}

/// A kind of subject and some of its terms: all of them in the index, those an entry names on its page.
final class KindValues: TemplateObject {
    let kind: SubjectKind
    let terms: [TermValues]

    init(kind: SubjectKind, terms: [TermValues]) {
        self.kind = kind
        self.terms = terms
    }

    static let templateType = TemplateType("kind", of: KindValues.self, [
        .text("name", "its name as declared in site.yaml, the front-matter field (`people`)") { $0.kind.name },
        .text("title", "what the kind is called (`People`)") { $0.kind.title },
        .text("singular", "what one term is called (`person`)") { $0.kind.singular },
        .number("count", "how many terms") { $0.terms.count },
        .list("terms", "the terms") { $0.terms },
    ])
}

// MARK: - Timeline

/// A timeline page: every dated entry, or one section's.
final class TimelinePage: PageRoot {
    static let kind = "timeline"
    let common: CommonValues
    let timeline: TimelineValues

    init(common: CommonValues, timeline: TimelineValues) {
        self.common = common
        self.timeline = timeline
    }

    static let templateType = TemplateType("timeline page", of: TimelinePage.self, commonFields([
        .object("timeline", "the timeline") { $0.timeline },
    ]))
}

/// `timeline`: the entries by year and month, and the other views.
final class TimelineValues: TemplateObject {
    let count: Int
    let years: [YearValues]
    let views: [ViewValues]
    let section: SectionValues?

    init(count: Int, years: [YearValues], views: [ViewValues], section: SectionValues?) {
        self.count = count
        self.years = years
        self.views = views
        self.section = section
    }

    static let templateType = TemplateType("timeline", of: TimelineValues.self, [
        .number("count", "how many entries it shows") { $0.count },
        .list("years", "its years, earliest first") { $0.years },
        .list("views", "the whole timeline and each section's, the current one `active`") { $0.views },
        .object("section", "the section this view shows, if it is one section's") { $0.section },
        .text("json", "the data for TimelineJS") { _ in Routes.timelineData },
    ])
}

/// One year of the timeline (no year: dates with an open start).
final class YearValues: TemplateObject {
    let year: Int?
    let months: [MonthValues]

    init(year: Int?, months: [MonthValues]) {
        self.year = year
        self.months = months
    }

    var id: String { year.map { "y\($0)" } ?? "y-open" }

    static let templateType = TemplateType("year", of: YearValues.self, [
        .text("year", "the year") { $0.year.map(String.init) },
        .text("id", "its anchor") { $0.id },
        .list("months", "its months; a date known only to the year has none") { $0.months },
    ])
}

/// One month of a year on the timeline (no month: dates known only to the year).
final class MonthValues: TemplateObject {
    let month: Int?
    let id: String
    let items: [TimelineItem]
    let name: String?

    init(month: Int?, id: String, items: [TimelineItem], words: LocalWords = .english) {
        self.month = month
        self.id = id
        self.items = items
        name = month.map { words.standaloneMonths[$0 - 1] }.map { $0.prefix(1).uppercased() + $0.dropFirst() }
    }

    static let templateType = TemplateType("month", of: MonthValues.self, [
        .text("name", "the month's name in the page's language, as a heading writes it (`March`, `Березень`)") { $0.name },
        .text("id", "its anchor") { $0.id },
        .list("items", "its entries, in order") { $0.items },
    ])
}

/// An entry on the timeline: its summary and its place on the year's axis.
final class TimelineItem: TemplateObject {
    let summary: EntrySummary
    let axis: AxisValues

    init(summary: EntrySummary, axis: AxisValues) {
        self.summary = summary
        self.axis = axis
    }

    static let templateType = TemplateType("timeline item", of: TimelineItem.self, EntrySummary.fields { $0.summary } + [
        .object("axis", "where its date lies in its year") { $0.axis },
    ])
}

/// Where a date lies within its year, as CSS percentages, and how sure it is.
final class AxisValues: TemplateObject {
    let left: String
    let width: String
    let point: Bool
    let vague: Bool
    let open: Bool
    let continues: Bool
    let imprecise: Bool

    init(left: String, width: String, point: Bool = false, vague: Bool = false, open: Bool = false, continues: Bool = false,
         imprecise: Bool = false) {
        self.left = left
        self.width = width
        self.point = point
        self.vague = vague
        self.open = open
        self.continues = continues
        self.imprecise = imprecise
    }

    static let templateType = TemplateType("axis", of: AxisValues.self, [
        .text("left", "where it starts, as a percentage of the year") { $0.left },
        .text("width", "how long it lasts, likewise") { $0.width },
        .flag("point", "whether it is a single day") { $0.point },
        .flag("vague", "whether it is approximate or uncertain") { $0.vague },
        .flag("open", "whether an end is open") { $0.open },
        .flag("continues", "whether it runs on into the next year") { $0.continues },
        .flag("imprecise", "whether it is one day of a month or year that is not known, rather than a span of time") { $0.imprecise },
    ])
}

/// One of the timeline's views.
final class ViewValues: TemplateObject {
    let title: String
    let url: String
    let active: Bool

    init(title: String, url: String, active: Bool) {
        self.title = title
        self.url = url
        self.active = active
    }

    static let templateType = TemplateType("view", of: ViewValues.self, [
        .text("title", "All, or the section's title") { $0.title },
        .text("url", "its page") { $0.url },
        .flag("active", "whether it is this page") { $0.active },
    ])
}

// MARK: - Bibliography

/// The bibliography page.
final class BibliographyPageValues: PageRoot {
    static let kind = "bibliography"
    let common: CommonValues
    let bibliography: BibliographyValues

    init(common: CommonValues, bibliography: BibliographyValues) {
        self.common = common
        self.bibliography = bibliography
    }

    static let templateType = TemplateType("bibliography page", of: BibliographyPageValues.self, commonFields([
        .object("bibliography", "the bibliography") { $0.bibliography },
    ]))
}

/// `bibliography`: every source, the cited ones with the entries citing them.
final class BibliographyValues: TemplateObject {
    let sourceCount: Int
    let citationCount: Int
    let cited: [SourceValues]
    let furtherReading: [SourceValues]

    init(sourceCount: Int, citationCount: Int, cited: [SourceValues], furtherReading: [SourceValues]) {
        self.sourceCount = sourceCount
        self.citationCount = citationCount
        self.cited = cited
        self.furtherReading = furtherReading
    }

    static let templateType = TemplateType("bibliography", of: BibliographyValues.self, [
        .number("sourceCount", "how many sources") { $0.sourceCount },
        .number("citedCount", "how many of them are cited") { $0.cited.count },
        .number("citationCount", "how many citations in all") { $0.citationCount },
        .list("cited", "the cited sources, by author, title and date") { $0.cited },
        .list("furtherReading", "the sources no entry cites") { $0.furtherReading },
        .text("json", "the CSL-JSON export") { _ in Routes.bibliographyJSON },
        .text("bibtex", "the BibTeX export") { _ in Routes.bibliographyBibTeX },
    ])
}

/// One source on the bibliography page.
final class SourceValues: TemplateObject {
    let id: String
    let url: String
    let html: String
    let citedIn: [CitingValues]
    let coins: String

    init(id: String, url: String, html: String, citedIn: [CitingValues], coins: String = "") {
        self.id = id
        self.url = url
        self.html = html
        self.citedIn = citedIn
        self.coins = coins
    }

    static let templateType = TemplateType("source", of: SourceValues.self, [
        .text("id", "its key, and its anchor") { $0.id },
        .text("url", "its place on the bibliography's pages") { $0.url },
        .text("html", "the source in the house style: print it with `{{{html}}}`") { $0.html },
        .list("citedIn", "the entries citing it, each with its note there") { $0.citedIn },
        .text("coins", "the source as an OpenURL ContextObject, for `<span class=\"Z3988\" title=\"{{coins}}\">` (COinS), which reference managers import") { $0.coins },
    ])
}

/// An entry citing a source, with the number of the source's note there.
final class CitingValues: TemplateObject {
    let summary: EntrySummary
    let note: Int

    init(summary: EntrySummary, note: Int) {
        self.summary = summary
        self.note = note
    }

    static let templateType = TemplateType("citation", of: CitingValues.self, EntrySummary.fields { $0.summary } + [
        .number("note", "the note's number in that entry") { $0.note },
        .text("noteURL", "the note on the entry's page") { $0.summary.url + "#" + CitationRenderer.noteID($0.note) },
    ])
}
