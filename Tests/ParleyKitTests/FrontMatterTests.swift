import Testing
@testable import ParleyKit

@Suite struct FrontMatterTests {
    func parse(
        _ text: String, section: SectionConfig = SectionConfig(name: "rounds", dated: true)
    ) -> (Entry?, [Diagnostic]) {
        let file = EntryFile(source: SourceFile(path: "Content/rounds/x.md", text: text), section: "rounds", slug: "x")
        return EntryParser.parse(
            file, section: section, subjects: SubjectKind.allCases,
            fields: [FieldDeclaration(name: "location", type: .text)], options: MarkdownOptions())
    }

    @Test func splitsAtTheClosingFenceAndCountsBodyLinesInTheFile() throws {
        let split = try FrontMatter.split(SourceFile(path: "a.md", text: "---\ntitle: A\n---\nBody\n")).get()
        #expect(split.yaml == "title: A")
        #expect(split.body == "Body\n")
        #expect(split.bodyLineOffset == 3)
    }

    @Test func acceptsWindowsLineEndsAndDotsAsTheClosingFence() throws {
        let crlf = try FrontMatter.split(SourceFile(path: "a.md", text: "---\r\ntitle: A\r\n---\r\nBody\r\n")).get()
        #expect(crlf.yaml == "title: A")
        #expect(crlf.body == "Body\r\n")
        let dots = try FrontMatter.split(SourceFile(path: "a.md", text: "---\ntitle: A\n...\nBody")).get()
        #expect(dots.body == "Body")
    }

    @Test func valuesAreKeptAsWrittenNotTypeGuessed() throws {
        let (entry, problems) = parse(
            "---\ntitle: 1.10\ndate: 2022-02-28\nlocation: no\nsummary: 'yes'\ntopics: [1.0, null-island]\n---\n")
        #expect(problems.isEmpty)
        #expect(entry?.title == "1.10")
        #expect(entry?.fields["location"] == .text("no"))
        #expect(entry?.summary == "yes")
        #expect(entry?.terms("topics") == ["1.0", "null-island"])
        #expect(entry?.date?.description == "2022-02-28")
    }

    @Test func emptyValuesAreAbsent() throws {
        let (entry, problems) = parse("---\ntitle: A\ndate: 2022\nsummary:\npeople: ~\n---\n")
        #expect(problems.isEmpty)
        #expect(entry?.summary == nil)
        #expect(entry?.terms("people") == [])
    }

    @Test func undatedSectionsDoNotNeedADate() {
        let (entry, problems) = parse("---\ntitle: A\n---\n", section: SectionConfig(name: "pages"))
        #expect(problems.isEmpty)
        #expect(entry?.date == nil)
    }

    @Test func relatedSlugsKeepTheirPositions() throws {
        let (entry, _) = parse("---\ntitle: A\ndate: 2022\nrelated:\n  - b\n  - c\n---\n")
        let related = try #require(entry?.related)
        #expect(related.map(\.value) == ["b", "c"])
        #expect(related.map(\.location.description) == ["Content/rounds/x.md:5:5", "Content/rounds/x.md:6:5"])
    }

    @Test func bodyHeadingPositionsCountFrontMatterLines() throws {
        let (entry, _) = parse("---\ntitle: A\ndate: 2022\n---\n\n## First\n")
        #expect(entry?.body.headings.first?.line == 6)
    }
}
