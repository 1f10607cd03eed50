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

    static let templateType = TemplateType("item", of: Item.self, [
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

    static let templateType = TemplateType("page", of: Page.self, [
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

    let page = Page(title: "Talks", date: "28 February", items: [Item("First", date: "3 March"), Item("Undated", tags: ["a", "b"])])

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
        #expect(problems == [
            TemplateDiagnostic(template: "page", line: 1, column: 5, message: "no value named 'titel' here", hint: "did you mean 'title'?"),
            TemplateDiagnostic(template: "page", line: 2, column: 11, message: "no value named 'dat' here", hint: "did you mean 'date'?"),
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
        #expect(problems.map(\.message) == ["'items' is a list of items, which cannot be printed", "'main' is an item, which cannot be printed"])
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
        #expect(problems == [TemplateDiagnostic(
            template: "page", line: 1, column: 1, message: "there is no template 'partials/lst' for this partial",
            hint: "did you mean 'partials/list'?")])
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
        #expect(problems.map(\.message) == ["'tags' is a list of texts, which has no value named 'x'", "no value named 'tags' here"])
        #expect(compile(["page": "{{#items}}{{> p}}{{/items}}", "p": "{{title}}{{count}}"]).1.isEmpty)
    }

    @Test func aPartialNamedByAValueCannotBeChecked() {
        let (_, problems) = compile(["page": "{{>*title}}"])
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("cannot be checked") == true)
    }

    @Test func anOverrideOfABlockTheParentDoesNotHaveIsAnError() {
        let (_, problems) = compile(["page": "{{<base}}{{$mian}}x{{/mian}}{{/base}}", "base": "<main>{{$main}}{{/main}}</main>"])
        #expect(problems == [TemplateDiagnostic(
            template: "page", line: 1, column: 10, message: "'base' has no block 'mian', so this override is never shown",
            hint: "did you mean 'main'?")])
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
        #expect(try render("{{#items}}{{#first()}}<{{/first()}}{{index()}}{{title}}{{^last()}}, {{/last()}}{{#last()}}>{{/last()}}{{/items}}", page)
            == "<0First, 1Undated>")
        #expect(try render("{{#items}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{/items}}", page) == "eo")
    }

    @Test func helpersOverValues() throws {
        #expect(try render("{{count(items)}} {{#empty(items)}}none{{/empty(items)}}{{^empty(items)}}some{{/empty(items)}}", page) == "2 some")
        #expect(try render("{{uppercased(title)}} {{lowercased(title)}} {{#reversed(items)}}{{title}}{{/reversed(items)}}", page)
            == "TALKS talks UndatedFirst")
        #expect(try render("{{#items}}{{#empty(tags)}}-{{/empty(tags)}}{{/items}}", page) == "-")
        let lower = Page(title: "éclair talks", items: [])
        #expect(try render("{{capitalized(title)}}|{{uppercased(title)}}", lower) == "Éclair talks|ÉCLAIR TALKS")
    }

    @Test func helperMistakesAreErrors() {
        #expect(compile(["page": "{{lst()}}"]).1.map(\.message) == ["there is no helper 'lst()'"])
        #expect(compile(["page": "{{lst()}}"]).1.first?.hint == "did you mean 'last()'?")
        #expect(compile(["page": "{{#last()}}x{{/last()}}"]).1.map(\.message) == ["last() is used outside any list, so it has no item to tell about"])
        #expect(compile(["page": "{{count(title)}}"]).1.map(\.message) == ["count() needs a list, and 'title' is text"])
        #expect(compile(["page": "{{count()}}"]).1.map(\.message) == ["count() needs a value"])
        #expect(compile(["page": "{{#items}}{{last(items)}}{{/items}}"]).1.first?.message.hasPrefix("last() takes no value") == true)
    }

    // MARK: syntax

    @Test func syntaxErrorsAreLocated() {
        func problem(_ text: String) -> TemplateDiagnostic? { TemplateLibrary(["t": text]).diagnostics.first }
        #expect(problem("a\n{{#items}}x") == TemplateDiagnostic(
            template: "t", line: 2, column: 1, message: "the section 'items' is never closed", hint: "close it with {{/items}}"))
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
        #expect(try render("{{title}}|{{{title}}}|{{&title}}", item)
            == "&lt;a title=&quot;\u{301}x&quot;&gt;&amp;&#39;|<a title=\"\u{301}x\">&'|<a title=\"\u{301}x\">&'")
    }
}

