import Foundation
import Testing
@testable import ParleyKit

/// Loading `Content/bibliography.yaml` (CSL YAML) and `Content/bibliography.json` (CSL-JSON), and every
/// problem they can have, each at its exact place.
@Suite struct BibliographyParserTests {
    static let yamlPath = "Content/bibliography.yaml"
    static let jsonPath = "Content/bibliography.json"

    /// The repository's own `Content/bibliography.yaml`.
    static let realBibliography: SourceFile = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content/bibliography.yaml")
        return SourceFile(path: yamlPath, text: (try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }()

    func parse(yaml: String? = nil, json: String? = nil) -> (Bibliography, [Diagnostic]) {
        var files: [SourceFile] = []
        if let json { files.append(SourceFile(path: Self.jsonPath, text: json)) }
        if let yaml { files.append(SourceFile(path: Self.yamlPath, text: yaml)) }
        return BibliographyParser.parse(files)
    }

    /// `file:line:col: severity: message | hint`, for exact comparisons.
    func lines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.sorted().map { "\($0.location): \($0.severity.rawValue): \($0.message) | \($0.hint ?? "-")" }
    }

    func problems(yaml: String? = nil, json: String? = nil) -> [String] {
        lines(parse(yaml: yaml, json: json).1)
    }

    // MARK: Loading

