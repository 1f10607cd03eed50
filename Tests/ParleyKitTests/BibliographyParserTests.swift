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
        #expect(
            bibliography.references.map(\.id) == [
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
        #expect(
            hopkins.translation(of: "note", into: "uk") == "Архівовано 14 березня 2022; процитовано 16 березня 2022.")
        #expect(hopkins.location.description == "Content/bibliography.yaml:10:9")
        #expect(
            hopkins.fields.map(\.name) == [
                "id", "type", "author", "title", "container-title", "ISSN", "issued", "note", "multi",
            ])
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
        let (bibliography, diagnostics) = parse(
            yaml: """
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
        #expect(
            reference
                == Reference(
                    id: "full", type: "article-newspaper",
                    authors: [Name(family: "Roshchina", given: "Olena"), Name(literal: "Reuters")],
                    editors: [Name(family: "Smith", given: "Jane")],
                    title: "Заголовок", containerTitle: "Українська правда", publisher: "Pravda",
                    issued: EntryDate(year: 2022, month: 2, day: 28),
                    accessed: EntryDate(year: 2022, month: 3, day: 16),
                    url: "https://example.org/a?b=1&c=2", issn: "0362-4331", language: "uk", page: "4-7",
                    note: "A note.",
                    archiveURL: "https://web.archive.org/web/2022/https://example.org/a",
                    archiveDate: EntryDate(year: 2022, month: 3, day: 14),
                    translatedTitle: "Headline", translatedContainerTitle: "Ukrainska Pravda",
                    quote: "Цитата", translatedQuote: "Quote", agency: ["Reuters"],
                    fields: reference.fields, location: SourceLocation(file: Self.yamlPath, line: 2, column: 9)))
        #expect(reference.field("agency") == .string("Reuters"))
        #expect(
            reference.field("issued")
                == .object([CSLField("date-parts", .array([.array([.number("2022"), .number("2"), .number("28")])]))]))
        #expect(
            reference.field("accessed")
                == .object([CSLField("date-parts", .array([.array([.number("2022"), .number("3"), .number("16")])]))]))
        #expect(
            reference.field("author")
                == .array([
                    .object([CSLField("family", .string("Roshchina")), CSLField("given", .string("Olena"))]),
                    .object([CSLField("literal", .string("Reuters"))]),
                ]))
    }

    @Test func valuesAreKeptAsWrittenNotTypeGuessed() throws {
        let (bibliography, diagnostics) = parse(
            yaml: """
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
        #expect(
            reference.fields == [
                CSLField("id", .number("2022")),
                CSLField("title", .string("1984")),
                CSLField("ISSN", .string("0362-4331")),
                CSLField("volume", .number("12")),
                CSLField("edition", .number("1.10")),
                CSLField("issue", .string("007")),
                CSLField("note", .string("no")),
                CSLField("categories", .array([.string("war"), .bool(true), .number("3")])),
                CSLField(
                    "custom",
                    .object([
                        CSLField("checked", .bool(false)), CSLField("rating", .number("4.5")), CSLField("empty", .null),
                    ])),
                CSLField("page", .number("4")),
            ])
    }

    @Test func emptyValuesAreAbsentAndAnEmptyFileHasNoSources() throws {
        let (bibliography, diagnostics) = parse(
            yaml: "references:\n  - id: a\n    title: A\n    note:\n    author: ~\n")
        #expect(lines(diagnostics) == [])
        #expect(bibliography.reference("a")?.fields == [CSLField("id", .string("a")), CSLField("title", .string("A"))])
        #expect(problems(yaml: "") == [])
        #expect(problems(yaml: "# nothing yet\n") == [])
        #expect(problems(yaml: "references:\n") == [])
    }

    @Test func readsCSLJSONWithTabsAtTheRightPositions() throws {
        let json =
            "[\n\t{\n\t\t\"id\": \"a\",\n\t\t\"title\": \"A / B \\u00e9 \\ud83d\\ude00\",\n\t\t\"issued\": {\"date-parts\": [[\"2022\", \"3\"]]},\n\t\t\"tittle\": \"x\"\n\t},\n\t{\"id\": \"b\", \"title\": \"B\", \"issued\": \"2022-02-30\"}\n]\n"
        let (bibliography, diagnostics) = parse(json: json)
        #expect(
            lines(diagnostics) == [
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
}