/// A page's cache key is made by walking its values as the compiled template reads them.
@Suite struct ValueHashTests {
    struct Hasher: ValueHasher {
        var words: [UInt64] = []
        var texts: [String] = []
        mutating func combine(_ word: UInt64) { words.append(word) }
        mutating func combine(_ text: String) { texts.append(text) }
        mutating func combine(_ key: CacheKey) { words.append(key.high); words.append(key.low) }
        var finalized: CacheKey {
            let word = words.reduce(UInt64(texts.joined(separator: "\u{0}").hashValue.magnitude)) { $0 &* 31 &+ $1 }
            return CacheKey(high: word, low: 0)
        }
    }

    func key(_ template: String, _ page: Page) -> Hasher {
        let (compiled, problems) = TemplateLibrary(["page": template]).compile("page", root: Page.templateType)
        #expect(problems.isEmpty)
        var hasher = Hasher()
        compiled.hash(.object(page), into: &hasher)
        return hasher
    }

    @Test func theKeyCoversWhatTheTemplateReadsAndNothingElse() {
        let template = "{{title}}{{#items}}{{title}}{{/items}}"
        let page = Page(title: "A", date: "1 May", items: [Item("x", date: "2 May", tags: ["t"])])
        let key = key(template, page)
        #expect(key.texts == ["A", "x"])
        // A value the template does not read leaves the key as it is…
        let otherDates = Page(title: "A", date: "9 May", items: [Item("x", date: "3 May", tags: ["u"])])
        #expect(self.key(template, otherDates).texts == key.texts)
        #expect(self.key(template, otherDates).words == key.words)
        // …and every value it reads changes it: a title, an item more, an item's title.
        #expect(self.key(template, Page(title: "B", items: [Item("x")])).texts != key.texts)
        #expect(self.key(template, Page(title: "A", items: [Item("x"), Item("y")])).words != key.words)
        #expect(self.key(template, Page(title: "A", items: [Item("y")])).texts != key.texts)
    }

    @Test func absentAndPresentValuesDiffer() {
        let template = "{{#main}}{{title}}{{/main}}{{date}}"
        let without = key(template, Page(title: "A", items: []))
        let with = key(template, Page(title: "A", items: [], main: Item("")))
        #expect(without.words != with.words)
        #expect(key(template, Page(title: "A", date: "", items: [])).words != without.words)
    }
}

/// A value many pages share keeps its key once per template.
final class Shared: TemplateObject {
    let title: String
    let keyMemo: KeyMemo? = KeyMemo()
    nonisolated(unsafe) static var reads = 0

    init(_ title: String) { self.title = title }

    static let templateType = TemplateType("shared", of: Shared.self, [
        .text("title") { (shared: Shared) -> String in reads += 1; return shared.title },
    ])
}

final class Holder: TemplateObject {
    let items: [Shared]
    init(_ items: [Shared]) { self.items = items }
    static let templateType = TemplateType("holder", of: Holder.self, [.list("items") { $0.items }])
}

@Suite(.serialized) struct KeyMemoTests {
    @Test func aSharedValueIsWalkedOncePerTemplate() {
        let (compiled, problems) = TemplateLibrary(["t": "{{#items}}{{title}}{{/items}}"]).compile("t", root: Holder.templateType)
        #expect(problems.isEmpty)
        let shared = Shared("x")
        func key(_ holder: Holder) -> [UInt64] {
            var hasher = ValueHashTests.Hasher()
            compiled.hash(.object(holder), into: &hasher)
            return hasher.words
        }
        Shared.reads = 0
        let first = key(Holder([shared, shared]))
        #expect(key(Holder([shared])) != first)
        #expect(Shared.reads == 1)
        // Another value with the same fields gives the same key, walked itself.
        let other = key(Holder([Shared("x"), Shared("x")]))
        #expect(other == first)
        #expect(key(Holder([Shared("y"), Shared("x")])) != first)
    }
}

/// Values that lead back to themselves: a group's members name their group.
final class Group: TemplateObject {
    let name: String
    nonisolated(unsafe) var members: [Member] = []
    let keyMemo: KeyMemo? = KeyMemo()
    init(_ name: String) { self.name = name }
    static let templateType = TemplateType("group", of: Group.self, [
        .text("name") { $0.name },
        .list("members") { $0.members },
    ])
}

