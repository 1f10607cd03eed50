import Testing
@testable import ParleyKit

@Suite struct TransliterationTests {
    @Test(arguments: [
        ("Зеленський", "Zelenskyi"),
        ("Володимир Зеленський", "Volodymyr Zelenskyi"),
        ("Київ", "Kyiv"),
        ("Прип'ять", "Prypiat"),
        ("Путін", "Putin"),
        ("Гомель", "Homel"),
        ("Харків", "Kharkiv"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Чорнобиль", "Chornobyl"),
        ("Донецьк", "Donetsk"),
        ("Луганськ", "Luhansk"),
        ("Біла Церква", "Bila Tserkva"),
        ("Щастя", "Shchastia"),
        ("Олексій Резніков", "Oleksii Reznikov"),
        ("Маріуполь", "Mariupol"),
        ("Ізюм", "Izium"),
        ("Яготин", "Yahotyn"),
        ("Юрій", "Yurii"),
        ("Йосипівка", "Yosypivka"),
        ("Євген", "Yevhen"),
        ("Єнакієве", "Yenakiieve"),
        ("Їжакевич", "Yizhakevych"),
        ("Ґорґани", "Gorgany"),
        ("Згурівка", "Zghurivka"),
    ])
    func ukrainianByTheNationalSystem(cyrillic: String, latin: String) {
        #expect(Transliteration.latin(cyrillic) == latin)
    }

    @Test func everyApostropheBetweenLettersIsDropped() {
        #expect(Transliteration.latin("Мар'їнка") == "Marinka")
        #expect(Transliteration.latin("Мар\u{2019}їнка") == "Marinka")
        #expect(Transliteration.latin("об\u{02BC}єднання") == "obiednannia")
        // Not between two Cyrillic letters: a quotation mark, kept.
        #expect(Transliteration.latin("'Київ'") == "'Kyiv'")
    }

    @Test(arguments: [
        ("Горбачёв", "Gorbachev"),
        ("Крым", "Krym"),
        ("Эрдоган", "Erdogan"),
        ("Рыльск", "Rylsk"),
        ("Съезд народных депутатов", "Syezd narodnykh deputatov"),
        ("Ёлкино", "Yelkino"),
    ])
    func russianWhenItHasRussianOnlyLetters(cyrillic: String, latin: String) {
        #expect(Transliteration.latin(cyrillic) == latin)
    }

    @Test func capitals() {
        #expect(Transliteration.latin("КИЇВ") == "KYIV")
        #expect(Transliteration.latin("ЧАЕС") == "CHAES")
        #expect(Transliteration.latin("Щ") == "Shch")
        #expect(Transliteration.latin("Жук і ЖУК") == "Zhuk i ZHUK")
        #expect(Transliteration.latin("київ") == "kyiv")
    }

    @Test func otherCharactersAreKept() {
        #expect(Transliteration.latin("Zürich") == "Zürich")
        #expect(Transliteration.latin("O'Brien") == "O'Brien")
        #expect(Transliteration.latin("Kyiv (Київ), 2022 — №1") == "Kyiv (Kyiv), 2022 — №1")
        // A stress mark stays on its letter.
        #expect(Transliteration.latin("Ки\u{301}їв") == "Ky\u{301}iv")
        #expect(Transliteration.latin("") == "")
    }

    @Test func decomposedLettersReadAsComposed() {
        #expect(Transliteration.latin("Киі\u{308}в") == "Kyiv")
        #expect(Transliteration.latin("Зеленськии\u{306}") == "Zelenskyi")
    }
}

/// The kinds the basic fixture declares, for tests that build an index directly.
extension SubjectKind {
    static let people = SubjectKind(name: "people", singular: "person", sort: .surname)
    static let places = SubjectKind(name: "places", singular: "place")
    static let topics = SubjectKind(name: "topics", singular: "topic")
    static let allCases = [people, places, topics]
}

extension SubjectIndex {
    static func build(_ uses: [TermUse]) -> (SubjectIndex, [Diagnostic]) { build(uses, kinds: SubjectKind.allCases) }
    func terms(of kind: SubjectKind) -> [SubjectTerm] { terms(of: kind.name) }
    func letters(of kind: SubjectKind) -> [LetterGroup] { letters(of: kind.name) }
}

@Suite struct SubjectIndexTests {
    static func use(
        _ name: String, _ kind: SubjectKind = .topics, original: String? = nil, sortAs: String? = nil,
        entry: String = "first-round", file: String = "Content/rounds/first-round.md", line: Int = 5, column: Int = 9
    ) -> TermUse {
        TermUse(
            kind: kind.name, name: name, original: original, sortAs: sortAs, entry: entry,
            location: Located(
                name, at: SourceLocation(file: file, line: line, column: column),
                sourceLine: "\(kind.name): [\(name)]"))
    }

