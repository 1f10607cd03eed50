import Testing
@testable import ParleyTemplates

/// A page's cache key is made by walking its values as the compiled template reads them.
@Suite struct ValueHashTests {
    struct Hasher: ValueHasher {
        var words: [UInt64] = []
        var texts: [String] = []
        mutating func combine(_ word: UInt64) { words.append(word) }
        mutating func combine(_ text: String) { texts.append(text) }
        mutating func combine(_ key: CacheKey) {
            words.append(key.high)
            words.append(key.low)
        }
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

    static let templateType = TemplateType(
        "shared", of: Shared.self,
        [
            .text("title") { (shared: Shared) -> String in
                reads += 1
                return shared.title
            }
        ])
}

final class Holder: TemplateObject {
    let items: [Shared]
    init(_ items: [Shared]) { self.items = items }
    static let templateType = TemplateType("holder", of: Holder.self, [.list("items") { $0.items }])
}

@Suite(.serialized) struct KeyMemoTests {
    @Test func aSharedValueIsWalkedOncePerTemplate() {
        let (compiled, problems) = TemplateLibrary(["t": "{{#items}}{{title}}{{/items}}"]).compile(
            "t", root: Holder.templateType)
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
    static let templateType = TemplateType(
        "group", of: Group.self,
        [
            .text("name") { $0.name },
            .list("members") { $0.members },
        ])
}

final class Member: TemplateObject {
    let name: String
    unowned let group: Group
    let keyMemo: KeyMemo? = KeyMemo()
    init(_ name: String, in group: Group) {
        self.name = name
        self.group = group
    }
    static let templateType = TemplateType(
        "member", of: Member.self,
        [
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
        let template =
            "{{#members}}{{name}} of {{group.name}} ({{#group.members}}{{name}}{{/group.members}}){{/members}}"
        let (compiled, problems) = TemplateLibrary(["t": template]).compile("t", root: Group.templateType)
        #expect(problems.isEmpty)
        var hasher = ValueHashTests.Hasher()
        compiled.hash(.object(group), into: &hasher)
        return hasher.words + hasher.texts.map { UInt64(truncatingIfNeeded: $0.hashValue) }
    }

    /// A template that reads a group's members and a member's group walks the cycle once, and its key still
    /// changes with every name the page shows.
    @Test func aCycleIsWalkedOnceAndEveryValueStillCounts() throws {
        let (compiled, _) = TemplateLibrary(["t": "{{#members}}{{name}}:{{group.name}};{{/members}}"]).compile(
            "t", root: Group.templateType)
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
    static let templateType = TemplateType(
        "team", of: Team.self,
        [
            .text("name") { $0.name },
            .list("players") {
                Team.reads += 1
                return $0.players
            },
        ])
}

final class Player: TemplateObject {
    let name: String
    unowned let team: Team
    let keyMemo: KeyMemo? = KeyMemo()
    init(_ name: String, in team: Team) {
        self.name = name
        self.team = team
    }
    static let templateType = TemplateType(
        "player", of: Player.self,
        [
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
