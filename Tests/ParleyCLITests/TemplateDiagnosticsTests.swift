import Foundation
import Testing

/// Template mistakes through the real `parley` binary: each is an error at `Templates/FILE:LINE:COL` with a
/// hint, all of them together, the build exits 1 and the output folder stays as it was.
@Suite struct TemplateDiagnosticsTests {
    func site(_ templates: [String: String]) throws -> URL {
        let site = try CLITests.temporaryCopy(of: CLITests.fixtures.appendingPathComponent("Sites/basic"))
        for (path, text) in templates {
            try Data(text.utf8).write(to: site.appendingPathComponent("Templates/" + path))
        }
        return site
    }

    @Test func everyTemplateMistakeIsLocatedAndTheBuildFails() throws {
        let site = try self.site([:])
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try CLITests.parley("build", in: site).status == 0)
        let before = try Data(contentsOf: site.appendingPathComponent("Public/index.html"))
        let section = try String(contentsOf: site.appendingPathComponent("Templates/section.mustache"), encoding: .utf8)
        let subject = try String(contentsOf: site.appendingPathComponent("Templates/subject.mustache"), encoding: .utf8)
        try Data(
            section.replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1>{{titel}}</h1>\n{{> partials/lst}}").utf8
        )
        .write(to: site.appendingPathComponent("Templates/section.mustache"))
        try Data(
            subject.replacingOccurrences(of: "{{#single}}entry{{/single}}", with: "{{#count}}entry{{/count}}").utf8
        )
        .write(to: site.appendingPathComponent("Templates/subject.mustache"))
        try Data("{{> partials/b}}\n".utf8).write(to: site.appendingPathComponent("Templates/partials/a.mustache"))
        try Data("{{> partials/a}}\n".utf8).write(to: site.appendingPathComponent("Templates/partials/b.mustache"))
        try Data("{{<base}}{{$main}}{{> partials/a}}{{/main}}{{/base}}\n".utf8).write(
            to: site.appendingPathComponent("Templates/404.mustache"))

        let result = try CLITests.parley("build", in: site)
        #expect(result.status == 1)
        for expected in [
            "Templates/section.mustache:4:5: error: no value named 'titel' here (on section pages)",
            "hint: did you mean 'title'",
            "Templates/section.mustache:5:1: error: there is no template 'partials/lst' for this partial (on section pages)",
            "hint: did you mean 'partials/list'",
            "Templates/subject.mustache:5:",
            "error: 'count' is a number, which is always there",
            "Templates/partials/b.mustache:1:1: error: 'partials/a' includes itself (partials/a → partials/b → partials/a), so it would never end (on 404 pages)",
            "error: build failed with 4 errors;",
        ] {
            #expect(result.stderr.contains(expected), "\(expected)\n---\n\(result.stderr)")
        }
        #expect(try Data(contentsOf: site.appendingPathComponent("Public/index.html")) == before)

        // parley check reports the same, and so does the JSON format, file by file.
        let check = try CLITests.parley("check", "--format", "json", in: site)
        #expect(check.status == 1)
        #expect(
            check.text.contains("\"file\" : \"Templates\\/section.mustache\"")
                || check.text.contains("\"file\":\"Templates/section.mustache\"")
                || check.text.contains("Templates/section.mustache"))
    }

    /// The defect that made this engine: a related entry without a date printed the date of the page it was
    /// listed on. The real site's templates list related entries with their dates.
    @Test func anUndatedRelatedEntryShowsNoDate() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parley-related-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try CLITests.parley(
            "build", "--site", CLITests.repository.path, "--output", output.path, "--no-cache")
        #expect(result.status == 0, "\(result.stderr)")
        // "Russia's demands" has no date; the pages listing it as related do.
        var checked = 0
        for page in [
            "rounds/first-round-belarus", "rounds/second-round-belarus", "rounds/istanbul-talks",
            "events/invasion-begins",
        ] {
            let html = try String(contentsOf: output.appendingPathComponent(page + "/index.html"), encoding: .utf8)
            guard
                let line = html.split(separator: "\n").first(where: {
                    $0.contains("proposals/russia-demands/\"") && $0.hasPrefix("<li>")
                })
            else { continue }
            #expect(!line.contains("<time"), "\(page): \(line)")
            checked += 1
        }
        #expect(checked >= 3)
    }
}

/// The real site's front page tells the story, from the entry site.yaml's `home` names, with its notes.
@Suite struct HomePageTests {
    @Test func theHomePageTellsTheStoryWithItsNotes() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("parley-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try CLITests.parley(
            "build", "--site", CLITests.repository.path, "--output", output.path, "--no-cache")
        #expect(result.status == 0, "\(result.stderr)")
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("<h2 id=\"overview-title\">The negotiations in brief</h2>"))
        #expect(home.contains("<a href=\"./rounds/first-round-belarus/\">met in Belarus</a>"))
        #expect(home.contains("<section class=\"references\" id=\"references\""))
        #expect(!home.contains("Most recent"))
    }
}
