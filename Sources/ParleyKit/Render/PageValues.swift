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
            .text(
                "root",
                "the way back to the root of this page's edition from this page (`../../`): write every URL after it"
            ) { $0.common.root },
            .text(
                "assets",
                "the way to the assets folder (`Templates/assets/` as published, shared by every edition) from this page: `{{assets}}style.css`"
            ) { $0.common.assets },
            .object("page", "this page's URL, title and kind") { $0.common.page },
            .list("nav", "the listed sections, as a menu shows them, the current one `active`") { $0.common.nav },
            Field.Spec(
                bound: StringValues.binding, "strings",
                "the labels of the page's language, from `Templates/strings/<language>.yaml`, and Parley's own words: `{{strings.date}}`"
            ) { $0.common.strings },
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

    init(
        title: String, description: String?, baseURL: String?, language: String, sections: [SectionValues],
        pages: [EntrySummary],
        bibliography: SiteLink?, timeline: SiteLink?, feed: SiteLink?, subjects: SiteLink?, search: SiteLink? = nil,
        image: String? = nil, author: String? = nil
    ) {
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

    static let templateType = TemplateType(
        "site", of: SiteValues.self,
        [
            .text("title", "the site's title") { $0.title },
            .text("description", "its description") { $0.description },
            .text("baseURL", "the URL it is published at") { $0.baseURL },
            .text("language", "its language, as in `lang`") { $0.language },
            .text("locale", "its language as Open Graph's `og:locale` writes it (`en_GB`)") {
                SiteValues.locale($0.language)
            },
            .text(
                "image",
                "the picture that stands for it where a page is shared (site.yaml's `image`), absolute with the `base-url`"
            ) { $0.image },
            .text("author", "who wrote it (site.yaml's `author`), for reference managers") { $0.author },
            .list("sections", "the listed sections") { $0.sections },
            .list("pages", "the unlisted sections' entries (About…)") { $0.pages },
            .object("bibliography", "the bibliography page, if the site has sources") { $0.bibliography },
            .object("timeline", "the timeline, if entries have dates") { $0.timeline },
            .object("feed", "the Atom feed, if the site has a base URL") { $0.feed },
            .object("subjects", "the subject index, if entries name subjects") { $0.subjects },
            .object("search", "the search page, if site.yaml has `search: true`") { $0.search },
            .flag("data", "whether there is data to download (the timeline's or the sources')") {
                $0.timeline != nil || $0.bibliography != nil
            },
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

    static let templateType = TemplateType(
        "link", of: SiteLink.self,
        [
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

    init(
        url: String, title: String, kind: String, pagination: PaginationValues? = nil, canonical: String? = nil,
        description: String? = nil,
        editions: [EditionLink] = [], untranslated: String? = nil
    ) {
        self.url = url
        self.title = title
        self.kind = kind
        self.pagination = pagination
        self.canonical = canonical
        self.description = description
        self.editions = editions
        self.untranslated = untranslated
    }

    static let kinds = [
        "home", "section", "entry", "timeline", "subjects", "subject", "bibliography", "notFound", "alias", "search",
    ]

    static let templateType = TemplateType(
        "page", of: PageInfo.self,
        [
            .text("url", "its URL") { $0.url },
            .text("title", "its title") { $0.title },
            .text("kind", "its kind: " + kinds.joined(separator: ", ")) { $0.kind },
            .object(
                "pagination",
                "where this page is in its list, when the list is split over pages (see Pagination in [[templates]])"
            ) { $0.pagination },
            .text(
                "canonical",
                "its address for `<link rel=\"canonical\">` and `og:url`: absolute with the site's `base-url`, else from the host's root (`/rounds/istanbul-talks/`); none on the 404 page, which is served at any address"
            ) { $0.canonical },
            .text(
                "description",
                "one sentence about it, for `<meta name=\"description\">` and `og:description`: an entry's summary, a section's description, else the site's"
            ) { $0.description },
            .list(
                "editions",
                "every edition of the site, the default first, for a language switcher: this page in it, or that edition's home page where it has no such page; empty for a site in one language"
            ) { $0.editions },
            .list(
                "alternates",
                "the editions that have this very page, this one included, for `<link rel=\"alternate\" hreflang>`"
            ) { $0.editions.filter(\.translated) },
            .text(
                "untranslated",
                "the default language's tag, when the page shows an entry in it in an edition that has no translation of it (`untranslated: show-original`): for a notice, and the entry's `lang`"
            ) { $0.untranslated },
        ]
            + kinds.map { kind in
                .flag(kind, "whether this is \("aeiou".contains(kind.first!) ? "an" : "a") \(kind) page") {
                    $0.kind == kind
                }
            })
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

    static let templateType = TemplateType(
        "edition", of: EditionLink.self,
        [
            .text("language", "its language, a BCP 47 tag (`uk`), for `hreflang` and `lang`") { $0.language },
            .text("name", "its language's name in that language (`Українська`), from the locale data") { $0.name },
            .text("url", "the page in it, relative to this page: write it as it is, without `{{root}}`") { $0.url },
            .text(
                "absolute",
                "the same, absolute with the site's `base-url` (from the host's root without one), for `hreflang` links"
            ) { $0.absolute },
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

    static let templateType = TemplateType(
        "menu item", of: NavItem.self,
        [
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

    init(
        _ section: ResolvedSection, part whole: SectionValues? = nil,
        summaries: @escaping @Sendable () -> [EntrySummary]
    ) {
        self.section = section
        self.summaries = summaries
        self.whole = whole
        keyMemo = whole == nil ? KeyMemo() : nil
    }

    static let templateType = TemplateType(
        "section", of: SectionValues.self,
        [
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
