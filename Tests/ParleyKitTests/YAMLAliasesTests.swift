import Testing
@testable import ParleyKit

/// A YAML text whose aliases stand for more than 100,000 values is refused before it is composed, at the alias
/// that passes the limit, in front matter and in the bibliography alike; aliases that stand for less are read.
@Suite struct YAMLAliasesTests {
    /// Nine lists, each repeating the one before ten times: the last stands for a billion values.
    static let laughs =
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + (0..<8).map { level in
            let name = String(UnicodeScalar(UInt8(98 + level)))
            let previous = String(UnicodeScalar(UInt8(97 + level)))
            return "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }.joined()

    @Test func measuresTheValuesATextStandsFor() {
        #expect(YAMLAliases.excess(in: "title: no aliases, a * b\n") == nil)
        #expect(YAMLAliases.excess(in: "a: &a [1, 2]\nb: *a\nc: [*a, *a]\n") == nil)
        // The list a stands for 11 values, b for 111, c for 1,111, d for 11,111: with the 12,351 values up to
        // e's list, e's eighth alias of d passes 100,000.
        let excess = YAMLAliases.excess(in: Self.laughs)
        #expect(excess?.line == 5)
        #expect(excess?.column == 36)
        // A mistake is left to Yams, which names it.
        #expect(YAMLAliases.excess(in: "a: [*b\n") == nil)
    }

    @Test func aliasesAsKeysAreMeasuredToo() {
        let text =
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [" + Array(repeating: "*a", count: 10).joined(separator: ", ")
            + "]\nc: &c [" + Array(repeating: "*b", count: 10).joined(separator: ", ") + "]\n"
            + "d: &d [" + Array(repeating: "*c", count: 10).joined(separator: ", ") + "]\n"
            + "k: {*d : 1, *d : 2, *d : 3, *d : 4, *d : 5, *d : 6, *d : 7, *d : 8, *d : 9, *d : 10}\n"
        #expect(YAMLAliases.excess(in: text)?.line == 5)
    }

    @Test func frontMatterIsRefusedAtTheAlias() {
        let text = "---\n" + Self.laughs + "title: x\ndate: 2022\n---\nBody.\n"
        let file = EntryFile(source: SourceFile(path: "Content/rounds/x.md", text: text), section: "rounds", slug: "x")
        let (entry, problems) = EntryParser.parse(
            file, section: SectionConfig(name: "rounds", dated: true),
            subjects: SubjectKind.allCases, fields: [], options: MarkdownOptions())
        #expect(entry == nil)
        #expect(
            problems.map { "\($0.location): \($0.message)" }
                == ["Content/rounds/x.md:6:36: the aliases here repeat more than 100,000 values"])
        #expect(problems.first?.hint == YAMLAliases.hint)
    }

    @Test func modestAliasesInFrontMatterAreRead() {
        let text = "---\ntitle: &t Talks in Istanbul\ndate: 2022-03-29\nsummary: *t\n---\nBody.\n"
        let file = EntryFile(source: SourceFile(path: "Content/rounds/x.md", text: text), section: "rounds", slug: "x")
        let (entry, problems) = EntryParser.parse(
            file, section: SectionConfig(name: "rounds", dated: true),
            subjects: SubjectKind.allCases, fields: [], options: MarkdownOptions())
        #expect(problems.isEmpty)
        #expect(entry?.summary == "Talks in Istanbul")
    }

    @Test func aBibliographyIsRefusedAtTheAlias() {
        let file = SourceFile(path: "Content/bibliography.yaml", text: Self.laughs + "references: *i\n")
        let (bibliography, problems) = BibliographyParser.parse([file])
        #expect(bibliography.references.isEmpty)
        #expect(
            problems.map { "\($0.location): \($0.message)" }
                == ["Content/bibliography.yaml:5:36: the aliases here repeat more than 100,000 values"])
    }
}
