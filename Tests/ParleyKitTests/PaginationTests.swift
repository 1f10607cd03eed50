import Foundation
import Testing
@testable import ParleyKit

/// Long lists split over pages (`page-size`): section lists, a term's page and the bibliography, at `page/N/`.
@Suite struct PaginationTests {
    @Test func pagesSplitAListAtItsSize() {
        let pagination = Pagination(base: "rounds/", count: 5, size: 2)
        #expect(pagination.pageCount == 3)
        #expect((1...3).map(pagination.url) == ["rounds/", "rounds/page/2/", "rounds/page/3/"])
        #expect((1...3).map(pagination.range) == [0..<2, 2..<4, 4..<5])
        #expect((0..<5).map(pagination.page(ofItem:)) == [1, 1, 2, 2, 3])
        #expect(pagination.values(1) != nil)
        // Zero, or a list no longer than a page, is one page without pagination values.
        for (count, size) in [(5, 0), (2, 2), (0, 2), (0, 0)] {
            let one = Pagination(base: "a/", count: count, size: size)
            #expect(one.pageCount == 1 && one.range(1) == 0..<count && one.values(1) == nil)
        }
    }

    static func site(
        pageSize: String, sectionPageSize: String? = nil, entries: Int = 5, sources: Int = 3
    ) -> TemporaryFolder {
        var settings =
            "title: Talks\nbase-url: https://example.org/\npage-size: \(pageSize)\nsections:\n  - name: rounds\n    dated: true\n"
        if let sectionPageSize { settings += "    page-size: \(sectionPageSize)\n" }
        settings += "subjects:\n  - name: topics\n    singular: topic\n"
        var files = ["Content/site.yaml": settings]
        var bibliography = "references:\n"
        for index in 1...sources {
            bibliography +=
                "  - id: src\(index)\n    type: article\n    title: Source \(index)\n    author: [{family: Author\(index), given: A}]\n    issued: 2022\n"
        }
        files["Content/bibliography.yaml"] = bibliography
        for index in 1...entries {
            files["Content/rounds/round-\(index).md"] =
                "---\ntitle: Round \(index)\ndate: 2022-03-0\(index)\ntopics: [Ceasefire]\n---\nText [@src\(min(index, sources))].\n"
        }
        return miniSite(files)
    }

    static func build(_ site: TemporaryFolder) throws -> (output: TemporaryFolder, report: Pipeline.Report) {
        let output = TemporaryFolder()
        let report = try Pipeline.build(Pipeline.Options(siteRoot: site.url, output: output.url, gitDates: false))
        return (output, report)
    }

    static func read(_ output: TemporaryFolder, _ path: String) -> String? {
        try? String(contentsOf: output.url.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func aSectionATermAndTheBibliographyAreSplitAndEveryLinkLeadsSomewhere() throws {
        let site = Self.site(pageSize: "2")
        let (output, _) = try Self.build(site)
        let first = try #require(Self.read(output, "rounds/index.html"))
        let second = try #require(Self.read(output, "rounds/page/2/index.html"))
        let third = try #require(Self.read(output, "rounds/page/3/index.html"))
        #expect(Self.read(output, "rounds/page/4/index.html") == nil)
        #expect(Self.read(output, "rounds/page/1/index.html") == nil)
        #expect(first.contains("Round 1") && first.contains("Round 2") && !first.contains("Round 3"))
        #expect(
            second.contains("Round 3") && second.contains("Round 4") && !second.contains("Round 2")
                && !second.contains("Round 5"))
        #expect(third.contains("Round 5") && !third.contains("Round 4"))
        // Links from a later page start three folders down.
        #expect(second.contains("href=\"../../../rounds/round-3/\""), "\(second)")
        #expect(Self.read(output, "subjects/topics/ceasefire/page/3/index.html")?.contains("Round 5") == true)
        #expect(Self.read(output, "bibliography/page/2/index.html")?.contains("id=\"src3\"") == true)
        // A note links to its source on the page that lists it.
        let round5 = try #require(Self.read(output, "rounds/round-5/index.html"))
        #expect(round5.contains("href=\"../../bibliography/page/2/#src3\""), "\(round5)")
        let sitemap = try #require(Self.read(output, "sitemap.xml"))
        #expect(sitemap.contains("https://example.org/rounds/page/2/"))
        let check = SiteChecker.check(Pipeline.Options(siteRoot: site.url, gitDates: false))
        #expect(!check.diagnostics.contains { $0.isError }, "\(check.diagnostics)")
    }

    @Test func aSectionsOwnSizeWinsAndZeroKeepsOnePage() throws {
        let (output, _) = try Self.build(Self.site(pageSize: "0", sectionPageSize: "4"))
        #expect(Self.read(output, "rounds/page/2/index.html")?.contains("Round 5") == true)
        #expect(Self.read(output, "subjects/topics/ceasefire/page/2/index.html") == nil)
        #expect(Self.read(output, "bibliography/page/2/index.html") == nil)
        let round3 = try #require(Self.read(output, "rounds/round-3/index.html"))
        #expect(round3.contains("href=\"../../bibliography/#src3\""))
    }

    @Test func aPageSizeThatIsNoWholeNumberIsALocatedError() {
        let site = Self.site(pageSize: "ten", sectionPageSize: "-1")
        let errors = diagnostics(building: site.url).diagnostics.filter(\.isError)
        #expect(
            errors.map(\.description) == [
                "Content/site.yaml:3:12: error: 'page-size' must be a whole number (0 for every list on one page), not 'ten'",
                "Content/site.yaml:7:16: error: 'page-size' must be a whole number (0 for every list on one page), not '-1'",
            ])
        #expect(errors.first?.hint == "for example: page-size: 100")
    }

    @Test func anAliasCannotTakeALaterPageOfAList() {
        let site = Self.site(pageSize: "2")
        site.write([
            "Templates/alias.mustache": "<a href=\"{{root}}{{entry.url}}\">{{entry.title}}</a>\n",
            "Content/rounds/round-1.md":
                "---\ntitle: Round 1\ndate: 2022-03-01\naliases: [/rounds/page/2/]\ntopics: [Ceasefire]\n---\nText [@src1].\n",
        ])
        let errors = diagnostics(building: site.url).diagnostics.filter(\.isError)
        #expect(
            errors.map(\.description) == [
                "Content/rounds/round-1.md:4:11: error: the alias /rounds/page/2/ is already a page of the list of section 'rounds'"
            ])
    }
}
