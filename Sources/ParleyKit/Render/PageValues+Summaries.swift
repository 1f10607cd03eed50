import ParleyTemplates

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
    static func fields<Owner: TemplateObject>(
        _ summary: @escaping @Sendable (Owner) -> EntrySummary
    ) -> [Field.Spec<Owner>] {
        [
            .text("slug", "its file name without .md") { summary($0).entry.slug },
            .text("title", "its title") { summary($0).entry.title },
            .text("url", "its page") { summary($0).url },
            .object("date", "its date, if it has one") { summary($0).date },
            .text("summary", "its one-sentence summary") { summary($0).entry.summary },
            .object("section", "its section") { summary($0).section },
            Field.Spec(
                bound: DeclaredValues.binding, "fields",
                "the fields the site declares (site.yaml's `fields`), by name: `{{fields.location}}`"
            ) { summary($0).fields },
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

    static let templateType = TemplateType(
        "date", of: DateValues.self,
        [
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

    static let templateType = TemplateType(
        "term", of: TermValues.self,
        [
            .text("name", "its name as first written") { $0.term.name },
            .text(
                "indexName",
                "how the index lists it: its `sort` key if given, else for a kind sorted by surname surname first (\"Putin, Vladimir\"), else as written"
            ) { $0.term.indexName },
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
