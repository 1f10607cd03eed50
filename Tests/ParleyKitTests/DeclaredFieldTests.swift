import Foundation
import Testing
@testable import ParleyKit

/// Fields declared in site.yaml: where each applies, one type per name, and what templates see.
@Suite struct DeclaredFieldTests {
    static func settings(_ text: String) -> (SiteConfig, [String]) {
        let (config, problems) = SiteConfigLoader.parse(SourceFile(path: "Content/site.yaml", text: text))
        return (config, problems.map(\.description))
    }

    @Test func aSectionsFieldsApplyToItsEntriesOnlyAndANameHasOneType() {
        let (config, problems) = Self.settings(
            """
            title: T
            base-url: https://example.org/
            fields:
              - name: location
                type: text
            sections:
              - name: cases
                fields:
                  - name: docket
                    type: text
                    required: true
              - name: rulings
                fields:
                  - name: docket
                    type: list
                  - name: location
                    type: text
            """)
        #expect(
            problems == [
                "Content/site.yaml:15:15: error: the field 'docket' is text in section 'cases', so it cannot be list here",
                "Content/site.yaml:16:15: error: the field 'location' is declared twice (it is declared for every section already)",
            ])
        #expect(config.fields(for: "cases").map(\.name) == ["location", "docket"])
        #expect(config.fields(for: "rulings").map(\.name) == ["location"])
        #expect(config.fields(for: "cases").last?.required == true)
    }

    @Test func aFieldOfAnotherSectionIsUnknownHere() {
        let declarations = [FieldDeclaration(name: "docket", type: .text, section: "cases")]
        let config = SiteConfig(title: "T", sections: [SectionConfig(name: "cases"), SectionConfig(name: "pages")])
        var withFields = config
        withFields.fields = declarations
        let file = EntryFile(
            source: SourceFile(path: "Content/pages/a.md", text: "---\ntitle: A\ndocket: X-1\n---\n"), section: "pages",
            slug: "a")
        let (entry, problems) = EntryParser.parse(
            file, section: SectionConfig(name: "pages"), fields: withFields.fields(for: "pages"),
            options: MarkdownOptions())
        #expect(entry?.fields.isEmpty == true)
        #expect(problems.map(\.message) == ["unknown field 'docket' in the front matter; it is ignored"])
    }

    @Test func valuesReadAsTheirTypes() throws {
        let declarations: [FieldDeclaration] = [
            .init(name: "outcome", type: .markdown), .init(name: "votes", type: .number),
            .init(name: "share", type: .number),
            .init(name: "unanimous", type: .boolean), .init(name: "argued", type: .date),
            .init(name: "opinion", type: .url),
            .init(name: "overrules", type: .entry), .init(name: "follows", type: .entries),
            .init(name: "parties", type: .list),
            .init(name: "venue", type: .text),
        ]
        let text = """
            ---
            title: A
            outcome: The board *may* license it
            votes: 5
            share: 0.75
            unanimous: true
            argued: 1998-01?
            opinion: https://example.org/op
            overrules: b
            follows: [c, d]
            parties: [Ann "the first" Miller, Board]
            venue: The "old" court
            ---
            """
        let file = EntryFile(
            source: SourceFile(path: "Content/cases/a.md", text: text + "\n"), section: "cases", slug: "a")
        let (entry, problems) = EntryParser.parse(
            file, section: SectionConfig(name: "cases"), fields: declarations,
            options: MarkdownOptions(smart: true))
        #expect(problems.isEmpty, "\(problems)")
        let fields = try #require(entry?.fields)
        #expect(fields["outcome"] == .markdown("The board <em>may</em> license it"))
        #expect(fields["votes"] == .number(5, "5"))
        #expect(fields["share"] == .number(0.75, "0.75"))
        #expect(fields["unanimous"] == .boolean(true))
        #expect(fields["argued"].map { if case .date(let date) = $0 { date.description } else { "" } } == "1998-01?")
        #expect(fields["opinion"] == .text("https://example.org/op"))
        #expect(
            fields["overrules"].map { if case .entries(let slugs) = $0 { slugs.map(\.value) } else { [] } } == ["b"])
        #expect(
            fields["follows"].map { if case .entries(let slugs) = $0 { slugs.map(\.value) } else { [] } } == ["c", "d"])
        #expect(fields["parties"] == .list(["Ann \"the first\" Miller", "Board"]))
        #expect(fields["venue"] == .text("The “old” court"))
    }
}
