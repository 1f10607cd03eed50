import Foundation
import Testing
@testable import ParleyKit

extension BibliographyParserTests {
    @Test func duplicateIDsInOneFileAndAcrossFiles() {
        let (bibliography, diagnostics) = parse(
            yaml: "references:\n  - id: a\n    title: A\n  - id: a\n    title: A again\n",
            json: "[\n  {\"id\": \"a\", \"title\": \"A in JSON\"}\n]\n")
        #expect(
            lines(diagnostics) == [
                "Content/bibliography.json:2:10: error: duplicate id 'a' | the first source with this id is at Content/bibliography.yaml:2:9; give each source its own id",
                "Content/bibliography.yaml:4:9: error: duplicate id 'a' | the first source with this id is at Content/bibliography.yaml:2:9; give each source its own id",
            ])
        #expect(bibliography.references.map(\.title) == ["A"])
        #expect(diagnostics.first?.sourceLine != nil)
    }

    @Test func missingEmptyAndSpacedIDs() {
        #expect(
            problems(
                yaml:
                    "references:\n  - title: No id\n  - id: ''\n    title: B\n  - id: hopkins 2022\n    title: C\n  - id:\n    title: D\n"
            ) == [
                "Content/bibliography.yaml:2:5: error: the source 'No id' has no id | give it a short unique name to cite it by: id: hopkins2022",
                "Content/bibliography.yaml:3:9: error: the id is empty | give the source a short unique name to cite it by: id: hopkins2022",
                "Content/bibliography.yaml:5:9: error: the id 'hopkins 2022' contains a space | an id is one word, written in citations as [@id]: write 'hopkins2022'",
                "Content/bibliography.yaml:7:5: error: the id is empty | give the source a short unique name to cite it by: id: hopkins2022",
            ])
        #expect(
            problems(json: "[{\"type\": \"book\"}]") == [
                "Content/bibliography.json:1:2: error: a source has no id | give it a short unique name to cite it by: \"id\": \"hopkins2022\"",
                "Content/bibliography.json:1:2: error: this source has no title | add its title: \"title\": \"…\"",
            ])
    }

    @Test func missingTitle() {
        #expect(
            problems(yaml: "references:\n  - id: a\n    type: book\n  - id: b\n    title: ''\n") == [
                "Content/bibliography.yaml:2:9: error: source 'a' has no title | add its title: title: …",
                "Content/bibliography.yaml:4:9: error: source 'b' has an empty title | add its title: title: …",
            ])
    }

    @Test func malformedAndImpossibleDates() {
        let hint =
            "write 'issued' as YYYY-MM-DD (2022-02-28), YYYY-MM (2022-03) or YYYY (2022), or as {date-parts: [[2022, 2, 28]]}"
        #expect(
            problems(
                yaml: """
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
        #expect(
            problems(
                yaml: """
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
                    "Content/bibliography.yaml:4:5: error: source 'a' has an 'archive-url' but no 'archive-date' | add the day the archived copy was made: archive-date: 2022-03-14"
                ])
        #expect(
            problems(
                json: "[\n  {\n    \"id\": \"a\",\n    \"title\": \"A\",\n    \"accessed\": \"2022-03-16\"\n  }\n]")
                == [
                    "Content/bibliography.json:5:5: error: source 'a' has an 'accessed' date but no 'URL' | 'accessed' is the day the URL was read: add the \"URL\": \"…\" (or 'archive-url'), or say when it was retrieved in 'note'"
                ])
    }

    @Test func wrongTypes() {
        let names =
            "write a list of names: author: [{family: Smith, given: John}], or for an organisation: author: [{literal: Reuters}]"
        #expect(
            problems(
                yaml: """
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
        #expect(
            problems(json: "[{\"id\": \"a\", \"title\": \"A\", \"author\": \"Smith\"}]") == [
                "Content/bibliography.json:1:38: error: 'author' must be a list of names, not 'Smith' | write a list of names: \"author\": [{\"family\": \"Smith\", \"given\": \"John\"}], or for an organisation: \"author\": [{\"literal\": \"Reuters\"}]"
            ])
    }

    @Test func unknownFieldsTypesAndNamePartsAreWarnings() throws {
        let (bibliography, diagnostics) = parse(
            yaml: """
                references:
                  - id: hopkins2022
                    tittle: Typo
                    title: Right
                    type: article-newspapr
                    author: [{famly: Hopkins, literal: Valerie Hopkins}]
                    zzzz: 1
                    DOI: 10.1000/182
                """)
        #expect(
            lines(diagnostics) == [
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
        #expect(
            problems(yaml: "- id: a\n  title: A\n") == [
                "Content/bibliography.yaml:1:1: error: the file must have a 'references:' list, not start with a list | write 'references:' on the first line, then each source under it starting with '  - id: …'"
            ])
        #expect(
            problems(yaml: "refrences:\n  - id: a\n") == [
                "Content/bibliography.yaml:1:1: error: the file has no 'references:' list | write 'references:' on a line of its own, then each source under it starting with '  - id: …'",
                "Content/bibliography.yaml:1:1: warning: unknown field 'refrences' at the top of the file; it is ignored | did you mean 'references'?",
            ])
        #expect(
            problems(yaml: "references:\n  id: a\n") == [
                "Content/bibliography.yaml:2:3: error: 'references' must be a list of sources, not a set of fields | start each source with '- ', e.g. '  - id: hopkins2022'"
            ])
        #expect(
            problems(yaml: "references:\n  - just text\n") == [
                "Content/bibliography.yaml:2:5: error: each item of 'references' must be a source (a set of fields), not 'just text' | for example: - id: hopkins2022\n  title: …"
            ])
        #expect(
            problems(json: "{\"references\": []}") == [
                "Content/bibliography.json:1:1: error: a CSL-JSON file must be an array of sources, not an object | write the sources as [{\"id\": \"hopkins2022\", …}, …], as Zotero's 'CSL JSON' export does"
            ])
        #expect(
            problems(json: "") == [
                "Content/bibliography.json:1:1: error: the file is empty; a CSL-JSON file is an array of sources | write the sources as [{\"id\": \"hopkins2022\", …}, …], as Zotero's 'CSL JSON' export does"
            ])
    }

    @Test func syntaxErrorsAreLocated() {
        #expect(
            problems(yaml: "references:\n  - id: a\n    title: \"unclosed\n") == [
                // At the quote that is never closed, not where the reader gave up.
                "Content/bibliography.yaml:3:12: error: invalid YAML: this quote is never closed (at line 4 the YAML reader found unexpected end of stream) | close it on the same line, or put the whole value in quotes (a value that starts with '[', '{' or a quote must end with its match)"
            ])
        #expect(
            problems(yaml: "references:\n\t- id: a\n") == [
                "Content/bibliography.yaml:2:1: error: invalid YAML: found character that cannot start any token (while scanning for the next token that began at line 2) | indent with spaces: YAML does not allow tabs for indentation"
            ])
        #expect(
            problems(json: "[\n  {\n    \"id\": \"a\"\n    \"title\": \"A\"\n  }\n]\n") == [
                "Content/bibliography.json:4:5: error: invalid JSON: did not find expected ',' or '}' (while parsing a flow mapping that began at line 2) | check the commas, quotes and brackets: in an array or object, every item but the last is followed by ','"
            ])
    }

    @Test func aFieldWrittenTwiceIsFoundWhereItIsRepeated() {
        #expect(
            problems(yaml: "references:\n  - id: a\n    title: A\n    author:\n      - family: X\n    title: B\n") == [
                "Content/bibliography.yaml:6:5: error: 'title' is written twice in the same set of fields | keep one of them (the first is at line 3); for several values write a list"
            ])
        #expect(
            problems(json: "[{\"id\": \"a\", \"title\": \"A\", \"title\": \"B\"}]") == [
                "Content/bibliography.json:1:28: error: 'title' is written twice in the same object | keep one of them (the first is at line 1); for several values write a list"
            ])
    }

    @Test func reportsEveryProblemOfEveryFile() {
        let (bibliography, diagnostics) = parse(
            yaml: "references:\n  - id: a\n  - id: b\n    title: B\n    issued: 2022-13\n",
            json: "[{\"id\": \"c\"}, {\"id\": \"b\", \"title\": \"B\"}]")
        #expect(
            lines(diagnostics) == [
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
        #expect(
            DiagnosticFormatter.format(diagnostic) == """
                Content/bibliography.yaml:4:13: error: '2022-02-30' is not a valid date (February 2022 has 28 days)
                   4 |     issued: 2022-02-30
                     |             ^
                  hint: write 'issued' as YYYY-MM-DD (2022-02-28), YYYY-MM (2022-03) or YYYY (2022), or as {date-parts: [[2022, 2, 28]]}
                """)
    }

    @Test func jsonTextIsMadeReadableWithoutMovingColumns() {
        #expect(BibliographyParser.jsonAsYAML("[\n\t{\"a\":\t\"\\t\tx\"}\n]") == "[\n {\"a\":\t\"\\t\tx\"}\n]")
        #expect(
            BibliographyParser.jsonAsYAML("[\"\\ud83d\\ude00\", \"\\\\ud83d\"]") == "[\"\\U0001F600\", \"\\\\ud83d\"]")
    }
}
