import Testing
@testable import ParleyTemplates

/// Small typed values, as a site's pages have them.
final class Item: TemplateObject {
    let title: String
    let date: String?
    let tags: [String]

    init(_ title: String, date: String? = nil, tags: [String] = []) {
        self.title = title
        self.date = date
        self.tags = tags
    }

    static let templateType = TemplateType(
        "item", of: Item.self,
        [
            .text("title") { $0.title },
            .text("date") { $0.date },
            .texts("tags") { $0.tags },
        ])
}

final class Page: TemplateObject {
    let title: String
    let date: String?
    let count: Int
    let items: [Item]
    let main: Item?

    init(title: String, date: String? = nil, items: [Item], main: Item? = nil) {
        self.title = title
        self.date = date
        self.count = items.count
        self.items = items
        self.main = main
    }

    static let templateType = TemplateType(
        "page", of: Page.self,
        [
            .text("title") { $0.title },
            .text("date") { $0.date },
            .number("count") { $0.count },
            .list("items") { $0.items },
            .object("main") { $0.main },
        ])
}

@Suite struct CheckedTemplateTests {
    func compile(_ templates: [String: String], _ name: String = "page") -> (CompiledTemplate, [TemplateDiagnostic]) {
        let library = TemplateLibrary(templates)
        let (template, problems) = library.compile(name, root: Page.templateType)
        return (template, library.diagnostics + problems)
    }

    func render(_ template: String, _ page: Page) throws -> String {
        let (compiled, problems) = compile(["page": template])
        #expect(problems.isEmpty, "\(problems)")
        return try compiled.render(.object(page))
    }

    let page = Page(
        title: "Talks", date: "28 February",
        items: [Item("First", date: "3 March"), Item("Undated", tags: ["a", "b"])])

    // MARK: names

    /// The defect this engine was written for: an item without a date showed the page's date. A field the
    /// item's type declares hides the page's, present or not.
    @Test func aDeclaredFieldShadowsOuterNamesEvenWhenAbsent() throws {
        let output = try render("{{#items}}[{{title}}{{#date}}: {{.}}{{/date}}]{{/items}} {{date}}", page)
        #expect(output == "[First: 3 March][Undated] 28 February")
    }

    @Test func namesNotOnTheItemAreFoundFurtherDown() throws {
        #expect(try render("{{#items}}{{title}} in {{count}} · {{/items}}", page) == "First in 2 · Undated in 2 · ")
    }

