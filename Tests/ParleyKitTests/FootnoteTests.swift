import Foundation
import Testing
@testable import ParleyKit

/// Explanatory notes in Pandoc's syntax: `[^id]` with `[^id]: The note.`, and inline `^[The note.]`.
@Suite struct FootnoteTests {
    static func render(_ markdown: String, lineOffset: Int = 0) -> EntryBody {
        var options = MarkdownOptions()
        options.tables = true  // as in a site
        return MarkdownHTML.body(markdown, options: options, lineOffset: lineOffset, file: "Content/a.md")
    }

    static func marker(_ note: Int, _ use: Int) -> String {
        "<sup class=\"reference footnote\" id=\"fnref-\(note)-\(use)\"><a href=\"#fn-\(note)\" aria-describedby=\"fn-\(note)\">[\(Footnote.label(note))]</a></sup>"
    }

    @Test func notesAreLetteredInTheOrderTheTextRefersToThem() {
        let body = Self.render(
            """
            First[^later] and then[^first], and first again[^later].

            [^first]: Defined first, referred to second.

            [^later]: Defined second, *referred to* first.
            """)
        #expect(
            body.html
                == "<p>First\(Self.marker(1, 0)) and then\(Self.marker(2, 0)), and first again\(Self.marker(1, 1)).</p>\n"
        )
        #expect(
            body.footnotes == [
                Footnote(html: "Defined second, <em>referred to</em> first.", uses: 2),
                Footnote(html: "Defined first, referred to second.", uses: 1),
            ])
        #expect(body.problems.isEmpty)
    }

    @Test func anInlineNoteTakesItsMarkupAndItsPlaceInTheOrder() {
        let body = Self.render(
            "One[^a], two^[An *inline* note with `code` and [a link](https://example.org/).], three[^b].\n\n[^a]: A.\n\n[^b]: B.\n"
        )
        #expect(body.html == "<p>One\(Self.marker(1, 0)), two\(Self.marker(2, 0)), three\(Self.marker(3, 0)).</p>\n")
        #expect(
            body.footnotes.map(\.html) == [
                "A.", "An <em>inline</em> note with <code>code</code> and <a href=\"https://example.org/\">a link</a>.",
                "B.",
            ])
    }

    @Test func anInlineNoteMayHoldBracketsOfItsOwn() {
        let body = Self.render("Text^[a [bracketed] aside] after.\n")
        #expect(body.html == "<p>Text\(Self.marker(1, 0)) after.</p>\n")
        #expect(body.footnotes.map(\.html) == ["a [bracketed] aside"])
    }

    @Test func aOneWordNoteIsANoteNotALinkReferenceDefinition() {
        // To cmark, `[^w]: Word` defines a link `[^w]` to the address `Word`.
        let body = Self.render("See[^w].\n\n[^w]: Word\n")
        #expect(body.html == "<p>See\(Self.marker(1, 0)).</p>\n")
        #expect(body.footnotes.map(\.html) == ["Word"])
        #expect(body.markdownLinks.isEmpty)
    }

    @Test func aNoteCanCiteSourcesWhichAreNumberedWithTheTextsAndLocated() {
        let body = Self.render(
            """
            Claim [@a].^[As [@b, p. 2] says.]

            Another[^n].

            [^n]: Also [@a] and [@c].
            """, lineOffset: 4)
        #expect(body.citations.map(\.key) == ["a", "b", "a", "c"])
        #expect(body.citations.map(\.note) == [1, 2, 1, 3])
        #expect(
            body.citations.map { "\($0.location)" } == [
                "Content/a.md:5:8", "Content/a.md:5:18", "Content/a.md:9:13", "Content/a.md:9:22",
            ])
        #expect(body.footnotes.count == 2)
        #expect(body.footnotes[0].html.contains("<sup class=\"reference\" id=\"cite-ref-2-0\">"))
    }

    @Test func aWikiLinkInANoteIsALinkToTheEntry() {
        let body = Self.render("Text[^n].\n\n[^n]: See [[other-entry]].\n")
        #expect(body.links.count == 1)
        #expect(body.footnotes.first?.html.contains(EntryLink.urlPlaceholder(0)) == true)
    }

    @Test func escapedCodeAndLinkTextAreNoNotes() {
        let body = Self.render(
            """
            Not \\[^a] nor \\^[b], nor `[^c]` or `^[d]`, nor [[^e]](https://example.org/).

            ```
            [^f]: inside code
            ```
            """)
        #expect(body.footnotes.isEmpty)
        #expect(body.problems.isEmpty)
        #expect(body.html.contains("Not [^a] nor ^[b], nor <code>[^c]</code> or <code>^[d]</code>"))
        #expect(body.html.contains("[^f]: inside code"))
    }

    @Test func aHeadingDoesNotTakeANotesId() {
        let body = Self.render("# fn 1\n\nText[^a].\n\n[^a]: A.\n")
        #expect(body.headings.map(\.id) == ["fn-1-1"])
    }

    @Test func contentCannotForgeTheMarksNotesUse() {
        let body = Self.render("Text \u{E002}\u{E002}not a note\u{E003} and \u{E004}\u{E004}x\u{E005}.\n")
        #expect(body.footnotes.isEmpty)
        #expect(!body.html.unicodeScalars.contains { ("\u{E000}"..."\u{E005}").contains($0) })
    }

    @Test func aNoteInsideANoteIsLeftAsWritten() {
        let body = Self.render("Text^[outer ^[inner] note].\n")
        #expect(body.footnotes.map(\.html) == ["outer ^[inner] note"])
    }

    @Test func problemsAreLocatedAndAMisspeltReferenceIsToldOnce() {
        let body = Self.render(
            "A[^one] and B[^tow].\n\n[^one]: One.\n\n[^two]: Two.\n\n[^one]: Again.\n", lineOffset: 3)
        #expect(
            body.problems.map(\.description) == [
                "Content/a.md:4:14: error: there is no note '[^tow]' in this entry",
                "Content/a.md:10:1: error: the note '[^one]' is defined twice (first on line 6)",
            ])
        #expect(body.problems.first?.hint == "did you mean '[^two]'?")
        #expect(body.problems.first?.sourceLine == "A[^one] and B[^tow].")
    }

    @Test func aNoteCanBeReferredToFromATableCellAndAMissingOneIsLocatedThere() {
        let body = Self.render(
            "| Round | Place |\n|---|---|\n| First[^n] | Gomel ^[A region.] |\n| Second | Belarus[^missing] |\n\n[^n]: Note.\n"
        )
        #expect(body.html.contains("<td>First\(Self.marker(1, 0))</td>"), "\(body.html)")
        #expect(body.footnotes.map(\.html) == ["Note.", "A region."])
        #expect(
            body.problems.map(\.description) == [
                "Content/a.md:4:19: error: there is no note '[^missing]' in this entry"
            ])
    }

    @Test func labelsRunFromAToZThenAA() {
        #expect([1, 2, 26, 27, 28, 52, 53].map(Footnote.label) == ["a", "b", "z", "aa", "ab", "az", "ba"])
        #expect(Footnote.isFootnoteID("fn-3") && Footnote.isFootnoteID("fnref-3-0"))
        #expect(!Footnote.isFootnoteID("fn-x") && !Footnote.isFootnoteID("fnref-3"))
    }

    @Test func aBodyWithoutNotesRendersAsCmarkDoes() {
        let markdown = "Text with ^ and [ brackets ] and [^ spaced] and ^ [x].\n"
        #expect(Self.render(markdown).html == MarkdownHTML.fragment(markdown, options: MarkdownOptions()))
    }
}