    @Test func theRealBibliographyLoadsWithoutProblems() throws {
        #expect(!Self.realBibliography.text.isEmpty)
        let (bibliography, diagnostics) = BibliographyParser.parse([Self.realBibliography])
        #expect(lines(diagnostics) == [])
        #expect(bibliography.files == [Self.yamlPath])
        #expect(bibliography.references.map(\.id) == [
            "hopkins2022", "reevell2022", "dw2022", "roshchina2022", "charap2024", "meduza2022",
            "ceasefiretalks2022", "peacewiki",
        ])
        let hopkins = try #require(bibliography.reference("hopkins2022"))
        #expect(hopkins.type == "article-newspaper")
        #expect(hopkins.authors == [Name(family: "Hopkins", given: "Valerie")])
        #expect(hopkins.title == "Initial talks between Russia and Ukraine yield no resolution")
        #expect(hopkins.containerTitle == "The New York Times")
        #expect(hopkins.issn == "0362-4331")
        #expect(hopkins.issued == EntryDate(year: 2022, month: 2, day: 28))
        #expect(hopkins.note == "Archived 14 March 2022; retrieved 16 March 2022.")
        #expect(hopkins.translation(of: "note", into: "uk") == "Архівовано 14 березня 2022; процитовано 16 березня 2022.")
        #expect(hopkins.location.description == "Content/bibliography.yaml:10:9")
        #expect(hopkins.fields.map(\.name) == ["id", "type", "author", "title", "container-title", "ISSN", "issued", "note", "multi"])
        let dw = try #require(bibliography.reference("dw2022"))
        #expect(dw.agency == ["Reuters", "Agence France-Presse", "Deutsche Presse-Agentur"])
        #expect(dw.authors.isEmpty)
        let roshchina = try #require(bibliography.reference("roshchina2022"))
        #expect(roshchina.language == "uk")
        #expect(roshchina.translatedContainerTitle == "Ukrainska Pravda")
        #expect(roshchina.quote?.hasPrefix("Деталі: ") == true)
        #expect(bibliography.reference("ceasefiretalks2022")?.issued == EntryDate(year: 2022))
        #expect(bibliography.reference("nonesuch") == nil)
    }

    @Test func readsEveryFieldParleyShows() throws {
        let (bibliography, diagnostics) = parse(yaml: """
            references:
              - id: full
                type: article-newspaper
                author:
                  - family: Roshchina
                    given: Olena
                  - literal: Reuters
                editor: [{family: Smith, given: Jane}]
                title: Заголовок
                translated-title: Headline
                container-title: Українська правда
                translated-container-title: Ukrainska Pravda
                publisher: Pravda
                issued: {date-parts: [[2022, 2, 28]]}
                accessed: 2022-03-16
                URL: https://example.org/a?b=1&c=2
                ISSN: 0362-4331
                language: uk
                page: 4-7
                note: A note.
                archive-url: https://web.archive.org/web/2022/https://example.org/a
                archive-date: 2022-03-14
                quote: Цитата
                translated-quote: Quote
                agency: Reuters
            """)
        #expect(lines(diagnostics) == [])
        let reference = try #require(bibliography.reference("full"))
        #expect(reference == Reference(
            id: "full", type: "article-newspaper",
            authors: [Name(family: "Roshchina", given: "Olena"), Name(literal: "Reuters")],
            editors: [Name(family: "Smith", given: "Jane")],
            title: "Заголовок", containerTitle: "Українська правда", publisher: "Pravda",
            issued: EntryDate(year: 2022, month: 2, day: 28), accessed: EntryDate(year: 2022, month: 3, day: 16),
            url: "https://example.org/a?b=1&c=2", issn: "0362-4331", language: "uk", page: "4-7", note: "A note.",
            archiveURL: "https://web.archive.org/web/2022/https://example.org/a",
            archiveDate: EntryDate(year: 2022, month: 3, day: 14),
            translatedTitle: "Headline", translatedContainerTitle: "Ukrainska Pravda",
            quote: "Цитата", translatedQuote: "Quote", agency: ["Reuters"],
            fields: reference.fields, location: SourceLocation(file: Self.yamlPath, line: 2, column: 9)))
        #expect(reference.field("agency") == .string("Reuters"))
        #expect(reference.field("issued") == .object([CSLField("date-parts", .array([.array([.number("2022"), .number("2"), .number("28")])]))]))
        #expect(reference.field("accessed") == .object([CSLField("date-parts", .array([.array([.number("2022"), .number("3"), .number("16")])]))]))
        #expect(reference.field("author") == .array([
            .object([CSLField("family", .string("Roshchina")), CSLField("given", .string("Olena"))]),
            .object([CSLField("literal", .string("Reuters"))]),
        ]))
    }

    @Test func valuesAreKeptAsWrittenNotTypeGuessed() throws {
        let (bibliography, diagnostics) = parse(yaml: """
            references:
              - id: 2022
                title: 1984
                ISSN: 0362-4331
                volume: 12
                edition: 1.10
                issue: 007
                note: no
                categories: [war, true, 3]
                custom: {checked: false, rating: 4.5, empty: null}
                page: 4
            """)
        #expect(lines(diagnostics) == [])
        let reference = try #require(bibliography.reference("2022"))
        #expect(reference.title == "1984")
        #expect(reference.issn == "0362-4331")
        #expect(reference.note == "no")
        #expect(reference.page == "4")
        #expect(reference.fields == [
            CSLField("id", .number("2022")),
            CSLField("title", .string("1984")),
            CSLField("ISSN", .string("0362-4331")),
            CSLField("volume", .number("12")),
            CSLField("edition", .number("1.10")),
            CSLField("issue", .string("007")),
            CSLField("note", .string("no")),
            CSLField("categories", .array([.string("war"), .bool(true), .number("3")])),
            CSLField("custom", .object([CSLField("checked", .bool(false)), CSLField("rating", .number("4.5")), CSLField("empty", .null)])),
            CSLField("page", .number("4")),
        ])
    }

    @Test func emptyValuesAreAbsentAndAnEmptyFileHasNoSources() throws {
        let (bibliography, diagnostics) = parse(yaml: "references:\n  - id: a\n    title: A\n    note:\n    author: ~\n")
        #expect(lines(diagnostics) == [])
        #expect(bibliography.reference("a")?.fields == [CSLField("id", .string("a")), CSLField("title", .string("A"))])
        #expect(problems(yaml: "") == [])
        #expect(problems(yaml: "# nothing yet\n") == [])
        #expect(problems(yaml: "references:\n") == [])
    }

    @Test func readsCSLJSONWithTabsAtTheRightPositions() throws {
        let json = "[\n\t{\n\t\t\"id\": \"a\",\n\t\t\"title\": \"A / B \\u00e9 \\ud83d\\ude00\",\n\t\t\"issued\": {\"date-parts\": [[\"2022\", \"3\"]]},\n\t\t\"tittle\": \"x\"\n\t},\n\t{\"id\": \"b\", \"title\": \"B\", \"issued\": \"2022-02-30\"}\n]\n"
        let (bibliography, diagnostics) = parse(json: json)
        #expect(lines(diagnostics) == [
            "Content/bibliography.json:6:3: warning: unknown field 'tittle' in source 'a' | did you mean 'title'?",
            "Content/bibliography.json:8:38: error: '2022-02-30' is not a valid date (February 2022 has 28 days) | write 'issued' as YYYY-MM-DD (2022-02-28), YYYY-MM (2022-03) or YYYY (2022), or as {\"date-parts\": [[2022, 2, 28]]}",
        ])
        let a = try #require(bibliography.reference("a"))
        #expect(a.location.description == "Content/bibliography.json:3:9")
        #expect(a.title == "A / B é 😀")
        #expect(a.issued == EntryDate(year: 2022, month: 3))
        #expect(bibliography.reference("b")?.location.description == "Content/bibliography.json:8:9")
        #expect(bibliography.files == [Self.jsonPath])
    }

    @Test func mergesYAMLThenJSON() {
        let (bibliography, diagnostics) = parse(
            yaml: "references:\n  - id: y\n    title: Y\n",
            json: "[{\"id\": \"j\", \"title\": \"J\"}]")
        #expect(diagnostics.isEmpty)
        #expect(bibliography.files == [Self.yamlPath, Self.jsonPath])
        #expect(bibliography.references.map(\.id) == ["y", "j"])
        #expect(bibliography.reference("j")?.title == "J")
    }

    // MARK: Errors

    @Test func duplicateIDsInOneFileAndAcrossFiles() {
        let (bibliography, diagnostics) = parse(
            yaml: "references:\n  - id: a\n    title: A\n  - id: a\n    title: A again\n",
            json: "[\n  {\"id\": \"a\", \"title\": \"A in JSON\"}\n]\n")
        #expect(lines(diagnostics) == [
            "Content/bibliography.json:2:10: error: duplicate id 'a' | the first source with this id is at Content/bibliography.yaml:2:9; give each source its own id",
            "Content/bibliography.yaml:4:9: error: duplicate id 'a' | the first source with this id is at Content/bibliography.yaml:2:9; give each source its own id",
        ])
        #expect(bibliography.references.map(\.title) == ["A"])
        #expect(diagnostics.first?.sourceLine != nil)
    }

    @Test func missingEmptyAndSpacedIDs() {
        #expect(problems(yaml: "references:\n  - title: No id\n  - id: ''\n    title: B\n  - id: hopkins 2022\n    title: C\n  - id:\n    title: D\n") == [
            "Content/bibliography.yaml:2:5: error: the source 'No id' has no id | give it a short unique name to cite it by: id: hopkins2022",
            "Content/bibliography.yaml:3:9: error: the id is empty | give the source a short unique name to cite it by: id: hopkins2022",
            "Content/bibliography.yaml:5:9: error: the id 'hopkins 2022' contains a space | an id is one word, written in citations as [@id]: write 'hopkins2022'",
            "Content/bibliography.yaml:7:5: error: the id is empty | give the source a short unique name to cite it by: id: hopkins2022",
        ])
        #expect(problems(json: "[{\"type\": \"book\"}]") == [
            "Content/bibliography.json:1:2: error: a source has no id | give it a short unique name to cite it by: \"id\": \"hopkins2022\"",
            "Content/bibliography.json:1:2: error: this source has no title | add its title: \"title\": \"…\"",
        ])
    }

    @Test func missingTitle() {
        #expect(problems(yaml: "references:\n  - id: a\n    type: book\n  - id: b\n    title: ''\n") == [
            "Content/bibliography.yaml:2:9: error: source 'a' has no title | add its title: title: …",
            "Content/bibliography.yaml:4:9: error: source 'b' has an empty title | add its title: title: …",
        ])
    }

    @Test func malformedAndImpossibleDates() {
        let hint = "write 'issued' as YYYY-MM-DD (2022-02-28), YYYY-MM (2022-03) or YYYY (2022), or as {date-parts: [[2022, 2, 28]]}"
        #expect(problems(yaml: """
            references:
              - id: a
                title: A
                issued: 2022-2-28
              - id: b
                title: B
                issued: "2022-02-30"
              - id: c
                title: C
                issued: {date-parts: [[2022, 13]]}
              - id: d
                title: D
                issued:
                  date-parts:
                    - [2023, 2, 29]
              - id: e
                title: E
                issued: {date-parts: [[2022, Feb]]}
              - id: f
                title: F
                issued: [2022]
              - id: g
                title: G
                issued: {date-parts: [[2022], [2023]]}
              - id: h
                title: H
                issued: 2022-00
            """) == [
            "Content/bibliography.yaml:4:13: error: '2022-2-28' is not a valid date | \(hint)",
            "Content/bibliography.yaml:7:13: error: '2022-02-30' is not a valid date (February 2022 has 28 days) | \(hint)",
            "Content/bibliography.yaml:10:34: error: '[[2022, 13]]' is not a valid date (there is no month 13) | \(hint)",
            "Content/bibliography.yaml:15:21: error: '[[2023, 2, 29]]' is not a valid date (February 2023 has 28 days) | \(hint)",
            "Content/bibliography.yaml:18:34: error: '[[2022, Feb]]' is not a valid date | \(hint)",
            "Content/bibliography.yaml:21:13: error: 'issued' must be a date, not a list | \(hint)",
            "Content/bibliography.yaml:24:35: error: '[[2022], [2023]]' is a date range, which Parley does not support | give one date (the first), and describe the range in 'note'",
            "Content/bibliography.yaml:27:13: error: '2022-00' is not a valid date (there is no month 0) | \(hint)",
        ])
    }

    @Test func archiveURLNeedsAnArchiveDateAndAccessedNeedsAURL() {
        #expect(problems(yaml: """
            references:
              - id: a
                title: A
                archive-url: https://web.archive.org/x
                accessed: 2022-03-16
              - id: b
                title: B
                URL: https://example.org
                accessed: 2022-03-16
                archive-date: 2022-03-14
            """) == [
            "Content/bibliography.yaml:4:5: error: source 'a' has an 'archive-url' but no 'archive-date' | add the day the archived copy was made: archive-date: 2022-03-14",
        ])
        #expect(problems(json: "[\n  {\n    \"id\": \"a\",\n    \"title\": \"A\",\n    \"accessed\": \"2022-03-16\"\n  }\n]") == [
            "Content/bibliography.json:5:5: error: source 'a' has an 'accessed' date but no 'URL' | 'accessed' is the day the URL was read: add the \"URL\": \"…\" (or 'archive-url'), or say when it was retrieved in 'note'",
        ])
    }

    @Test func wrongTypes() {
        let names = "write a list of names: author: [{family: Smith, given: John}], or for an organisation: author: [{literal: Reuters}]"
        #expect(problems(yaml: """
            references:
              - id: a
                title: [A, B]
                author: Smith
              - id: b
                title: B
                author:
                  family: Smith
                editor:
                  - Jones
                  - given: Ann
                agency: {name: Reuters}
                volume: [1]
            """) == [
            "Content/bibliography.yaml:2:9: error: source 'a' has no title | add its title: title: …",
            "Content/bibliography.yaml:3:12: error: 'title' must be text, not a list | write it on one line: title: …",
            "Content/bibliography.yaml:4:13: error: 'author' must be a list of names, not 'Smith' | \(names)",
            "Content/bibliography.yaml:8:7: error: 'author' must be a list of names, not one set of fields | put '- ' before the name's first field to make it an item of a list",
            "Content/bibliography.yaml:10:9: error: each name in 'editor' must be a set of fields with 'family' and 'given', or 'literal', not 'Jones' | write a list of names: editor: [{family: Smith, given: John}], or for an organisation: editor: [{literal: Reuters}]",
            "Content/bibliography.yaml:11:9: error: a name in 'editor' of source 'b' has no 'family' or 'literal' | write a person as {family: Smith, given: John} and an organisation as {literal: Reuters}",
            "Content/bibliography.yaml:12:13: error: 'agency' must be text or a list of texts, not a set of fields | for example: agency: [Reuters, Agence France-Presse]",
            "Content/bibliography.yaml:13:13: error: 'volume' must be text or a number, not a list | write it on one line: volume: …",
        ])
        #expect(problems(json: "[{\"id\": \"a\", \"title\": \"A\", \"author\": \"Smith\"}]") == [
            "Content/bibliography.json:1:38: error: 'author' must be a list of names, not 'Smith' | write a list of names: \"author\": [{\"family\": \"Smith\", \"given\": \"John\"}], or for an organisation: \"author\": [{\"literal\": \"Reuters\"}]",
        ])
    }

    @Test func unknownFieldsTypesAndNamePartsAreWarnings() throws {
        let (bibliography, diagnostics) = parse(yaml: """
            references:
              - id: hopkins2022
                tittle: Typo
                title: Right
                type: article-newspapr
                author: [{famly: Hopkins, literal: Valerie Hopkins}]
                zzzz: 1
                DOI: 10.1000/182
            """)
        #expect(lines(diagnostics) == [
            "Content/bibliography.yaml:3:5: warning: unknown field 'tittle' in source 'hopkins2022' | did you mean 'title'?",
            "Content/bibliography.yaml:5:11: warning: unknown type 'article-newspapr' in source 'hopkins2022' | did you mean 'article-newspaper'?",
            "Content/bibliography.yaml:6:15: warning: unknown name part 'famly' in 'author' of source 'hopkins2022'; it is ignored | did you mean 'family'?",
            "Content/bibliography.yaml:7:5: warning: unknown field 'zzzz' in source 'hopkins2022' | Parley reads the CSL variables and its own extensions (agency, archive-date, archive-url, quote, translated-container-title, translated-quote, translated-title); this field is ignored",
        ])
        #expect(!diagnostics.hasErrors)
        let reference = try #require(bibliography.reference("hopkins2022"))
        #expect(reference.fields.map(\.name) == ["id", "title", "type", "author", "DOI"])
        #expect(reference.field("DOI") == .string("10.1000/182"))
    }

    @Test func theTopLevelMustBeWhatTheFormatExpects() {
        #expect(problems(yaml: "- id: a\n  title: A\n") == [
            "Content/bibliography.yaml:1:1: error: the file must have a 'references:' list, not start with a list | write 'references:' on the first line, then each source under it starting with '  - id: …'",
        ])
        #expect(problems(yaml: "refrences:\n  - id: a\n") == [
            "Content/bibliography.yaml:1:1: error: the file has no 'references:' list | write 'references:' on a line of its own, then each source under it starting with '  - id: …'",
            "Content/bibliography.yaml:1:1: warning: unknown field 'refrences' at the top of the file; it is ignored | did you mean 'references'?",
        ])
        #expect(problems(yaml: "references:\n  id: a\n") == [
            "Content/bibliography.yaml:2:3: error: 'references' must be a list of sources, not a set of fields | start each source with '- ', e.g. '  - id: hopkins2022'",
        ])
        #expect(problems(yaml: "references:\n  - just text\n") == [
            "Content/bibliography.yaml:2:5: error: each item of 'references' must be a source (a set of fields), not 'just text' | for example: - id: hopkins2022\n  title: …",
        ])
        #expect(problems(json: "{\"references\": []}") == [
            "Content/bibliography.json:1:1: error: a CSL-JSON file must be an array of sources, not an object | write the sources as [{\"id\": \"hopkins2022\", …}, …], as Zotero's 'CSL JSON' export does",
        ])
        #expect(problems(json: "") == [
            "Content/bibliography.json:1:1: error: the file is empty; a CSL-JSON file is an array of sources | write the sources as [{\"id\": \"hopkins2022\", …}, …], as Zotero's 'CSL JSON' export does",
        ])
    }

    @Test func syntaxErrorsAreLocated() {
        #expect(problems(yaml: "references:\n  - id: a\n    title: \"unclosed\n") == [
            // At the quote that is never closed, not where the reader gave up.
            "Content/bibliography.yaml:3:12: error: invalid YAML: this quote is never closed (at line 4 the YAML reader found unexpected end of stream) | close it on the same line, or put the whole value in quotes (a value that starts with '[', '{' or a quote must end with its match)",
        ])
        #expect(problems(yaml: "references:\n\t- id: a\n") == [
            "Content/bibliography.yaml:2:1: error: invalid YAML: found character that cannot start any token (while scanning for the next token that began at line 2) | indent with spaces: YAML does not allow tabs for indentation",
        ])
        #expect(problems(json: "[\n  {\n    \"id\": \"a\"\n    \"title\": \"A\"\n  }\n]\n") == [
            "Content/bibliography.json:4:5: error: invalid JSON: did not find expected ',' or '}' (while parsing a flow mapping that began at line 2) | check the commas, quotes and brackets: in an array or object, every item but the last is followed by ','",
        ])
    }

    @Test func aFieldWrittenTwiceIsFoundWhereItIsRepeated() {
        #expect(problems(yaml: "references:\n  - id: a\n    title: A\n    author:\n      - family: X\n    title: B\n") == [
            "Content/bibliography.yaml:6:5: error: 'title' is written twice in the same set of fields | keep one of them (the first is at line 3); for several values write a list",
        ])
        #expect(problems(json: "[{\"id\": \"a\", \"title\": \"A\", \"title\": \"B\"}]") == [
            "Content/bibliography.json:1:28: error: 'title' is written twice in the same object | keep one of them (the first is at line 1); for several values write a list",
        ])
    }

    @Test func reportsEveryProblemOfEveryFile() {
        let (bibliography, diagnostics) = parse(
            yaml: "references:\n  - id: a\n  - id: b\n    title: B\n    issued: 2022-13\n",
            json: "[{\"id\": \"c\"}, {\"id\": \"b\", \"title\": \"B\"}]")
        #expect(lines(diagnostics) == [
            "Content/bibliography.json:1:9: error: source 'c' has no title | add its title: \"title\": \"…\"",
            "Content/bibliography.json:1:22: error: duplicate id 'b' | the first source with this id is at Content/bibliography.yaml:3:9; give each source its own id",
            "Content/bibliography.yaml:2:9: error: source 'a' has no title | add its title: title: …",
            "Content/bibliography.yaml:5:13: error: '2022-13' is not a valid date (there is no month 13) | write 'issued' as YYYY-MM-DD (2022-02-28), YYYY-MM (2022-03) or YYYY (2022), or as {date-parts: [[2022, 2, 28]]}",
        ])
        // Sources with errors other than their id are still there, so citations of them do not fail too.
        #expect(bibliography.references.map(\.id) == ["a", "b", "c"])
    }

    @Test func diagnosticsShowTheSourceLine() throws {
        let (_, diagnostics) = parse(yaml: "references:\n  - id: a\n    title: A\n    issued: 2022-02-30\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(DiagnosticFormatter.format(diagnostic) == """
            Content/bibliography.yaml:4:13: error: '2022-02-30' is not a valid date (February 2022 has 28 days)
               4 |     issued: 2022-02-30
                 |             ^
              hint: write 'issued' as YYYY-MM-DD (2022-02-28), YYYY-MM (2022-03) or YYYY (2022), or as {date-parts: [[2022, 2, 28]]}
            """)
    }

    @Test func jsonTextIsMadeReadableWithoutMovingColumns() {
        #expect(BibliographyParser.jsonAsYAML("[\n\t{\"a\":\t\"\\t\tx\"}\n]") == "[\n {\"a\":\t\"\\t\tx\"}\n]")
        #expect(BibliographyParser.jsonAsYAML("[\"\\ud83d\\ude00\", \"\\\\ud83d\"]") == "[\"\\U0001F600\", \"\\\\ud83d\"]")
    }
}
