import Foundation

/// The words Parley itself writes in one language: dates in words, the parts of a formatted source, in-text
/// citations' "and" and "et al.", and the titles of the pages it makes. Month names come from Foundation's
/// locale data (CLDR), in both the forms a language needs: after a day or a preposition ("28 лютого", "з
/// березня") and alone ("березень 2022"). The rest is a table: built in for English and Ukrainian, and
/// overridden or given for another language by the site's strings file (`Templates/strings/<code>.yaml`).
///
/// A `{}` in a word marks where the date, name or number goes.
struct LocalWords: Sendable, Hashable {
    /// The language, as a BCP 47 tag (`uk`).
    let language: String
    private let table: [String: String]
    /// January to December after a day or a preposition (the genitive in Ukrainian).
    let months: [String]
    /// January to December alone ("березень 2022").
    let standaloneMonths: [String]

    /// The engine's words, each with what it is for (the README's list, and the hint for a missing one).
    static let keys: [(key: String, about: String)] = [
        ("date-approximate", "an approximate date, 'c. {}'"),
        ("date-from", "an interval with no end, 'from {}'"),
        ("date-until", "an interval with no start, 'until {}'"),
        ("date-uncertain", "after an uncertain date, in parentheses: 'uncertain'"),
        ("date-start", "a note on an interval's start: 'start {}'"),
        ("date-end", "a note on an interval's end: 'end {}'"),
        ("date-and", "joins two notes: 'and'"),
        ("date-note-approximate", "one end is approximate: 'approximate'"),
        ("date-note-uncertain", "one end is uncertain: 'uncertain'"),
        ("date-day-unknown", "'day unknown'"), ("date-month-unknown", "'month unknown'"),
        ("date-month-day-unknown", "'month and day unknown'"),
        ("date-start-unknown", "'start unknown'"), ("date-end-unknown", "'end unknown'"),
        ("decade", "a decade alone: 'the {}s'"),
        ("decade-governed", "a decade after 'from', 'until' or 'c.': 'the {}s'"),
        ("spring", "the season"), ("summer", "the season"), ("autumn", "the season"), ("winter", "the season"),
        ("spring-governed", "the season after 'from', 'until' or 'c.'"), ("summer-governed", "likewise"),
        ("autumn-governed", "likewise"), ("winter-governed", "likewise"),
        ("source-language", "a source in another language: '(in {})'"),
        ("source-editor", "after one editor: '(ed.)'"), ("source-editors", "after several editors: '(eds.)'"),
        ("source-in", "editors of a work in a container: 'In {}'"),
        ("source-archived-link", "the link to an archived copy: 'Archived from the original'"),
        ("source-archived-date", "the archive date after that link: 'on {}'"),
        ("source-archived", "an archive date without a link: 'Archived on {}'"),
        ("source-retrieved", "the access date: 'Retrieved {}'"),
        ("source-page", "one page: 'p. {}'"), ("source-pages", "pages: 'pp. {}'"),
        ("authors-two", "an in-text citation of two authors: '{} and {}'"),
        ("authors-many", "of three or more: '{} et al.'"),
        ("title-bibliography", "the bibliography's title"), ("title-search", "the search page's title"),
        ("title-not-found", "the 404 page's title"), ("title-subjects", "the subject index's title"),
        ("title-timeline", "the timeline's title"), ("title-timeline-of", "a section's timeline: 'Timeline: {}'"),
        ("timeline-all", "the timeline of every section, among the views: 'All'"),
        ("title-page", "a later page of a list: '{}, page {}'"),
        ("source-quote", "a source's quote, in the language's quotation marks: '“{}”'"),
    ]

