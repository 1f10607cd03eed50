import Foundation
import Testing
@testable import ParleyKit

/// The whole output of the fixture site, compared byte for byte with `Tests/Fixtures/Sites/<case>/Expected/`.
/// Re-record with `PARLEY_RECORD=1 swift test`, then review the diff like code.
@Suite struct GoldenSiteTests {
    /// The fixture sites: `basic`, which has every page kind, and `cases`, a site on another subject (the
    /// fictional courts of Exampleland) with its own sections, a field of every type and its own kinds of
    /// subject, which the engine builds with no change.
    @Test(arguments: ["basic", "cases"])
    func siteMatchesExpectedOutput(name: String) throws {
        let site = Fixtures.root.appendingPathComponent("Sites/\(name)")
        let expected = site.appendingPathComponent("Expected")
        let output = TemporaryFolder()
        let target = output.url.appendingPathComponent("Public")
        // The fixture lives in this repository's git history: its dates must come from its files alone.
        let report = try Pipeline.build(Pipeline.Options(siteRoot: site, output: target, gitDates: false))
        // The basic fixture keeps one source uncited on purpose, for "Further reading".
        #expect(
            report.diagnostics.map(\.description)
                == (name == "basic"
                    ? [
                        "Content/bibliography.yaml:19:9: warning: source 'unused2020' is never cited; the bibliography lists it under Further reading"
                    ] : []))

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
        #expect(
            !FileManager.default.fileExists(
                atPath: output.url.appendingPathComponent("a/rounds/draft-talks/index.html").path))
        _ = try Pipeline.build(
            Pipeline.Options(siteRoot: site, output: output.url.appendingPathComponent("b"), includeDrafts: true))
        let page = try String(
            contentsOf: output.url.appendingPathComponent("b/rounds/draft-talks/index.html"), encoding: .utf8)
        #expect(page.contains("<h1>Draft talks</h1>"))
    }

    /// Every relative link and `#fragment` in the built fixture site points at a file and an id that exist
    /// (the one empty `href` is the `javascript:` link that safe mode empties on purpose).
    @Test func noInternalLinkIsBroken() throws {
        let output = TemporaryFolder()
        _ = try Pipeline.build(Pipeline.Options(siteRoot: Fixtures.basicSite, output: output.url))
        let pages = Snapshot.take(output.url).filter { $0.key.hasSuffix(".html") }.mapValues {
            String(decoding: $0, as: UTF8.self)
        }
        func ids(_ html: String) -> Set<String> { Set(matches(#"\sid="([^"]*)""#, in: html).map(unescape)) }
        var broken: [String] = []
        for (path, html) in pages where path != "404.html" {
            for href in matches(#"(?:href|src)="([^"]*)""#, in: html).map(unescape) {
                if href.hasPrefix("http:") || href.hasPrefix("https:") { continue }
                if href.isEmpty {
                    broken.append("\(path): empty href")
                    continue
                }
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                var target =
                    parts[0].isEmpty
                    ? path
                    : (URL(fileURLWithPath: "/" + path).deletingLastPathComponent()
                        .appendingPathComponent(parts[0]).standardized.path.dropFirst().description)
                if target.isEmpty || parts[0].hasSuffix("/") || parts[0] == "./" {
                    target += target.isEmpty || target.hasSuffix("/") ? "index.html" : "/index.html"
                }
                guard
                    let page = pages[target]
                        ?? (FileManager.default.fileExists(atPath: output.url.appendingPathComponent(target).path)
                            ? "" : nil)
                else {
                    broken.append("\(path): \(href) (no \(target))")
                    continue
                }
                if parts.count == 2, target.hasSuffix(".html"),
                    !ids(page).contains(parts[1].removingPercentEncoding ?? parts[1])
                {
                    broken.append("\(path): \(href) (no id)")
                }
            }
        }
        #expect(broken == ["rounds/alpha-talks/index.html: empty href"])
    }

    private func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    private func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// A menu shows sections without their entries: a page's key then never walks every section's entries
/// through its menu (each entry of a listed section led back to its section, whose walk went through all of
/// them again: a whole build of 10,000 entries took over 90 s).
@Suite struct NavKeyTests {
    @Test func theMenuHoldsNoEntries() {
        #expect(NavItem.templateType.field(named: "entries") == nil)
        #expect(NavItem.templateType.field(named: "active") != nil)
        #expect(SectionValues.templateType.field(named: "active") == nil)
    }
}
