import Testing
@testable import ParleyKit

/// Pandoc's citation syntax, recognised in cmark's syntax tree.
@Suite struct CitationTests {
    func citations(_ markdown: String, smart: Bool = false) -> [Citation] {
        MarkdownHTML.body(markdown, options: MarkdownOptions(smart: smart), file: "x.md").citations
    }

    func describe(_ citation: Citation) -> String {
        var parts = ["@\(citation.key)"]
        if let prefix = citation.prefix { parts.insert("prefix=\(prefix)", at: 0) }
        if let locator = citation.locator { parts.append("locator=\(locator)") }
        if citation.suppressAuthor { parts.append("suppress") }
        if citation.inText { parts.append("in-text") }
        parts.append("note=\(citation.note).\(citation.use)")
        return parts.joined(separator: " ")
    }

    @Test(arguments: [
        ("[@key]", ["@key note=1.0"]),
        ("[@key, p. 4]", ["@key locator=p. 4 note=1.0"]),
        ("[@a; @b]", ["@a note=1.0", "@b note=2.0"]),
        ("[see @key, chap. 2]", ["prefix=see @key locator=chap. 2 note=1.0"]),
        ("[-@key]", ["@key suppress note=1.0"]),
        (
            "[see @a, p. 1; also -@b, pp. 3-4]",
            ["prefix=see @a locator=p. 1 note=1.0", "prefix=also @b locator=pp. 3-4 suppress note=2.0"]
        ),
        ("@key says so.", ["@key in-text note=1.0"]),
        ("@key [p. 33] says so.", ["@key locator=p. 33 in-text note=1.0"]),
        ("As (@key) says.", ["@key in-text note=1.0"]),
        ("[@{a key/with:odd chars}]", ["@a key/with:odd chars note=1.0"]),
        ("[@Doe_2022:ch.1]", ["@Doe_2022:ch.1 note=1.0"]),
        ("End of sentence cites @key.", ["@key in-text note=1.0"]),
        (
            "[@a] then [@b] then [@a, p. 2] and @a.",
            ["@a note=1.0", "@b note=2.0", "@a locator=p. 2 note=1.1", "@a in-text note=1.2"]
        ),
        ("Nested [see [the] @key]", ["prefix=see [the] @key note=1.0"]),
    ])
    func recognisesPandocSyntax(markdown: String, expected: [String]) {
        #expect(citations(markdown).map(describe) == expected)
    }

    @Test(arguments: [
        "Write to me@example.org.",
        "Escaped \\@key is not a citation.",
        "Code `[@key]` and `@key` are not citations.",
        "    [@key] in an indented code block",
        "```\n[@key]\n```",
        "A real [link @key](https://example.org/) is untouched.",
        "[@key](https://example.org/) is a link too.",
        "An autolink <https://example.org/@key>.",
        "An e-mail autolink <me@example.org>.",
        "Raw <span data-x=\"@key\">html</span>.",
        "[@key]\n\n[@key]: https://example.org/",
        "A lone @ sign, @ key, and @-dash.",
        "[@]",
    ])
    func nonCitations(markdown: String) {
        #expect(citations(markdown).isEmpty)
    }

    @Test func aBracketWithAPartWithoutKeyIsTextButItsKeysAreStillInTextCitations() {
        // As in Pandoc: the bracket is not a citation list, so `@key` inside it is an author-in-text citation.
        #expect(citations("[not a citation; @key]").map(describe) == ["@key in-text note=1.0"])
    }