    @Test func anUnknownNameIsAnErrorWithDidYouMean() {
        let (_, problems) = compile(["page": "<h1>{{titel}}</h1>\n{{#items}}{{dat}}{{/items}}"])
        #expect(
            problems == [
                TemplateDiagnostic(
                    template: "page", line: 1, column: 5, message: "no value named 'titel' here",
                    hint: "did you mean 'title'?"),
                TemplateDiagnostic(
                    template: "page", line: 2, column: 11, message: "no value named 'dat' here",
                    hint: "did you mean 'date'?"),
            ])
    }

    @Test func anUnknownFieldOfAnObjectIsAnError() {
        let (_, problems) = compile(["page": "{{main.titl}}"])
        #expect(problems.map(\.message) == ["an item has no value named 'titl'"])
        #expect(problems.first?.hint == "did you mean 'title'?")
    }

    @Test func aListHasNoFieldsByName() {
        let (_, problems) = compile(["page": "{{items.count}}"])
        #expect(problems.map(\.message) == ["'items' is a list of items, which has no value named 'count'"])
        #expect(problems.first?.hint == "count its items with count(items)")
    }

    @Test func aListOrObjectCannotBePrinted() {
        let (_, problems) = compile(["page": "{{items}} {{{main}}}"])
        #expect(
            problems.map(\.message) == [
                "'items' is a list of items, which cannot be printed", "'main' is an item, which cannot be printed",
            ])
    }

    @Test func aSectionOverANumberIsAnError() {
        let (_, problems) = compile(["page": "{{#count}}entries{{/count}}"])
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("'count' is a number, which is always there") == true)
    }

    @Test func aSectionOverAnUnknownNameIsReportedOnceNotForEverythingInside() {
        let (_, problems) = compile(["page": "{{#itemz}}{{title}}{{nope}}{{/itemz}}"])
        #expect(problems.map(\.message) == ["no value named 'itemz' here"])
    }

    // MARK: partials and parents

    @Test func aMissingPartialIsAnError() {
        let (_, problems) = compile(["page": "{{> partials/lst}}", "partials/list": ""])
        #expect(
            problems == [
                TemplateDiagnostic(
                    template: "page", line: 1, column: 1,
                    message: "there is no template 'partials/lst' for this partial",
                    hint: "did you mean 'partials/list'?")
            ])
    }

    @Test func aMissingParentIsAnError() {
        let (_, problems) = compile(["page": "{{<bas}}{{/bas}}", "base": ""])
        #expect(problems.map(\.message) == ["there is no template 'bas' for this parent"])
    }

    @Test func aPartialIncludingItselfIsAnErrorNotACrash() {
        let (_, direct) = compile(["page": "{{> a}}", "a": "x{{> a}}"])
        #expect(direct.map(\.message) == ["'a' includes itself (a → a), so it would never end"])
        #expect(direct.first.map { "\($0.template):\($0.line):\($0.column)" } == "a:1:2")
        let (_, through) = compile(["page": "{{> a}}", "a": "{{#items}}{{> b}}{{/items}}", "b": "\n{{> a}}"])
        #expect(through.map(\.message) == ["'a' includes itself (a → b → a), so it would never end"])
        let (_, parent) = compile(["page": "{{< a}}{{/a}}", "a": "{{< page}}{{/page}}"])
        #expect(parent.map(\.message) == ["'page' includes itself (page → a → page), so it would never end"])
    }

    /// A partial used in two contexts is checked in each: `tags` is an item's, so inside the list it is found
    /// (and misused), and at the page's level it does not exist at all.
    @Test func aPartialIsCheckedInEveryContextItIsUsedIn() {
        let (_, problems) = compile(["page": "{{#items}}{{> p}}{{/items}}{{> p}}", "p": "{{tags.x}}"])
        #expect(
            problems.map(\.message) == [
                "'tags' is a list of texts, which has no value named 'x'", "no value named 'tags' here",
            ])
        #expect(compile(["page": "{{#items}}{{> p}}{{/items}}", "p": "{{title}}{{count}}"]).1.isEmpty)
    }

    @Test func aPartialNamedByAValueCannotBeChecked() {
        let (_, problems) = compile(["page": "{{>*title}}"])
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("cannot be checked") == true)
    }

    @Test func anOverrideOfABlockTheParentDoesNotHaveIsAnError() {
        let (_, problems) = compile([
            "page": "{{<base}}{{$mian}}x{{/mian}}{{/base}}", "base": "<main>{{$main}}{{/main}}</main>",
        ])
        #expect(
            problems == [
                TemplateDiagnostic(
                    template: "page", line: 1, column: 10,
                    message: "'base' has no block 'mian', so this override is never shown",
                    hint: "did you mean 'main'?")
            ])
    }

    @Test func parentsAndPartialsRenderWithTypedValues() throws {
        let (compiled, problems) = compile([
            "page": "{{<base}}{{$main}}{{#items}}{{> item}}{{/items}}{{/main}}{{/base}}",
            "base": "<h1>{{title}}</h1>\n{{$main}}none{{/main}}\n",
            "item": "<p>{{title}}</p>\n",
        ])
        #expect(problems.isEmpty)
        #expect(try compiled.render(.object(page)) == "<h1>Talks</h1>\n<p>First</p>\n<p>Undated</p>\n\n")
        #expect(compiled.templates == ["page", "base", "item"])
    }

    // MARK: helpers

    @Test func helpersReadTheListPosition() throws {
        #expect(
            try render(
                "{{#items}}{{#first()}}<{{/first()}}{{index()}}{{title}}{{^last()}}, {{/last()}}{{#last()}}>{{/last()}}{{/items}}",
                page)
                == "<0First, 1Undated>")
        #expect(try render("{{#items}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{/items}}", page) == "eo")
    }

    @Test func helpersOverValues() throws {
        #expect(
            try render(
                "{{count(items)}} {{#empty(items)}}none{{/empty(items)}}{{^empty(items)}}some{{/empty(items)}}", page)
                == "2 some")
        #expect(
            try render(
                "{{uppercased(title)}} {{lowercased(title)}} {{#reversed(items)}}{{title}}{{/reversed(items)}}", page)
                == "TALKS talks UndatedFirst")
        #expect(try render("{{#items}}{{#empty(tags)}}-{{/empty(tags)}}{{/items}}", page) == "-")
        let lower = Page(title: "éclair talks", items: [])
        #expect(try render("{{capitalized(title)}}|{{uppercased(title)}}", lower) == "Éclair talks|ÉCLAIR TALKS")
    }

    @Test func helperMistakesAreErrors() {
        #expect(compile(["page": "{{lst()}}"]).1.map(\.message) == ["there is no helper 'lst()'"])
        #expect(compile(["page": "{{lst()}}"]).1.first?.hint == "did you mean 'last()'?")
        #expect(
            compile(["page": "{{#last()}}x{{/last()}}"]).1.map(\.message) == [
                "last() is used outside any list, so it has no item to tell about"
            ])
        #expect(compile(["page": "{{count(title)}}"]).1.map(\.message) == ["count() needs a list, and 'title' is text"])
        #expect(compile(["page": "{{count()}}"]).1.map(\.message) == ["count() needs a value"])
        #expect(
            compile(["page": "{{#items}}{{last(items)}}{{/items}}"]).1.first?.message.hasPrefix("last() takes no value")
                == true)
    }

    // MARK: syntax

    @Test func syntaxErrorsAreLocated() {
        func problem(_ text: String) -> TemplateDiagnostic? { TemplateLibrary(["t": text]).diagnostics.first }
        #expect(
            problem("a\n{{#items}}x")
                == TemplateDiagnostic(
                    template: "t", line: 2, column: 1, message: "the section 'items' is never closed",
                    hint: "close it with {{/items}}"))
        #expect(problem("{{#a}}{{#b}}{{/a}}{{/b}}")?.message == "'{{/a}}' does not close '#b', opened at line 1")
        #expect(problem("{{/a}}")?.message == "'{{/a}}' closes a section that was never opened")
        #expect(problem("ab {{title")?.message == "this tag is never closed")
        #expect(problem("ab {{title")?.column == 4)
        #expect(problem("{{= | =}}")?.message == "the delimiter change is malformed")
        #expect(problem("{{ }}")?.message == "this tag has no name")
        #expect(problem("{{<p}}{{x}}{{/p}}")?.message.hasPrefix("only blocks") == true)
    }

    @Test func escapingIsOnBytesAndCoversQuotesAFollowingMarkCannotHide() throws {
        let item = Page(title: "<a title=\"\u{301}x\">&'", items: [])
        #expect(
            try render("{{title}}|{{{title}}}|{{&title}}", item)
                == "&lt;a title=&quot;\u{301}x&quot;&gt;&amp;&#39;|<a title=\"\u{301}x\">&'|<a title=\"\u{301}x\">&'")
    }
}
