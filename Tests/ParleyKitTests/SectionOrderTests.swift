import Foundation
import Testing
@testable import ParleyKit

/// An undated section's order: `weight` (lower first, entries without one after those with one), then title,
/// then slug; the same order for its list page and for previous and next. A dated section keeps the chronology.
@Suite struct SectionOrderTests {
    /// The entries' titles in the order a page's links to them appear.
    static func titles(in html: String, among titles: [String]) -> [String] {
        titles.compactMap { title in html.range(of: ">\(title)</a>").map { (title, $0.lowerBound) } }
            .sorted { $0.1 < $1.1 }.map(\.0)
    }

    static func proposal(_ title: String, weight: String?) -> String {
        "---\ntitle: \(title)\n" + (weight.map { "weight: \($0)\n" } ?? "") + "---\nText.\n"
    }

    @Test func weightOrdersAnUndatedSectionThenTitleThenSlug() throws {
        let folder = miniSite([
            "Content/proposals/install.md": Self.proposal("Zeta install", weight: "10"),
            "Content/proposals/first-site.md": Self.proposal("Alpha first site", weight: "20"),
            "Content/proposals/negative.md": Self.proposal("Omega before all", weight: "-5"),
            "Content/proposals/tie-b.md": Self.proposal("Tie", weight: "30"),
            "Content/proposals/tie-a.md": Self.proposal("Tie", weight: "30"),
            "Content/proposals/unweighted-b.md": Self.proposal("Beta unweighted", weight: nil),
            "Content/proposals/unweighted-a.md": Self.proposal("Alpha unweighted", weight: nil),
        ])
        let (site, diagnostics) = try Pipeline.renderSite(Pipeline.Options(siteRoot: folder.url))
        #expect(!diagnostics.hasErrors)
        let list = try #require(site.pages.first { $0.path == "proposals/index.html" }).contents
        let order = [
            "Omega before all", "Zeta install", "Alpha first site", "Tie", "Alpha unweighted", "Beta unweighted",
        ]
        #expect(Self.titles(in: list, among: order) == order)
        // The two entries titled "Tie" go by slug.
        let tieA = try #require(list.range(of: "proposals/tie-a/"))
        let tieB = try #require(list.range(of: "proposals/tie-b/"))
        #expect(tieA.lowerBound < tieB.lowerBound)
        // Previous and next follow the same order.
        let firstSite = try #require(site.pages.first { $0.path == "proposals/first-site/index.html" }).contents
        #expect(firstSite.contains("<a rel=\"prev\" href=\"../../proposals/install/\">Zeta install</a>"))
        #expect(firstSite.contains("<a rel=\"next\" href=\"../../proposals/tie-a/\">Tie</a>"))
        let unweighted = try #require(site.pages.first { $0.path == "proposals/unweighted-a/index.html" }).contents
        #expect(unweighted.contains("<a rel=\"prev\" href=\"../../proposals/tie-b/\">Tie</a>"))
    }

    @Test func weightHasNoEffectInADatedSectionAndSaysSo() throws {
        let folder = miniSite([
            "Content/rounds/early.md": "---\ntitle: Early\ndate: 2022-03-01\nweight: 90\n---\n",
            "Content/rounds/late.md": "---\ntitle: Late\ndate: 2022-04-01\nweight: 1\n---\n",
        ])
        let (site, diagnostics) = try Pipeline.renderSite(Pipeline.Options(siteRoot: folder.url))
        let list = try #require(site.pages.first { $0.path == "rounds/index.html" }).contents
        #expect(Self.titles(in: list, among: ["Late", "Early"]) == ["Early", "Late"])
        #expect(
            diagnostics.map(\.description).filter { $0.contains("weight") }.sorted() == [
                "Content/rounds/early.md:4:9: warning: 'weight' has no effect in 'rounds', whose entries are in date order",
                "Content/rounds/late.md:4:9: warning: 'weight' has no effect in 'rounds', whose entries are in date order",
            ])
    }

    @Test func theOrderIsTheSameWhateverOrderTheEntriesComeIn() {
        func entry(_ slug: String, _ title: String, _ weight: Int?) -> Entry {
            Entry(
                slug: slug, section: "guide", path: "Content/guide/\(slug).md", title: title, date: nil, summary: nil,
                related: [], draft: false, body: EntryBody(html: "", headings: [], citations: []), weight: weight)
        }
        let entries = [
            entry("a", "B", nil), entry("b", "A", nil), entry("c", "Z", 2), entry("d", "Y", 2), entry("e", "X", 1),
            entry("f", "A", nil),
        ]
        let expected = ["e", "d", "c", "b", "f", "a"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            #expect(entries.shuffled(using: &generator).sorted(by: SiteResolver.inSectionOrder).map(\.slug) == expected)
        }
    }
}
