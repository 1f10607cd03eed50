import Foundation
import Testing
@testable import ParleyKit

/// One broken site per kind of mistake, each with the exact diagnostics it must produce.
///
/// A case is `Tests/Fixtures/Invalid/<case>/`: its `site/` files are laid over a copy of the basic fixture
/// site, the paths listed in `delete.txt` (if any) are removed from it, and building it must print exactly
/// `expected-diagnostics.txt` (re-recorded with `PARLEY_RECORD=1`). Cases whose name starts with `warn-`
/// must still build; all others must fail.
@Suite struct InvalidSiteTests {
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.invalid.path)) ?? [])
        .sorted()

    @Test func everyCaseIsHere() {
        #expect(Self.cases.count >= 15)
    }

    @Test(arguments: cases)
    func brokenSiteReportsExactDiagnostics(name: String) throws {
        let folder = Fixtures.invalid.appendingPathComponent(name)
        let site = TemporaryFolder()
        for path in Snapshot.files(in: Fixtures.basicSite) where !path.hasPrefix("Expected/") {
            site.write(path, try Data(contentsOf: Fixtures.basicSite.appendingPathComponent(path)))
        }
        if let deletions = try? String(contentsOf: folder.appendingPathComponent("delete.txt"), encoding: .utf8) {
            for path in deletions.split(separator: "\n") where !path.isEmpty {
                try FileManager.default.removeItem(at: site.url.appendingPathComponent(String(path)))
            }
        }
        site.copy(from: folder.appendingPathComponent("site"))

        let result = diagnostics(building: site.url)
        let expectedFile = folder.appendingPathComponent("expected-diagnostics.txt")
        if Fixtures.recording {
            try (result.report + "\n").write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(result.report + "\n" == expected)
        #expect(
            result.succeeded == name.hasPrefix("warn-"), "\(name): build \(result.succeeded ? "succeeded" : "failed")")
        // Every diagnostic is located in a file, and every error says how to fix it or where.
        for diagnostic in result.diagnostics {
            #expect(!diagnostic.location.file.isEmpty)
        }
    }
}
