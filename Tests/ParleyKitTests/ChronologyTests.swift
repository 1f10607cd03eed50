import Testing
@testable import ParleyKit

/// The order of events: dates first, `after` and `before` where a date is too imprecise to say.
@Suite struct ChronologyTests {
    static func entry(
        _ slug: String, _ date: String?, after: [String] = [], before: [String] = [], title: String? = nil
    ) -> Entry {
        let path = "Content/events/\(slug).md"
        func located(_ slugs: [String], line: Int) -> [Located<String>] {
            slugs.map { Located($0, at: SourceLocation(file: path, line: line, column: 9)) }
        }
        var parsed: EDTFDate?
        if let date, case .success(let value) = EDTFDate.parse(date) { parsed = value }
        return Entry(
            slug: slug, section: "events", path: path, title: title ?? slug, date: parsed, summary: nil, related: [],
            after: located(after, line: 3), before: located(before, line: 4), draft: false,
            body: EntryBody(html: "", headings: [], citations: []))
    }

    func order(_ entries: [Entry]) -> (slugs: [String], problems: [String]) {
        let (chronology, diagnostics) = Chronology.build(entries, allSlugs: Set(entries.map(\.slug)))
        return (entries.sorted(by: chronology.precedes).map(\.slug), diagnostics.map(\.description))
    }

    @Test func aMonthOrAYearWithoutRelationsComesAfterTheDaysItHolds() {
        let entries = [
            Self.entry("march", "2022-03"), Self.entry("third", "2022-03-07"), Self.entry("second", "2022-03-03"),
            Self.entry("year", "2022"), Self.entry("april", "2022-04-01"), Self.entry("next-year", "2023-01-01"),
            Self.entry("undated", nil), Self.entry("day-unknown", "2022-03-XX"),
        ]
        #expect(
            order(entries).slugs == [
                "second", "third", "day-unknown", "march", "april", "year", "next-year", "undated",
            ])
        #expect(order(entries).problems.isEmpty)
    }

    @Test func anIntervalThatLastedStartsAtItsStart() {
        let entries = [
            Self.entry("third", "2022-03-07"), Self.entry("week", "2022-03-01/2022-03-31"),
            Self.entry("month", "2022-03"),
        ]
        #expect(order(entries).slugs == ["week", "third", "month"])
    }

    @Test func afterPutsAnImpreciseDateJustAfterWhatItFollows() {
        let entries = [
            Self.entry("second", "2022-03-03"), Self.entry("visit", "2022-03-05"), Self.entry("third", "2022-03-07"),
            Self.entry("ceasefire", "2022-03", after: ["visit"], before: ["third"]),
            Self.entry("corridors", "2022-03", after: ["third"]), Self.entry("fourth", "2022-03-10"),
            Self.entry("communique", "2022-03", after: ["talks"]), Self.entry("talks", "2022-03"),
        ]
        #expect(
            order(entries).slugs == [
                "second", "visit", "ceasefire", "third", "corridors", "fourth", "talks", "communique",
            ])
        #expect(order(entries).problems.isEmpty)
    }

    @Test func beforePutsItJustBeforeWhatItPrecedes() {
        let entries = [
            Self.entry("second", "2022-03-03"), Self.entry("third", "2022-03-07"),
            Self.entry("plan", "2022-03", before: ["third"]),
        ]
        #expect(order(entries).slugs == ["second", "plan", "third"])
    }

    @Test func relationsOrderEntriesOfTheSameDay() {
        // By title "a-reply" would come first; the relation says it follows the statement.
        let entries = [
            Self.entry("statement", "2022-03-05"), Self.entry("a-reply", "2022-03-05", after: ["statement"]),
        ]
        #expect(order(entries).slugs == ["statement", "a-reply"])
        // A relation that the dates already imply changes nothing.
        let implied = [Self.entry("later", "2022-03-09", after: ["earlier"]), Self.entry("earlier", "2022-03-01")]
        #expect(order(implied).slugs == ["earlier", "later"])
        #expect(order(implied).problems.isEmpty)
    }

    @Test func theOrderDoesNotDependOnTheInputOrder() {
        let entries = [
            Self.entry("a", "2022-03"), Self.entry("b", "2022-03", after: ["d"]), Self.entry("c", "2022-03-02"),
            Self.entry("d", "2022-03-02", title: "c"), Self.entry("e", "2022"), Self.entry("f", nil),
        ]
        let expected = order(entries).slugs
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 { #expect(order(entries.shuffled(using: &generator)).slugs == expected) }
    }

    @Test func relationsThatCannotHoldAreErrorsAtTheirPlace() {
        #expect(
            order([Self.entry("a", "2022-03", after: ["bb"]), Self.entry("b", "2022-03-01")]).problems == [
                "Content/events/a.md:3:9: error: 'after' names 'bb', but no entry has that slug"
            ])
        #expect(
            order([Self.entry("a", "2022-03", after: ["b"]), Self.entry("b", nil)]).problems == [
                "Content/events/a.md:3:9: error: 'after' names 'b', which has no date, so nothing can be placed by it"
            ])
        #expect(
            order([Self.entry("a", "2022-03", after: ["b"]), Self.entry("b", "2022-03", after: ["a"])]).problems == [
                "Content/events/b.md:3:9: error: 'after' and 'before' go round in a circle (a → b → a), so these entries have no order"
            ])
        // A month cannot follow a day of the next month; a day cannot follow a later day.
        #expect(
            order([Self.entry("a", "2022-03", after: ["b"]), Self.entry("b", "2022-04-02")]).problems == [
                "Content/events/a.md:3:9: error: the entry is dated March 2022, so it cannot come after 'b', which is later"
            ])
        #expect(
            order([Self.entry("a", "2022-03-01", after: ["b"]), Self.entry("b", "2022-03-05")]).problems == [
                "Content/events/a.md:3:9: error: the entry is dated 1 March 2022, so it cannot come after 'b', which is later"
            ])
        #expect(
            order([Self.entry("a", "2022-03-09", before: ["b"]), Self.entry("b", "2022-03-05")]).problems == [
                "Content/events/a.md:4:9: error: the entry is dated 9 March 2022, so it cannot come before 'b', which is earlier"
            ])
        #expect(
            order([
                Self.entry("a", "2022-03", after: ["c"], before: ["b"]), Self.entry("b", "2022-03-07"),
                Self.entry("c", "2022-03-10"),
            ]).problems == [
                "Content/events/a.md:4:9: error: the entry comes after 'c' and before 'b', but 'b' comes first"
            ])
        #expect(
            order([Self.entry("a", "2022-03", after: ["a"])]).problems == [
                "Content/events/a.md:3:9: error: the entry is said to come after itself"
            ])
    }
}

