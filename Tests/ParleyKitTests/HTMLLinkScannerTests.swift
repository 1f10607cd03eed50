import Testing
@testable import ParleyKit

@Suite struct HTMLLinkScannerTests {
    func values(_ html: String) -> [String] { HTMLLinkScanner.scan(html).links.map(\.value) }

    @Test func readsDoubleSingleAndUnquotedValues() {
        let html = #"<a href="a/">A</a> <a href='b/'>B</a> <a href=c/>C</a> <A HREF = "d/" >D</A>"#
        #expect(values(html) == ["a/", "b/", "c/", "d/"])
    }

    @Test func readsTheURLAttributesOfEachElementOnly() {
        let html = #"""
            <link rel="stylesheet" href="assets/site.css"><script src="assets/app.js"></script>
            <img src="a.png" srcset="a-1x.png 1x, a-2x.png 2x" alt="x"><video poster="p.jpg"><source src="v.mp4"></video>
            <div href="not-a-link" src="nor-this"></div><form action="neither"></form>
            """#
        let links = HTMLLinkScanner.scan(html).links
        #expect(
            links.map(\.value) == [
                "assets/site.css", "assets/app.js", "a.png", "a-1x.png", "a-2x.png", "p.jpg", "v.mp4",
            ])
        #expect(links.map(\.tag) == ["link", "script", "img", "img", "img", "video", "source"])
        #expect(links[3].attribute == "srcset")
    }

    @Test func decodesCharacterReferencesInURLs() {
        let html =
            #"<a href="search?a=1&amp;b=2">x</a><a href="it&#39;s/">y</a><a href="caf&#xE9;/">z</a><a href="&bogus;">w</a>"#
        #expect(values(html) == ["search?a=1&b=2", "it's/", "café/", "&bogus;"])
    }

    @Test func skipsCommentsScriptAndStyleContents() {
        let html = """
            <!-- <a href="in-comment/">x</a> -->
            <script>document.write('<a href="in-script/">'); if (a < b) {}</script>
            <style>a[href="in-style/"] { color: red }</style>
            <SCRIPT type="module">'<img src="in-upper-script.png">'</SCRIPT>
            <a href="after/">ok</a>
            """
        #expect(values(html) == ["after/"])
    }

    @Test func collectsIDsAndAnchorNames() {
        let page = HTMLLinkScanner.scan(
            #"<h2 id="who-took-part">x</h2><a name="old-anchor"></a><div name="not-an-anchor" id='single'></div>"#)
        #expect(page.ids == ["who-took-part", "old-anchor", "single"])
    }

    @Test func givesTheLineAndColumnOfEachValue() {
        let html = "<p>\n  <a href=\"x/\">é</a> <a class=\"é\" href=\"y/\">\n</p>"
        let links = HTMLLinkScanner.scan(html).links
        #expect(links.map(\.line) == [2, 2])
        // Columns count characters, not bytes: the é before the second href is one column.
        #expect(links.map(\.column) == [12, 41])
    }

    @Test func masksMustacheTagsKeepingPositions() {
        let template = "{{<base}}\n<a href=\"{{root}}assets/x.css\">{{{title}}}</a>"
        let masked = LinkSourceLocator.maskingTags(template)
        #expect(masked.unicodeScalars.count == template.unicodeScalars.count)
        let links = HTMLLinkScanner.scan(masked).links
        #expect(links.count == 1)
        #expect(links.first?.line == 2)
        #expect(links.first?.column == 10)
        #expect(
            LinkSourceLocator.score(pattern: links[0].value, matching: "../../assets/x.css") == "assets/x.css".count)
        #expect(LinkSourceLocator.score(pattern: links[0].value, matching: "../../assets/y.css") == nil)
    }

    /// What the differential test against html5lib found the scanner read otherwise, each as HTML5 reads it.
    @Test func readsAsTheHTML5TokenizerDoes() {
        func values(_ html: String) -> [String] { HTMLLinkScanner.scan(html).links.map(\.value) }
        // The first of repeated attributes counts.
        #expect(values(#"<a href="/first/" HREF="/second/">x</a>"#) == ["/first/"])
        // An attribute without a value is there, empty.
        #expect(values("<a href>x</a>") == [""])
        #expect(HTMLLinkScanner.scan("<div id>x</div>").ids == [""])
        // Short comments end at once.
        #expect(values(#"<!--><a href="/a/">x</a>"#) == ["/a/"])
        #expect(values(#"<!---><a href="/b/">x</a>"#) == ["/b/"])
        // The text of title, textarea, iframe, xmp, noembed and noframes is not markup; plaintext's runs to the end.
        for tag in ["title", "textarea", "iframe", "xmp", "noembed", "noframes"] {
            #expect(values(#"<\#(tag)><a href="/in/"></\#(tag)><a href="/out/">x</a>"#) == ["/out/"], "\(tag)")
        }
        #expect(values(#"<plaintext><a href="/in/">"#) == [])
        // A raw text element ends only at its own end tag.
        #expect(values(#"<script>x = "</scripty><a href='/in/'>"</script><a href="/out/">x</a>"#) == ["/out/"])
    }
}