    @Test func positionsPointAtTheAtSignInTheFile() {
        let body = MarkdownHTML.body(
            "Intro line.\n\nText *em* [see @a, p. 4] and \\*x\\* @b.\n\n> Quoted -- \"smart\" [@c]\n",
            options: MarkdownOptions(smart: true), lineOffset: 5, file: "Content/rounds/x.md")
        #expect(
            body.citations.map(\.location.description) == [
                "Content/rounds/x.md:8:16", "Content/rounds/x.md:8:36", "Content/rounds/x.md:10:22",
            ])
        #expect(body.citations.first?.sourceLine == "Text *em* [see @a, p. 4] and \\*x\\* @b.")
    }

    @Test func citationsBeforeAndAfterALinkToAnEntryKeepTheirPlaces() {
        // The link pass splits the text around `[[…]]`; the parts still know where they were written.
        let body = MarkdownHTML.body(
            "Intro.\n\nAs [@a] said, see [[alpha-talks]] and \\*[@b], then [[beta|b]] [@c].\n",
            options: MarkdownOptions(),
            lineOffset: 2, file: "x.md")
        #expect(body.citations.map(\.location.description) == ["x.md:5:5", "x.md:5:42", "x.md:5:64"])
        #expect(body.links.map(\.location.description) == ["x.md:5:19", "x.md:5:52"])
    }

    @Test func markersAreNumberedByFirstUseAndLinkToTheirNotes() {
        let body = MarkdownHTML.body("One [@b; @a].\n\nTwo [@b].\n", options: MarkdownOptions())
        #expect(
            body.html == """
                <p>One.<sup class="reference" id="cite-ref-1-0"><a href="#cite-note-1" aria-describedby="cite-note-1">[1]</a></sup>\
                <sup class="reference" id="cite-ref-2-0"><a href="#cite-note-2" aria-describedby="cite-note-2">[2]</a></sup></p>
                <p>Two.<sup class="reference" id="cite-ref-1-1"><a href="#cite-note-1" aria-describedby="cite-note-1">[1]</a></sup></p>

                """)
    }

    @Test func inTextCitationsShowTheAuthorBeforeTheMarker() {
        let body = MarkdownHTML.body(
            "@doe & co say [-@doe].", options: MarkdownOptions(),
            authorLabel: { $0 == "doe" ? "Doe <& Roe>" : nil })
        #expect(body.html.hasPrefix("<p>Doe &lt;&amp; Roe&gt;<sup class=\"reference\" id=\"cite-ref-1-0\">"))
        #expect(body.html.contains(" &amp; co say.<sup class=\"reference\" id=\"cite-ref-1-1\">"))
    }

    @Test func citationsInHeadingsStayOutOfTheTableOfContents() {
        let body = MarkdownHTML.body("## Outcome [@a]\n", options: MarkdownOptions())
        #expect(body.headings.first?.text == "Outcome")
        #expect(body.headings.first?.id == "outcome")
    }

    @Test func headingAnchorsNeverTakeANoteID() {
        let body = MarkdownHTML.body(
            "## Cite note 1\n\n## Cite ref 2 0\n\n## Cite note\n", options: MarkdownOptions())
        #expect(body.headings.map(\.id) == ["cite-note-1-1", "cite-ref-2-0-1", "cite-note"])
        #expect(CitationHTML.isCitationID("cite-note-12") && CitationHTML.isCitationID("cite-ref-3-10"))
        #expect(!CitationHTML.isCitationID("cite-note-1-1") && !CitationHTML.isCitationID("cite-ref-3"))
    }

    /// A heading never takes an id the page's templates write themselves ("Contents title" next to the table of
    /// contents' own `id="contents-title"`), whatever the site's templates are.
    @Test func headingAnchorsNeverTakeAnIDTheTemplatesWrite() {
        let templates = [
            TemplateFile(
                name: "entry",
                source: SourceFile(
                    path: "Templates/entry.mustache",
                    text: "<h2 id=\"contents-title\">Contents</h2>\n<li id=\"{{id}}\">\n<section id=\"timeline-notes\">"
                ))
        ]
        let ids = LoadedSite.literalIDs(in: templates)
        #expect(ids == ["contents-title", "timeline-notes"])
        let options = MarkdownOptions(site: SiteConfig(title: "t"), reserving: ids)
        let body = MarkdownHTML.body(
            "## Contents title\n\n## Timeline notes\n\n## References\n", options: options)
        #expect(body.headings.map(\.id) == ["contents-title-1", "timeline-notes-1", "references-1"])
    }

    /// As in Wikipedia and Pandoc's note styles: "the talks ended.[1]", never "the talks ended [1]." or "ended[1].".
    @Test func aNoteMarkerHugsTheWordBeforeItAndFollowsThePunctuation() {
        let html = MarkdownHTML.body(
            "Talks ended [@a]. As @a says [@b], one [@c]; two [@a]: three [@b]", options: MarkdownOptions()
        ).html
        #expect(html.hasPrefix("<p>Talks ended.<sup"))
        #expect(html.contains("</sup> As <sup"))  // an in-text citation stays where it is written
        #expect(html.contains(" says,<sup"))
        #expect(html.contains(" one;<sup"))
        #expect(html.contains(" two:<sup"))
        #expect(
            html.hasSuffix(
                " three<sup class=\"reference\" id=\"cite-ref-2-1\"><a href=\"#cite-note-2\" aria-describedby=\"cite-note-2\">[2]</a></sup></p>\n"
            ))
        // An ellipsis, or a question or exclamation mark, is left after the marker.
        let kept = MarkdownHTML.body("Wait [@a]... Really [@a]? Yes [@a]!", options: MarkdownOptions()).html
        #expect(kept.contains("</sup>... Really<sup"))
        #expect(kept.contains("</sup>? Yes<sup"))
        #expect(kept.contains("</sup>!</p>"))
    }

    /// A citation at the start of a line: its punctuation and its marker go to the end of the line before, not
    /// after the line break (which a browser shows as a space: "follow .[1]").
    @Test func aNoteMarkerAtTheStartOfALineHugsTheWordOnTheLineBefore() {
        let html = MarkdownHTML.body("The notes follow\n[@a]. Next line.\n", options: MarkdownOptions()).html
        #expect(html.hasPrefix("<p>The notes follow.<sup"), "\(html)")
        #expect(html.hasSuffix("</sup>\nNext line.</p>\n"), "\(html)")
        // Without punctuation after it, the marker still hugs the word before the break.
        let bare = MarkdownHTML.body("The notes follow\n[@a] and more.\n", options: MarkdownOptions()).html
        #expect(bare.hasPrefix("<p>The notes follow<sup"), "\(bare)")
        #expect(bare.contains("</sup>\nand more."), "\(bare)")
    }
}
