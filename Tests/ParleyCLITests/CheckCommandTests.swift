import Foundation
import Testing

/// End-to-end: `parley check` as CI runs it.
@Suite struct CheckCommandTests {
    static let basic = CLITests.fixtures.appendingPathComponent("Sites/basic")

    /// A copy of the basic fixture site with one check fixture's files laid over it.
    static func copy(with fixture: String? = nil) throws -> URL {
        let site = try CLITests.temporaryCopy(of: basic)
        guard let fixture else { return site }
        let overlay = CLITests.fixtures.appendingPathComponent("Check/\(fixture)/site")
        let files = FileManager.default.enumerator(at: overlay, includingPropertiesForKeys: nil)!
        for case let file as URL in files where !file.hasDirectoryPath {
            let relative = String(file.standardizedFileURL.path.dropFirst(overlay.standardizedFileURL.path.count + 1))
            let target = site.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: file, to: target)
        }
        return site
    }

    /// A copy of the real site (Content/ and Templates/ at the repository's root).
    static func realSite() throws -> URL {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        for folder in ["Content", "Templates"] {
            try FileManager.default.copyItem(
                at: CLITests.repository.appendingPathComponent(folder), to: site.appendingPathComponent(folder))
        }
        return site
    }

    @Test func theRealSitePassesAndNothingIsWritten() throws {
        let site = try Self.realSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try CLITests.parley("check", "--strict", in: site)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.text.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Checked ") == true)
        #expect(lines.first?.hasSuffix(" links): no problems") == true)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))
    }

    @Test func aBrokenLinkFailsWithItsPlaceInTheEntry() throws {
        let site = try Self.copy(with: "entry-links")
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try CLITests.parley("check", in: site)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Content/rounds/zeta-talks.md:7:33: error: the link '../../rounds/alpha-talk/' leads to rounds/alpha-talk/"
            ))
        #expect(result.stderr.contains("  hint: did you mean '../alpha-talks/'?"))
        #expect(result.stderr.contains("error: check failed with 5 errors and 1 warning (checked 23 pages, "))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let site = try Self.copy(with: "warn-outside-base-path")
        defer { try? FileManager.default.removeItem(at: site) }
        let lenient = try CLITests.parley("check", "--site", site.path)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(
            lenient.stderr.contains(
                "Templates/base.mustache:9:18: warning: the link '/elsewhere/' is outside the site's base path '/talks/'"
            ))
        // The fixture site's own warning (a source never cited), and the link's.
        #expect(lenient.text.hasSuffix("links): 2 warnings\n"))
        let strict = try CLITests.parley("check", "--site", site.path, "--strict")
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: check failed with 2 warnings (checked 22 pages, "))
        #expect(strict.stderr.contains(", warnings count with --strict)"))
    }

    @Test func aSiteThatDoesNotBuildFails() throws {
        let site = try Self.copy()
        defer { try? FileManager.default.removeItem(at: site) }
        try Data("---\ntitle: A\ndate: 2022-02-30\n---\n".utf8).write(
            to: site.appendingPathComponent("Content/rounds/a.md"))
        let result = try CLITests.parley("check", "--site", site.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/rounds/a.md:3:7: error: '2022-02-30' is not a valid date"))
        #expect(result.stderr.contains("error: check failed with 1 error (links not checked: the site does not build)"))
    }

    @Test func githubFormatIsOneWorkflowCommandPerProblem() throws {
        let site = try Self.copy(with: "missing-asset")
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try CLITests.parley("check", "--site", site.path, "--format", "github")
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        #expect(result.text == Self.expectedGitHub)
    }

    static let expectedGitHub = """
        ::warning file=Content/bibliography.yaml,line=19,col=9,title=parley check::source 'unused2020' is never cited; the bibliography lists it under Further reading (cite it with [@unused2020] where it supports a statement, or remove it)
        ::error file=Templates/base.mustache,line=3,col=156,title=parley check::<link> href './assets/sight.css' refers to assets/sight.css, which is not among the site's assets (on 22 pages, e.g. the home page) (did you mean '{{root}}assets/site.css'?)

        """

    @Test func jsonFormatParsesWithEveryField() throws {
        let site = try Self.copy(with: "entry-links")
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try CLITests.parley("check", "--site", site.path, "--format", "json")
        #expect(result.status == 1)
        let objects = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
        #expect(objects.count == 6)
        for object in objects {
            #expect(Set(object.keys) == ["file", "line", "column", "severity", "message", "hint"])
            #expect(object["line"] is Int && object["column"] is Int)
        }
        let links = objects.filter { $0["file"] as? String == "Content/rounds/zeta-talks.md" }
        #expect(links.map { $0["line"] as? Int } == [7, 8, 8, 10, 11])
        #expect(links.allSatisfy { $0["severity"] as? String == "error" })
        #expect(
            links.first?["message"] as? String
                == "the link '../../rounds/alpha-talk/' leads to rounds/alpha-talk/, which is not a page or file of the site"
        )
        #expect(links.first?["hint"] as? String == "did you mean '../alpha-talks/'?")
        #expect(
            links[2]["hint"] as? String
                == "give the element id=\"…\", or link to an id the page has; an entry's headings get their ids from their text"
        )

        let site2 = try Self.realSite()
        defer { try? FileManager.default.removeItem(at: site2) }
        let clean = try CLITests.parley("check", "--site", site2.path, "--format", "json")
        #expect(clean.status == 0)
        #expect(try JSONSerialization.jsonObject(with: clean.stdout) as? [Any] != nil)
        #expect(clean.text.filter { !$0.isWhitespace } == "[]")
    }
}