/// One kind of quotation mark everywhere: titles, summaries and the titles in notes as curly as the bodies.
@Suite struct TypographyTests {
    @Test func quotesDashesAndEllipsesAsInBodies() {
        #expect(Typography.smart("Russia's demands") == "Russia\u{2019}s demands")
        #expect(
            Typography.smart("\"Key Provisions\" of the 'treaty'")
                == "\u{201C}Key Provisions\u{201D} of the \u{2018}treaty\u{2019}")
        #expect(
            Typography.smart("(\"quoted\") -- and --- more...")
                == "(\u{201C}quoted\u{201D}) \u{2013} and \u{2014} more\u{2026}")
        #expect(Typography.smart("plain") == "plain")
        // Without quotes, dashes and dots are changed only in runs: each case alone takes its own path.
        #expect(Typography.smart("A sentence. Another - with a dash.") == "A sentence. Another - with a dash.")
        #expect(Typography.smart("2022--2023") == "2022\u{2013}2023")
        #expect(Typography.smart("so---then") == "so\u{2014}then")
        #expect(Typography.smart("and so..") == "and so..")
        #expect(Typography.smart("and so...") == "and so\u{2026}")
        #expect(Typography.smart("-.-.-") == "-.-.-")
    }

    @Test func titlesAndSummariesFollowTheSitesSmartPunctuation() {
        let file = EntryFile(
            source: SourceFile(
                path: "Content/rounds/a.md", text: "---\ntitle: Russia's \"plan\"\nsummary: It's done.\n---\nBody.\n"),
            section: "rounds", slug: "a")
        let section = SectionConfig(name: "rounds")
        let (smart, _) = EntryParser.parse(file, section: section, options: MarkdownOptions(smart: true))
        #expect(smart?.title == "Russia\u{2019}s \u{201C}plan\u{201D}")
        #expect(smart?.summary == "It\u{2019}s done.")
        let (plain, _) = EntryParser.parse(file, section: section, options: MarkdownOptions(smart: false))
        #expect(plain?.title == "Russia's \"plan\"")
    }

    @Test func notesQuoteTitlesAsTheBodiesDo() {
        let reference = Reference(
            id: "a", type: "webpage", title: "Why 'full-scale' matters",
            location: SourceLocation(file: "Content/bibliography.yaml"))
        #expect(
            ReferenceFormatter.html(reference, siteLanguage: "en", smart: true).contains(
                "\u{201C}Why \u{2018}full-scale\u{2019} matters\u{201D}"))
        #expect(ReferenceFormatter.html(reference, siteLanguage: "en").contains("\"Why 'full-scale' matters\""))
    }
}
