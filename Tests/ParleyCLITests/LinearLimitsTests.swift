import Foundation
import Testing

/// Inputs built to be deep or long, through the real binary: nesting past the limit is a located error, never a
/// crash, and long runs of tags, brackets, links or glossary terms finish (each of these took minutes, or
/// crashed, when the work grew with the square of the input).
@Suite struct LinearLimitsTests {
    static func site() throws -> URL {
        try CLITests.temporaryCopy(of: CLITests.fixtures.appendingPathComponent("Sites/basic"))
    }

    // MARK: Template nesting

    @Test(arguments: [(7_000, false), (7_000, true), (100_000, false), (100_000, true)])
    func deeplyNestedSectionsAreALocatedError(depth: Int, closed: Bool) throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let text =
            String(repeating: "{{#entry}}", count: depth)
            + (closed ? String(repeating: "{{/entry}}", count: depth) : "") + "\n"
        try CLITests.write(text, to: "Templates/partials/deep.mustache", in: site)
        try CLITests.append("{{> partials/deep}}\n", to: "Templates/404.mustache", in: site)
        for command in ["build", "check"] {
            let result = try CLITests.parley(command, in: site)
            #expect(result.status == 1, "\(command): \(result.status)\n\(result.stderr.prefix(2000))")
            // The 101st opening tag is the one that goes too deep.
            #expect(
                result.stderr.contains(
                    "Templates/partials/deep.mustache:1:1001: error: sections, blocks and parent tags nest more than 100 deep here"
                ),
                "\(command):\n\(result.stderr.prefix(2000))")
        }
    }

    @Test func nestingCountsThroughPartials() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        // 60 sections in each of two templates, one including the other: each parses, together they are too deep.
        try CLITests.write(
            String(repeating: "{{#site}}", count: 60) + "{{> partials/inner}}"
                + String(repeating: "{{/site}}", count: 60) + "\n",
            to: "Templates/partials/outer.mustache", in: site)
        try CLITests.write(
            String(repeating: "{{#site}}", count: 60) + "x" + String(repeating: "{{/site}}", count: 60) + "\n",
            to: "Templates/partials/inner.mustache", in: site)
        try CLITests.append("{{> partials/outer}}\n", to: "Templates/404.mustache", in: site)
        let result = try CLITests.parley("build", in: site)
        #expect(result.status == 1)
        // The partial tags are levels 1 and 62; inner's 39th section is level 101.
        #expect(
            result.stderr.contains(
                "Templates/partials/inner.mustache:1:343: error: sections, blocks and partials nest more than 100 deep here, counting through the templates that include this one"
            ),
            "\(result.stderr.prefix(2000))")
    }

    // MARK: Many tags

    @Test func aTemplateWithManyTagsOnOneLineBuilds() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let count = 20_000
        try CLITests.write(
            "{{#entry}}" + String(repeating: "{{title}} ", count: count) + "{{/entry}}\n",
            to: "Templates/partials/many.mustache", in: site)
        try CLITests.append("{{> partials/many}}\n", to: "Templates/entry.mustache", in: site)
        let result = try CLITests.parley("build", in: site)
        #expect(result.status == 0, "\(result.stderr.prefix(2000))")
        let page = try String(
            contentsOf: site.appendingPathComponent("Public/rounds/alpha-talks/index.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "Alpha talks ").count > count)
    }

    @Test func manyMistakesOnOneLongLineAreEachReportedBriefly() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let count = 10_000
        try CLITests.write(
            String(repeating: "{{titel}} ", count: count) + "\n", to: "Templates/partials/many.mustache", in: site)
        try CLITests.append("{{> partials/many}}\n", to: "Templates/404.mustache", in: site)
        let result = try CLITests.parley("check", in: site)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("Templates/partials/many.mustache:1:99991: error: no value named 'titel' here"),
            "\(result.stderr.suffix(2000))")
        // Each error shows the part of the line around its column, not the whole 100 kB line.
        #expect(result.stderr.utf8.count < count * 1_000)
    }

    // MARK: Long runs in entry bodies

    @Test(arguments: [
        ("brackets", String(repeating: "[", count: 204_800)),
        ("wiki links", String(repeating: "[[a]] ", count: 40_000)),
        ("nested brackets", String(repeating: "[", count: 25_000) + "@key" + String(repeating: "]", count: 25_000)),
        ("unclosed wiki links", String(repeating: "[[a ", count: 50_000)),
        ("unclosed keys", String(repeating: "@{a ", count: 50_000)),
    ])
    func longRunsInABodyRender(name: String, body: String) throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        try CLITests.write("---\ntitle: About\n---\n" + body + "\n", to: "Content/pages/about.md", in: site)
        let result = try CLITests.parley("render", "--site", ".", "Content/pages/about.md", in: site)
        #expect(result.status == 0, "\(name): \(result.stderr.prefix(1000))")
        #expect(result.stdout.count >= body.utf8.count / 2, "\(name)")
    }

    // MARK: Glossaries

    @Test func manyUnusedGlossaryTermsAreOneWarning() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        try CLITests.append(
            "languages:\n  - code: en\n  - code: uk\n    untranslated: show-original\n", to: "Content/site.yaml",
            in: site)
        let settings = site.appendingPathComponent("Content/site.yaml")
        try Data(
            try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: "language: en-GB\n", with: "")
                .utf8
        ).write(to: settings)
        for path in ["Templates/strings"] {
            try FileManager.default.copyItem(
                at: CLITests.repository.appendingPathComponent(path), to: site.appendingPathComponent(path))
        }
        let count = 20_000
        var terms = "people:\n"
        for index in 0..<count { terms += "  Unused \(index): Невживаний \(index)\n" }
        try CLITests.write(terms, to: "Content/terms.uk.yaml", in: site)
        let result = try CLITests.parley("build", in: site)
        #expect(
            result.stderr.contains(
                "Content/terms.uk.yaml:2:3: warning: no entry names \(count) of the terms this glossary gives names to, so their names here are not used: the people term 'Unused 0', the people term 'Unused 1', the people term 'Unused 2', the people term 'Unused 3', the people term 'Unused 4' and \(count - 5) more"
            ),
            "\(result.stderr.prefix(3000))")
        #expect(result.stderr.components(separatedBy: "of the terms this glossary").count == 2)
        #expect(!result.stderr.contains("so its name here is not used"))
    }
}
