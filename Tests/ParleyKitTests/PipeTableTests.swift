import Foundation
import Testing
@testable import ParleyKit

/// GitHub's pipe tables on top of cmark: byte for byte what `cmark-gfm --extension table` writes
/// (`Tests/Fixtures/gfm-tables.json`, written by `tools/gfm_tables_fixture.py`), with Parley's citations and
/// links to entries working inside cells, at their places in the file.
@Suite struct PipeTableTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var markdown: String
        var html: String
        var testDescription: String { name }
    }

    struct Fixture: Decodable { var cases: [Case] }

    static let cases: [Case] = {
        let url = Fixtures.root.appendingPathComponent("gfm-tables.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).cases
    }()

    static var tables: MarkdownOptions {
        var options = MarkdownOptions()
        options.tables = true
        return options
    }

    @Test func theFixtureHoldsTheSpecificationsExamples() {
        #expect(Self.cases.prefix(8).map(\.name) == (198...205).map { "GFM spec example \($0)" })
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func rendersAsCmarkGFMDoes(_ example: Case) {
        #expect(MarkdownHTML.fragment(example.markdown, options: Self.tables) == example.html)
        let bytes = MarkdownHTML.fragment(bytes: Array(example.markdown.utf8), options: Self.tables)
        #expect(String(decoding: bytes, as: UTF8.self) == example.html)
    }

    @Test func withoutTablesATableIsTheParagraphCmarkMakes() {
        let markdown = "| a | b |\n| --- | :-: |\n| 1 | 2 |\n"
        #expect(
            MarkdownHTML.fragment(markdown, options: MarkdownOptions())
                == "<p>| a | b |\n| --- | :-: |\n| 1 | 2 |</p>\n")
    }

    @Test func aSiteRendersTables() {
        let options = MarkdownOptions(site: SiteConfig(title: "T"))
        #expect(options.tables)
        let body = MarkdownHTML.body("| a |\n| -: |\n| 1 |\n", options: options)
        // A site writes valid HTML: the alignment as CSS, not cmark-gfm's obsolete `align` attribute.
        #expect(
            body.html
                == "<table>\n<thead>\n<tr>\n<th style=\"text-align: right\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style=\"text-align: right\">1</td>\n</tr>\n</tbody>\n</table>\n"
        )
    }

    // MARK: The syntax of a row

    @Test(arguments: [
        ("| --- | --- |", true), ("---|---", true), (":-:", true), ("|-", true), ("-|", true), (" | :--- | ", true),
        ("| - | |", false), ("| -- : |", false), ("|", false), ("| a |", false), ("\\| - |", false), ("- - -", false),
    ])
    func delimiterRows(line: String, isDelimiter: Bool) {
        let bytes = Array((line.drop { $0 == " " } + "\n").utf8)
        #expect(PipeTableSyntax.isDelimiterRow(bytes[...]) == isDelimiter)
    }

    @Test func cellsAreSplitAtUnescapedPipesAndTrimmed() throws {
        let line = Array("| a \\| b |  `c|d` | e\\\\|f |\n".utf8)
        let cells = try #require(PipeTableSyntax.row(line[...]))
        #expect(cells.map { String(decoding: $0.text, as: UTF8.self) } == ["a | b", "`c", "d`", "e\\|f"])
        // Each byte keeps its place in the line: `a` at 2, the unescaped `|` at 5 (its backslash at 4), `b` at 7.
        #expect(cells[0].offsets == [2, 3, 5, 6, 7])
        #expect(PipeTableSyntax.row(Array("|\n".utf8)[...]) == nil)
        #expect(PipeTableSyntax.row(Array("||\n".utf8)[...])?.count == 1)
    }

    @Test func alignments() throws {
        let cells = try #require(PipeTableSyntax.row(Array("| --- | :-- | :-: | --: |\n".utf8)[...]))
        #expect(cells.map(PipeTableSyntax.alignment) == [.none, .left, .center, .right])
    }

    // MARK: Parley's own syntax in cells

    static let entry = """
        Intro.

        | Round | Source |
        | --- | :-- |
        | [[alpha-talks]] | as said [@doe2022, p. 4] |
        | `x\\|y` \\| [[beta-talks\\|Beta]] | @agency/report says so |

        """

    @Test func citationsInCellsAreNumberedNotesAtTheirPlaces() {
        let body = MarkdownHTML.body(Self.entry, options: Self.tables, lineOffset: 3, file: "Content/x.md")
        #expect(body.citations.map(\.key) == ["doe2022", "agency/report"])
        // The `@` of each key, in the file's lines (the body starts on line 4).
        #expect(body.citations.map(\.location.description) == ["Content/x.md:8:30", "Content/x.md:9:36"])
        #expect(body.citations.first?.sourceLine == "| [[alpha-talks]] | as said [@doe2022, p. 4] |")
        #expect(
            body.html.contains(
                "<td align=\"left\">as said<sup class=\"reference\" id=\"cite-ref-1-0\"><a href=\"#cite-note-1\" aria-describedby=\"cite-note-1\">[1]</a></sup></td>"
            ))
    }

    @Test func wikiLinksInCellsAreLinksAtTheirPlaces() {
        let body = MarkdownHTML.body(Self.entry, options: Self.tables, lineOffset: 3, file: "Content/x.md")
        #expect(body.links.map(\.written) == ["[[alpha-talks]]", "[[beta-talks|Beta]]"])
        #expect(body.links.map(\.location.description) == ["Content/x.md:8:3", "Content/x.md:9:13"])
        #expect(
            body.html.contains(
                "<td><a href=\"\(EntryLink.urlPlaceholder(0))\">\(EntryLink.titlePlaceholder(0))</a></td>"))
        #expect(body.html.contains("<td><code>x|y</code> | <a href=\"\(EntryLink.urlPlaceholder(1))\">Beta</a></td>"))
    }

    @Test func positionsInContainersAroundAndAfterATable() {
        let markdown = """
            > - text before [@a]
            >   | h | h2 |
            >   |---|----|
            >   |  c\t| [[s]] [@b] |
            > lazy [@c]

            """
        let body = MarkdownHTML.body(markdown, options: Self.tables, file: "f.md")
        #expect(body.html.hasPrefix("<blockquote>\n<ul>\n<li>text before<sup"))
        #expect(body.html.contains("<td>c</td>"))
        #expect(
            body.html.hasSuffix(
                "</table>\n</li>\n</ul>\n<p>lazy<sup class=\"reference\" id=\"cite-ref-3-0\"><a href=\"#cite-note-3\" aria-describedby=\"cite-note-3\">[3]</a></sup></p>\n</blockquote>\n"
            ))
        #expect(body.citations.map(\.location.description) == ["f.md:1:18", "f.md:4:19", "f.md:5:9"])
        #expect(body.links.map(\.location.description) == ["f.md:4:12"])
    }

    @Test func plainMarkdownLinksInCellsKeepTheirPlaces() {
        let body = MarkdownHTML.body(
            "| a | b |\n|-|-|\n| x | [t](http://example.com) |\n", options: Self.tables, file: "f.md")
        #expect(body.markdownLinks.map(\.location.description) == ["f.md:3:7"])
    }

    @Test func headingsAfterATableGetAnchors() {
        let body = MarkdownHTML.body("| a |\n| - |\n\n## After\n", options: Self.tables)
        #expect(body.headings.map(\.id) == ["after"])
        #expect(body.headings.first?.line == 4)
    }

    @Test func theCommonMarkSpecificationsExamplesAreUntouchedButForTables() throws {
        struct Example: Decodable {
            var example: Int
            var markdown: String
        }
        let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("commonmark-spec-0.30.json"))
        var changed: [Int] = []
        for example in try JSONDecoder().decode([Example].self, from: data) {
            let html = MarkdownHTML.fragment(example.markdown, options: Self.tables)
            if html != MarkdownHTML.fragment(example.markdown, options: MarkdownOptions()) {
                changed.append(example.example)
            }
        }
        // The tables among them are compared with cmark-gfm's by CLITests.
        #expect(changed.isEmpty, "examples that changed: \(changed)")
    }

    @Test func documentsWithoutTablesAreUntouched() {
        // Lines that look like delimiter rows but make no table: a setext heading, a thematic break, a list.
        for markdown in [
            "a\n---\n", "---\n", "- | -\n", "a | b\n- | -\n", "a\n\n| - |\n", "> a\n| - |\n", "| a | b |\n| - |\n",
        ] {
            #expect(
                MarkdownHTML.fragment(markdown, options: Self.tables)
                    == MarkdownHTML.fragment(markdown, options: MarkdownOptions()), "\(markdown)")
        }
    }
}
