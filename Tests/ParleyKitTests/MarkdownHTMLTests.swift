import Testing
@testable import ParleyKit

@Suite struct MarkdownHTMLTests {
    @Test func headingsGetStableUniqueAnchors() {
        let body = MarkdownHTML.body(
            "# Who *took* part?\n\n## Outcome\n\n## Outcome\n\n## Итоги\n\n## `code` & more!\n",
            options: MarkdownOptions())
        #expect(body.headings.map(\.id) == ["who-took-part", "outcome", "outcome-1", "итоги", "code-more"])
        #expect(body.headings.map(\.text) == ["Who took part?", "Outcome", "Outcome", "Итоги", "code & more!"])
        #expect(
            body.html.hasPrefix(
                "<h1 id=\"who-took-part\">Who <em>took</em> part?</h1>\n<h2 id=\"outcome\">Outcome</h2>\n"))
        #expect(body.html.contains("<h2 id=\"code-more\"><code>code</code> &amp; more!</h2>"))
    }

    @Test func anchorsAvoidIdsTheTemplatesUse() {
        let body = MarkdownHTML.body("## References\n\n## Contents\n", options: MarkdownOptions())
        #expect(body.headings.map(\.id) == ["references-1", "contents-1"])
    }

    @Test func headingsWithoutLettersStillGetAnAnchor() {
        let body = MarkdownHTML.body("## ???\n\n## !!!\n", options: MarkdownOptions())
        #expect(body.headings.map(\.id) == ["section", "section-1"])
    }

    @Test func onlyHeadingsChange() {
        let markdown = "Para with <b>raw</b> and [x](javascript:alert(1)).\n\n## Head\n\n> quote\n\n- item\n"
        let plain = MarkdownHTML.fragment(markdown, options: MarkdownOptions())
        let body = MarkdownHTML.body(markdown, options: MarkdownOptions())
        #expect(body.html == plain.replacingOccurrences(of: "<h2>Head</h2>", with: "<h2 id=\"head\">Head</h2>"))
    }

    @Test func safeModeDropsRawHTMLAndDangerousLinksUnlessTheSiteOptsIn() {
        let markdown = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <span>hi</span>\n"
        let safe = MarkdownHTML.body(markdown, options: MarkdownOptions()).html
        #expect(!safe.contains("<script>") && !safe.contains("javascript:") && !safe.contains("<span>"))
        #expect(safe.contains("<!-- raw HTML omitted -->"))
        let unsafe = MarkdownHTML.body(markdown, options: MarkdownOptions(unsafe: true)).html
        #expect(unsafe.contains("<script>alert(1)</script>") && unsafe.contains("href=\"javascript:alert(1)\""))
    }

    @Test func headingIdsInSafeModeAreEscaped() {
        // The anchor comes from the text, so it can never carry markup; check the escaping holds anyway.
        let body = MarkdownHTML.body("## a\"b & <c\n", options: MarkdownOptions())
        #expect(body.html == "<h2 id=\"ab-c\">a&quot;b &amp; &lt;c</h2>\n")
    }

    @Test func smartPunctuationFollowsTheSite() {
        var config = SiteConfig(title: "t")
        #expect(MarkdownHTML.entryBody("\"Hi\" -- ok...", site: config).html == "<p>“Hi” – ok…</p>\n")
        config.smartPunctuation = false
        #expect(
            MarkdownHTML.entryBody("\"Hi\" -- ok...", site: config).html == "<p>&quot;Hi&quot; -- ok...</p>\n"
        )
    }

    @Test func entryBodiesLeaveTheFrontMatterOut() {
        let body = MarkdownHTML.entryBody("---\ntitle: A\n---\n## Head\n", site: SiteConfig(title: "t"))
        #expect(body.html == "<h2 id=\"head\">Head</h2>\n")
        #expect(body.headings.first?.line == 4)
    }
}