    static func names(_ terms: [SubjectTerm]) -> [String] { terms.map(\.name) }

    @Test func ordersIgnoringCaseAndAccentsWithCyrillicByItsTransliteration() {
        let input = ["Ángela", "apple", "Zürich", "Зеленський", "Zaporizhzhia", "Kyiv", "Київ", "10 Downing Street"]
        let expected = ["Ángela", "apple", "Kyiv", "Київ", "Zaporizhzhia", "Зеленський", "Zürich", "10 Downing Street"]
        let (index, _) = SubjectIndex.build(input.map { Self.use($0, .places) })
        #expect(Self.names(index.terms) == expected)
        // The order does not depend on the order of the uses.
        let (reversed, _) = SubjectIndex.build(input.reversed().map { Self.use($0, .places) })
        #expect(Self.names(reversed.terms) == expected)
    }

    /// A site in Ukrainian files its index under the Ukrainian alphabet, from ICU and CLDR: Ґ after Г, Є after
    /// Е, І and Ї after И, each a letter of its own; names as written, not transliterated; Latin names and
    /// digits under `#`, last.
    @Test func aUkrainianSiteFilesItsIndexUnderTheUkrainianAlphabet() {
        let input = [
            "Яр", "Їжак", "Іра", "Ира", "Йорданія", "Єва", "Ель", "ґанок", "Ґава", "Гора", "Жук",
            "Зеленський", "Київ", "Абрамович", "«Азов»", "NATO", "2022 рік", "Щорс", "Юрій",
        ]
        let (index, diagnostics) = SubjectIndex.build(
            input.map { Self.use($0, .places) }, kinds: SubjectKind.allCases, language: "uk")
        #expect(diagnostics.isEmpty)
        #expect(
            Self.names(index.terms) == [
                "Абрамович", "«Азов»", "Гора", "Ґава", "ґанок", "Ель", "Єва", "Жук", "Зеленський",
                "Ира", "Іра", "Їжак", "Йорданія", "Київ", "Щорс", "Юрій", "Яр", "2022 рік", "NATO",
            ])
        #expect(
            index.letters.map(\.letter) == [
                "А", "Г", "Ґ", "Е", "Є", "Ж", "З", "И", "І", "Ї", "Й", "К", "Щ", "Ю", "Я", "#",
            ])
        // The order does not depend on the order of the uses; slugs are still Latin.
        #expect(
            Self.names(
                SubjectIndex.build(
                    input.reversed().map { Self.use($0, .places) }, kinds: SubjectKind.allCases,
                    language: "uk-UA"
                ).0.terms) == Self.names(index.terms))
        #expect(index.terms.first { $0.name == "Київ" }?.slug == "kyiv")
        // English, and any language indexed A–Z, keeps the engine's Latin order.
        #expect(IndexAlphabet.of(language: "en") == nil && IndexAlphabet.of(language: "fr") == nil)
        #expect(IndexAlphabet.of(language: "uk")?.letters.joined() == "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ")
    }

    @Test func tiesAreBrokenByTheExactNameThenTheKind() {
        let (index, _) = SubjectIndex.build([
            Self.use("apple", .topics), Self.use("Apple", .topics),
            Self.use("Kyiv", .topics), Self.use("Kyiv", .places), Self.use("Kyiv", .people),
        ])
        #expect(Self.names(index.terms) == ["Apple", "apple", "Kyiv", "Kyiv", "Kyiv"])
        #expect(index.terms.filter { $0.name == "Kyiv" }.map(\.kind) == [.people, .places, .topics])
    }

    @Test func peopleAreFiledBySurnameAndEverythingElseAsWritten() {
        let names = ["Volodymyr Zelensky", "Vladimir Putin", "Antony Blinken", "Recep Tayyip Erdoğan", "Bennett"]
        let (index, _) = SubjectIndex.build(names.map { Self.use($0, .people) } + [Self.use("Gomel region", .places)])
        #expect(
            Self.names(index.terms) == [
                "Bennett", "Antony Blinken", "Recep Tayyip Erdoğan", "Gomel region", "Vladimir Putin",
                "Volodymyr Zelensky",
            ])
        #expect(
            index.terms.map(\.indexName) == [
                "Bennett", "Blinken, Antony", "Erdoğan, Recep Tayyip", "Gomel region", "Putin, Vladimir",
                "Zelensky, Volodymyr",
            ])
        #expect(index.terms.map(\.letter) == ["B", "B", "E", "G", "P", "Z"])
        // Page addresses stay those of the name as written.
        #expect(index.terms.first { $0.name == "Vladimir Putin" }?.slug == "vladimir-putin")
    }

    @Test func aTermsOwnSortKeyWinsAndTheKindsOrderIsTheSites() {
        let judges = SubjectKind(name: "judges", title: "Judges", singular: "judge", sort: .surname)
        let courts = SubjectKind(name: "courts", singular: "court")
        let uses = [
            Self.use("Ursula von der Leyen", judges, sortAs: "Leyen, Ursula von der"),
            Self.use("Ursula von der Leyen", judges, entry: "second"),
            Self.use("Ruth Bader Ginsburg", judges), Self.use("Ginsburg", courts),
            Self.use("Supreme Court", courts, sortAs: "Court, Supreme"),
        ]
        let (index, diagnostics) = SubjectIndex.build(uses, kinds: [judges, courts])
        #expect(diagnostics.isEmpty)
        #expect(
            index.terms.map(\.indexName) == [
                "Court, Supreme", "Ginsburg", "Ginsburg, Ruth Bader", "Leyen, Ursula von der",
            ])
        #expect(index.terms.map(\.letter) == ["C", "G", "G", "L"])
        // Same sort form: the names differ; the same name would tie by the order kinds are declared.
        let (tied, _) = SubjectIndex.build(
            [Self.use("Hague", courts), Self.use("Hague", judges)], kinds: [judges, courts])
        #expect(tied.terms.map(\.kind.name) == ["judges", "courts"])
        let (reversed, _) = SubjectIndex.build(
            [Self.use("Hague", courts), Self.use("Hague", judges)], kinds: [courts, judges])
        #expect(reversed.terms.map(\.kind.name) == ["courts", "judges"])
        // A kind the site does not declare is left out (the parse step reports the field).
        let (undeclared, _) = SubjectIndex.build([Self.use("Kyiv", .places)], kinds: [judges])
        #expect(undeclared.terms.isEmpty)
        // A second, different sort key is a warning at its use; the first is kept.
        let (_, conflict) = SubjectIndex.build(
            [
                Self.use("Ursula von der Leyen", judges, sortAs: "Leyen, Ursula von der"),
                Self.use(
                    "Ursula von der Leyen", judges, sortAs: "von der Leyen, Ursula", entry: "b", line: 7, column: 11),
            ], kinds: [judges])
        #expect(
            conflict.map(\.description) == [
                "Content/rounds/first-round.md:7:11: warning: 'Ursula von der Leyen' is given the sort key 'von der Leyen, Ursula' here but 'Leyen, Ursula von der' in Content/rounds/first-round.md:5:9"
            ])
    }

    @Test func groupsByFirstLetterWithEverythingElseUnderHashLast() {
        let input = [
            "10 Downing Street", "Ángela", "Zürich", "Зеленський", "apple", "Łódź", "\"Quoted\" topic", "日本", "Kyiv",
        ]
        let (index, _) = SubjectIndex.build(input.map { Self.use($0) })
        #expect(index.letters.map(\.letter) == ["A", "K", "L", "Q", "Z", "#"])
        #expect(
            index.letters.map { Self.names($0.terms) } == [
                ["Ángela", "apple"], ["Kyiv"], ["Łódź"], ["\"Quoted\" topic"], ["Зеленський", "Zürich"],
                ["10 Downing Street", "日本"],
            ])
        // `terms` reads like the letters one after another.
        #expect(index.terms == index.letters.flatMap(\.terms))
        #expect(index.terms.first { $0.name == "Зеленський" }?.letter == "Z")
    }

    @Test func termsAndLettersOfOneKind() {
        let (index, _) = SubjectIndex.build([
            Self.use("Vladimir Putin", .people), Self.use("Kyiv", .places), Self.use("Ceasefire", .topics),
            Self.use("Antony Blinken", .people),
        ])
        #expect(Self.names(index.terms(of: .people)) == ["Antony Blinken", "Vladimir Putin"])
        #expect(Self.names(index.terms(of: .places)) == ["Kyiv"])
        #expect(index.letters(of: .people).map(\.letter) == ["B", "P"])
        #expect(index.letters.map(\.letter) == ["B", "C", "K", "P"])
        #expect(SubjectKind.people.singular == "person")
        #expect(SubjectKind.places.title == "Places")
    }

    @Test func slugsAreASCIIAndUniqueWithinAKind() {
        let (index, _) = SubjectIndex.build([
            Self.use("Київ", .places), Self.use("Kyiv", .places), Self.use("Kyiv 2", .places),
            Self.use("KYIV", .places),
            Self.use("Kyiv", .topics),
            Self.use("Vladimir Putin", .people), Self.use("Володимир Зеленський", .people),
            Self.use("Łódź", .places), Self.use("☮", .topics), Self.use("☯", .topics),
        ])
        func slug(_ name: String, _ kind: SubjectKind) -> String? {
            index.terms.first { $0.name == name && $0.kind == kind }?.slug
        }
        // In index order: KYIV, Kyiv, Київ (the same sort form; exact scalars break the tie), Kyiv 2.
        #expect(slug("KYIV", .places) == "kyiv")
        #expect(slug("Kyiv 2", .places) == "kyiv-2")  // its own slug, not taken by an earlier clash
        #expect(slug("Kyiv", .places) == "kyiv-3")
        #expect(slug("Київ", .places) == "kyiv-4")
        #expect(slug("Kyiv", .topics) == "kyiv")
        #expect(slug("Vladimir Putin", .people) == "vladimir-putin")
        #expect(slug("Володимир Зеленський", .people) == "volodymyr-zelenskyi")
        #expect(slug("Łódź", .places) == "lodz")
        #expect(slug("☮", .topics) == "topic")
        #expect(slug("☯", .topics) == "topic-2")
        for kind in SubjectKind.allCases {
            let slugs = index.terms(of: kind).map(\.slug)
            #expect(Set(slugs).count == slugs.count)
            #expect(slugs.allSatisfy(Slug.isValid))
        }
    }

    @Test func oneTermPerKindAndNameWithItsEntriesInOrderOnce() {
        let (index, diagnostics) = SubjectIndex.build([
            Self.use("Vladimir Putin", .people, entry: "first-round"),
            Self.use("Ceasefire", .topics, entry: "first-round"),
            Self.use("Vladimir Putin", .people, entry: "istanbul-communique"),
            Self.use("Vladimir Putin", .people, entry: "istanbul-communique"),
            Self.use("Vladimir Putin", .people, entry: "bucha"),
            Self.use("Vladimir Putin", .people, entry: "first-round"),
            Self.use("Vladimir Putin", .topics, entry: "bucha"),
        ])
        #expect(diagnostics.isEmpty)
        #expect(index.terms.count == 3)
        #expect(index.terms(of: .people).map(\.entries) == [["first-round", "istanbul-communique", "bucha"]])
        #expect(index.terms(of: .topics).map(\.entries) == [["first-round"], ["bucha"]])
    }

    @Test func spellingsThatDifferOnlyInCaseOrAccentsAreWarnedAtTheLaterUse() {
        let (index, diagnostics) = SubjectIndex.build([
            Self.use("Zelensky", .people, file: "Content/rounds/first-round.md", line: 7, column: 10),
            Self.use("Antalya", .places, file: "Content/rounds/first-round.md", line: 8, column: 10),
            Self.use("Zelensky", .people, file: "Content/events/bucha.md", line: 6, column: 10),
            Self.use("zelensky", .people, file: "Content/events/bucha.md", line: 6, column: 20),
            Self.use("zelensky", .people, file: "Content/events/kherson.md", line: 6, column: 9),
            Self.use("Antálya", .places, file: "Content/events/antalya.md", line: 9, column: 12),
            Self.use("antalya", .topics, file: "Content/events/antalya.md", line: 10, column: 9),
        ])
        #expect(
            diagnostics == [
                Diagnostic(
                    .warning, at: SourceLocation(file: "Content/events/bucha.md", line: 6, column: 20),
                    "'Zelensky' and 'zelensky' differ only in case or accents: use one spelling",
                    hint: "'Zelensky' is written at Content/rounds/first-round.md:7:10",
                    sourceLine: "people: [zelensky]"),
                Diagnostic(
                    .warning, at: SourceLocation(file: "Content/events/antalya.md", line: 9, column: 12),
                    "'Antalya' and 'Antálya' differ only in case or accents: use one spelling",
                    hint: "'Antalya' is written at Content/rounds/first-round.md:8:10",
                    sourceLine: "places: [Antálya]"),
            ])
        // Both spellings stay terms of their own.
        #expect(Self.names(index.terms(of: .people)) == ["Zelensky", "zelensky"])
        #expect(Self.names(index.terms(of: .places)) == ["Antalya", "Antálya"])
    }

    @Test func aConflictingOriginalIsWarnedAndTheFirstKept() {
        let (index, diagnostics) = SubjectIndex.build([
            Self.use("Putin", .people, entry: "a", file: "Content/events/a.md", line: 4, column: 10),
            Self.use("Putin", .people, original: "Путін", entry: "b", file: "Content/events/b.md", line: 5, column: 11),
            Self.use("Putin", .people, original: "Путін", entry: "c", file: "Content/events/c.md", line: 6, column: 12),
            Self.use("Putin", .people, entry: "d", file: "Content/events/d.md", line: 7, column: 13),
            Self.use("Putin", .people, original: "Путин", entry: "e", file: "Content/events/e.md", line: 8, column: 14),
        ])
        #expect(
            diagnostics == [
                Diagnostic(
                    .warning, at: SourceLocation(file: "Content/events/e.md", line: 8, column: 14),
                    "'Putin' is given the original 'Путин' here but 'Путін' in Content/events/b.md:5:11",
                    hint: "give one original spelling everywhere (the first, 'Путін', is kept), or leave it out here",
                    sourceLine: "people: [Putin]")
            ])
        #expect(index.terms.map(\.original) == ["Путін"])
        #expect(index.terms.map(\.entries) == [["a", "b", "c", "d", "e"]])
    }

    @Test func anEmptyIndex() {
        let (index, diagnostics) = SubjectIndex.build([])
        #expect(index.terms.isEmpty)
        #expect(index.letters.isEmpty)
        #expect(diagnostics.isEmpty)
    }
}
