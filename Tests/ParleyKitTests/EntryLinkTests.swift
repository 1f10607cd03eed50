import Testing
@testable import ParleyKit

/// Links between entries, recognised in cmark's syntax tree.
@Suite struct EntryLinkTests {
    func links(_ markdown: String, file: String = "Content/rounds/a.md") -> [EntryLink] {
        MarkdownHTML.body(markdown, options: MarkdownOptions(), file: file).links
    }

    func describe(_ link: EntryLink) -> String {
        let target: String =
            switch link.target {
            case .slug(let slug): "slug:" + slug
            case .file(let path): "file:" + path
            }
        return target + (link.fragment.map { "#" + $0 } ?? "") + (link.showsTitle ? " (title)" : "") + " @"
            + link.location.description
    }

    @Test(arguments: [
        ("[[first-round]]", ["slug:first-round (title) @Content/rounds/a.md:1:1"]),
        ("See [[first-round|the first round]].", ["slug:first-round @Content/rounds/a.md:1:5"]),
        ("[[first-round#outcome]]", ["slug:first-round#outcome (title) @Content/rounds/a.md:1:1"]),
        ("[[ first-round | text ]]", ["slug:first-round @Content/rounds/a.md:1:1"]),
        (
            "A *b* [[x]] and [[y]]",
            ["slug:x (title) @Content/rounds/a.md:1:7", "slug:y (title) @Content/rounds/a.md:1:17"]
        ),
        ("[text](../proposals/plan.md)", ["file:Content/proposals/plan.md @Content/rounds/a.md:1:1"]),
        ("[text](second-round.md#location)", ["file:Content/rounds/second-round.md#location @Content/rounds/a.md:1:1"]),
        ("[text](./sub/../third.md)", ["file:Content/rounds/third.md @Content/rounds/a.md:1:1"]),
    ])
    func recognisesLinksToEntries(markdown: String, expected: [String]) {
        #expect(links(markdown).map(describe) == expected)
    }

    @Test(arguments: [
        "`[[code]]` in a code span",
        "    [[code]] in a code block",
        "\\[[escaped]]",
        "[[]] and [[|text]]",
        "[a link](https://example.org/page.md)",
        "[absolute](/rounds/a.md)",
        "[other file](notes.txt)",
        "[[unclosed",
        "<span title=\"[[in an attribute]]\">x</span>",
    ])
    func nonLinks(markdown: String) {
        #expect(links(markdown).isEmpty)
    }

    @Test func theBodyHoldsPlaceholdersUntilTheRenderStepFillsThemIn() {
        let body = MarkdownHTML.body("[[x]] and [[y|Why]]", options: MarkdownOptions())
        #expect(
            body.html
                == "<p><a href=\"\u{E000}u0\u{E001}\">\u{E000}t0\u{E001}</a> and <a href=\"\u{E000}u1\u{E001}\">Why</a></p>\n"
        )
    }

    @Test func placeholderCharactersInContentCannotForgeALink() {
        let body = MarkdownHTML.body("Text \u{E000}u0\u{E001} [[x]]", options: MarkdownOptions())
        #expect(body.html.hasPrefix("<p>Text \u{FFFD}u0\u{FFFD} <a href=\"\u{E000}u0\u{E001}\">"))
    }

    @Test func citationsInsideAWikiLinkLabelAreLeftAlone() {
        let body = MarkdownHTML.body("[[x|as @doe says]]", options: MarkdownOptions())
        #expect(body.citations.isEmpty)
    }

    @Test func relativePathsAreNormalised() {
        #expect(LinkHTML.normalized("Content/rounds/../pages/./a.md") == "Content/pages/a.md")
        #expect(LinkHTML.normalized("Content/../../x.md") == "../x.md")
    }
}