    /// The built-in tables.
    static let builtIn: [String: [String: String]] = [
        "en": [
            "date-approximate": "c. {}", "date-from": "from {}", "date-until": "until {}",
            "date-uncertain": "uncertain",
            "date-start": "start {}", "date-end": "end {}", "date-and": "and",
            "date-note-approximate": "approximate", "date-note-uncertain": "uncertain",
            "date-day-unknown": "day unknown", "date-month-unknown": "month unknown",
            "date-month-day-unknown": "month and day unknown",
            "date-start-unknown": "start unknown", "date-end-unknown": "end unknown",
            "decade": "the {}s", "decade-governed": "the {}s",
            "spring": "spring", "summer": "summer", "autumn": "autumn", "winter": "winter",
            "spring-governed": "spring", "summer-governed": "summer", "autumn-governed": "autumn",
            "winter-governed": "winter",
            "source-language": "(in {})", "source-editor": "(ed.)", "source-editors": "(eds.)", "source-in": "In {}",
            "source-archived-link": "Archived from the original", "source-archived-date": "on {}",
            "source-archived": "Archived on {}", "source-retrieved": "Retrieved {}",
            "source-page": "p. {}", "source-pages": "pp. {}",
            "authors-two": "{} and {}", "authors-many": "{} et al.",
            "title-bibliography": "Bibliography", "title-search": "Search", "title-not-found": "Page not found",
            "title-subjects": "Subject index", "title-timeline": "Timeline", "title-timeline-of": "Timeline: {}",
            "timeline-all": "All", "title-page": "{}, page {}", "source-quote": "“{}”",
        ],
        "uk": [
            "date-approximate": "бл. {}", "date-from": "з {}", "date-until": "до {}", "date-uncertain": "непевно",
            "date-start": "початок: {}", "date-end": "кінець: {}", "date-and": "і",
            "date-note-approximate": "приблизний", "date-note-uncertain": "непевний",
            "date-day-unknown": "день невідомий", "date-month-unknown": "місяць невідомий",
            "date-month-day-unknown": "місяць і день невідомі",
            "date-start-unknown": "початок невідомий", "date-end-unknown": "кінець невідомий",
            "decade": "{}-ті", "decade-governed": "{}-х",
            "spring": "весна", "summer": "літо", "autumn": "осінь", "winter": "зима",
            "spring-governed": "весни", "summer-governed": "літа", "autumn-governed": "осені",
            "winter-governed": "зими",
            "source-language": "(мова: {})", "source-editor": "(ред.)", "source-editors": "(ред.)",
            "source-in": "У: {}",
            "source-archived-link": "Архів оригіналу", "source-archived-date": "за {}",
            "source-archived": "Архівовано {}", "source-retrieved": "Процитовано {}",
            "source-page": "с. {}", "source-pages": "с. {}",
            "authors-two": "{} і {}", "authors-many": "{} та ін.",
            "title-bibliography": "Бібліографія", "title-search": "Пошук", "title-not-found": "Сторінку не знайдено",
            "title-subjects": "Предметний покажчик", "title-timeline": "Хронологія",
            "title-timeline-of": "Хронологія: {}",
            "timeline-all": "Усі", "title-page": "{}, сторінка {}", "source-quote": "«{}»",
        ],
    ]

    /// English, as Parley writes when a site says nothing else.
    static let english = LocalWords(language: "en", table: builtIn["en"]!)

    /// The words of `language`: the built-in table for its primary subtag, with `overrides` over it. Keys the
    /// result lacks are ``missing``.
    init(language: String, overrides: [String: String] = [:]) {
        self.init(
            language: language,
            table: (Self.builtIn[Self.primary(language)] ?? [:]).merging(overrides) { _, new in new })
    }

    private init(language: String, table: [String: String]) {
        self.language = language
        self.table = table
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = Locale(identifier: language)
        months = calendar.monthSymbols
        standaloneMonths = calendar.standaloneMonthSymbols
    }

    /// A tag's primary language, lowercased: `en-GB` → `en`.
    static func primary(_ tag: String) -> String {
        String(tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "").lowercased()
    }

    /// The engine's words this language has no word for.
    var missing: [String] { Self.keys.map(\.key).filter { table[$0] == nil } }

    /// The word for `key`, with each `{}` replaced by the next of `values`; the key itself when it is missing
    /// (a site whose strings lack it fails to build before any page is written).
    func callAsFunction(_ key: String, _ values: String...) -> String {
        guard let word = table[key] else { return key }
        guard !values.isEmpty else { return word }
        var out = ""
        var rest = values[...]
        var text = word[...]
        while let range = text.range(of: "{}") {
            out += text[..<range.lowerBound]
            out += rest.popFirst() ?? ""
            text = text[range.upperBound...]
        }
        return out + text
    }

    /// The opening and closing quotation marks of `source-quote`, around a source's title (curly ones).
    var quotes: (String, String) {
        let parts = self("source-quote").components(separatedBy: "{}")
        return parts.count == 2 ? (parts[0], parts[1]) : ("\u{201C}", "\u{201D}")
    }

    /// A language's name in that language, capitalised for a menu: `uk` → `Українська`.
    static func ownName(of language: String) -> String {
        let name = Locale(identifier: language).localizedString(forLanguageCode: language) ?? language
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// A language's name in this language, as its locale data writes it (`uk` → `Ukrainian`, `англійська`); nil
    /// for a code the data does not name.
    func name(ofLanguage code: String) -> String? {
        guard let name = Locale(identifier: language).localizedString(forLanguageCode: code),
            name.lowercased() != code.lowercased()
        else {
            return nil
        }
        return name
    }
}