final class Member: TemplateObject {
    let name: String
    unowned let group: Group
    let keyMemo: KeyMemo? = KeyMemo()
    init(_ name: String, in group: Group) { self.name = name; self.group = group }
    static let templateType = TemplateType("member", of: Member.self, [
        .text("name") { $0.name },
        .object("group") { $0.group },
    ])
}

@Suite struct CyclicValueTests {
    func group(_ names: [String]) -> Group {
        let group = Group("g")
        group.members = names.map { Member($0, in: group) }
        return group
    }

    func key(_ group: Group) -> [UInt64] {
        let template = "{{#members}}{{name}} of {{group.name}} ({{#group.members}}{{name}}{{/group.members}}){{/members}}"
        let (compiled, problems) = TemplateLibrary(["t": template]).compile("t", root: Group.templateType)
        #expect(problems.isEmpty)
        var hasher = ValueHashTests.Hasher()
        compiled.hash(.object(group), into: &hasher)
        return hasher.words + hasher.texts.map { UInt64(truncatingIfNeeded: $0.hashValue) }
    }

    /// A template that reads a group's members and a member's group walks the cycle once, and its key still
    /// changes with every name the page shows.
    @Test func aCycleIsWalkedOnceAndEveryValueStillCounts() throws {
        let (compiled, _) = TemplateLibrary(["t": "{{#members}}{{name}}:{{group.name}};{{/members}}"]).compile("t", root: Group.templateType)
        #expect(try compiled.render(.object(group(["a", "b"]))) == "a:g;b:g;")
        #expect(key(group(["a", "b"])) == key(group(["a", "b"])))
        #expect(key(group(["a", "b"])) != key(group(["a", "c"])))
        #expect(key(group(["a", "b"])) != key(group(["a", "b", "c"])))
    }
}

/// A group whose members name it, counting how often a key's walk reads its members.
final class Team: TemplateObject {
    let name: String
    nonisolated(unsafe) var players: [Player] = []
    let keyMemo: KeyMemo? = KeyMemo()
    /// How many times the walk read the players: a count, so that the test needs no clock.
    nonisolated(unsafe) static var reads = 0
    init(_ name: String) { self.name = name }
    static let templateType = TemplateType("team", of: Team.self, [
        .text("name") { $0.name },
        .list("players") { Team.reads += 1; return $0.players },
    ])
}

final class Player: TemplateObject {
    let name: String
    unowned let team: Team
    let keyMemo: KeyMemo? = KeyMemo()
    init(_ name: String, in team: Team) { self.name = name; self.team = team }
    static let templateType = TemplateType("player", of: Player.self, [
        .text("name") { $0.name },
        .object("team") { $0.team },
    ])
}

final class League: TemplateObject {
    let teams: [Team]
    init(_ teams: [Team]) { self.teams = teams }
    static let templateType = TemplateType("league", of: League.self, [.list("teams") { $0.teams }])
}

@Suite(.serialized) struct CyclicKeyCostTests {
    /// A shared value whose walk meets only itself again (a section whose entries name it) keeps its key: a
    /// page that shows it a hundred times walks it once. Before, meeting itself again cost it its key, and
    /// each showing walked all its members again.
    @Test func aValueThatLeadsOnlyBackToItselfIsWalkedOnce() throws {
        let template = "{{#teams}}{{name}}: {{#players}}{{name}} of {{team.name}}, {{/players}}{{/teams}}"
        let (compiled, problems) = TemplateLibrary(["t": template]).compile("t", root: League.templateType)
        #expect(problems.isEmpty)
        func team(_ names: [String]) -> Team {
            let team = Team("t")
            team.players = names.map { Player($0, in: team) }
            return team
        }
        let shared = team((0..<50).map { "p\($0)" })
        Team.reads = 0
        var hasher = ValueHashTests.Hasher()
        compiled.hash(.object(League(Array(repeating: shared, count: 100))), into: &hasher)
        #expect(Team.reads == 1)
        // The key still changes with a player's name.
        let other = team((0..<50).map { $0 == 25 ? "x" : "p\($0)" })
        var otherHasher = ValueHashTests.Hasher()
        compiled.hash(.object(League(Array(repeating: other, count: 100))), into: &otherHasher)
        #expect(otherHasher.words != hasher.words)
    }
}

