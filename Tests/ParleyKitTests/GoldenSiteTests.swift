import Foundation
import Testing
@testable import ParleyKit

/// The whole output of the fixture site, compared byte for byte with `Tests/Fixtures/Sites/<case>/Expected/`.
/// Re-record with `PARLEY_RECORD=1 swift test`, then review the diff like code.
@Suite struct GoldenSiteTests {
    @Test(arguments: ["basic"])
    func siteMatchesExpectedOutput(name: String) throws {
        let site = Fixtures.root.appendingPathComponent("Sites/\(name)")
        let expected = site.appendingPathComponent("Expected")
        let output = TemporaryFolder()
        let target = output.url.appendingPathComponent("Public")
        let report = try Pipeline.build(Pipeline.Options(siteRoot: site, output: target))
        // The fixture keeps one source uncited on purpose, for "Further reading".
        #expect(report.diagnostics.map(\.description) == [
            "Content/bibliography.yaml:19:9: warning: source 'unused2020' is never cited; the bibliography lists it under Further reading",
        ])

        if Fixtures.recording {
            try? FileManager.default.removeItem(at: expected)
            try FileManager.default.copyItem(at: target, to: expected)
            return
        }
        let actual = Snapshot.take(target)
        let golden = Snapshot.take(expected)
        #expect(actual.keys.sorted() == golden.keys.sorted(), "files differ from Expected/")
        for (path, data) in golden.sorted(by: { $0.key < $1.key }) {
            let produced = actual[path].map { String(decoding: $0, as: UTF8.self) } ?? "<missing>"
            #expect(produced == String(decoding: data, as: UTF8.self), "\(path) differs from Expected/\(path)")
        }
    }

    @Test func draftsAreLeftOutUnlessAskedFor() throws {
        let output = TemporaryFolder()
        let site = Fixtures.basicSite
        _ = try Pipeline.build(Pipeline.Options(siteRoot: site, output: output.url.appendingPathComponent("a")))
        #expect(!FileManager.default.fileExists(atPath: output.url.appendingPathComponent("a/rounds/draft-talks/index.html").path))
        _ = try Pipeline.build(Pipeline.Options(siteRoot: site, output: output.url.appendingPathComponent("b"), includeDrafts: true))
        let page = try String(contentsOf: output.url.appendingPathComponent("b/rounds/draft-talks/index.html"), encoding: .utf8)
        #expect(page.contains("<h1>Draft talks</h1>"))
    }
}
