import Foundation
import Testing

/// The build cache is good in the next process: every key is the same in every process (Swift's `Hasher` is
/// seeded differently in each, and a dictionary's order with it), so a second build parses nothing.
@Suite struct CacheAcrossProcessesTests {
    /// A site with two editions whose names for sections and subjects are dictionaries in the settings: a key
    /// made from their order changed in every process, and every build parsed every entry again.
    @Test func aSecondBuildInAnotherProcessParsesNothing() throws {
        let site = try OutputFolderTests.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let settings = site.appendingPathComponent("Content/site.yaml")
        var text = try String(contentsOf: settings, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "language: en-GB\n",
            with: """
                languages:
                  - code: en-gb
                  - code: uk
                    untranslated: show-original
                    sections:
                      rounds: {title: Раунди, singular: Раунд}
                      proposals: {title: Пропозиції, singular: Пропозиція}
                      pages: {title: Сторінки, singular: Сторінка}
                    subjects:
                      people: {title: Особи, singular: особа}
                      places: {title: Місця, singular: місце}
                      topics: {title: Теми, singular: тема}

                """)
        try Data(text.utf8).write(to: settings)
        let first = try CLITests.parley("build", "--verbose", in: site)
        #expect(first.status == 0, "\(first.stderr)")
        for _ in 0..<3 {
            let next = try CLITests.parley("build", "--verbose", in: site)
            #expect(next.status == 0, "\(next.stderr)")
            #expect((next.text + next.stderr).contains("parse: 0 entries parsed"), "\(next.text)\(next.stderr)")
        }
    }
}
