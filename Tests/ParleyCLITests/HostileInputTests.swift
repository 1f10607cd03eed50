import Foundation
import Testing

/// Inputs written to break Parley or the terminal it reports to, through the real binary: each is a located
/// diagnostic, never a trap, a raw escape sequence, an unsafe link or a file written where it should not be.
@Suite struct HostileInputTests {
    /// The basic fixture site with the templates aliases and editions need.
    static func site() throws -> URL {
        let site = try CLITests.temporaryCopy(of: CLITests.fixtures.appendingPathComponent("Sites/basic"))
        for path in ["Templates/alias.mustache", "Templates/strings"] {
            try FileManager.default.copyItem(
                at: CLITests.repository.appendingPathComponent(path), to: site.appendingPathComponent(path))
        }
        return site
    }

    /// An entry of the section `rounds` with these front-matter lines.
    static func entry(_ slug: String, _ lines: String, in site: URL) throws {
        try CLITests.write(
            "---\ntitle: \(slug)\ndate: 2022-05-01\n\(lines)\n---\nBody.\n", to: "Content/rounds/\(slug).md", in: site)
    }

    /// Every file below `Public/`, by path.
    static func published(_ site: URL) -> [String: Data] {
        let root = site.appendingPathComponent("Public")
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if let data = try? Data(contentsOf: url) { files[String(url.path.dropFirst(root.path.count + 1))] = data }
        }
        return files
    }

    // MARK: Escape sequences never reach the terminal

    @Test func controlCharactersInMessagesAreShownEscaped() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.entry("zeta-talks", #"topics: ["\e[2J\e]0;PWNED\aX"]"# + "\n" + #""\e[2Jzz": 1"#, in: site)
        for format in ["text", "json", "github"] {
            let result = try CLITests.parley("check", "--format", format, in: site)
            let everything = result.stderr + result.text
            #expect(
                !everything.unicodeScalars.contains("\u{1B}") && !everything.unicodeScalars.contains("\u{7}"),
                "\(format): \(everything)")
            #expect(everything.contains("zeta-talks.md"), "\(format): \(everything)")
        }
        let build = try CLITests.parley("build", in: site)
        #expect(!build.stderr.unicodeScalars.contains("\u{1B}"), "\(build.stderr)")
        #expect(build.stderr.contains(#"unknown field '\u{1B}[2Jzz'"#), "\(build.stderr)")
        #expect(build.stderr.contains(#"\u{1B}]0;PWNED\u{7}X"#), "\(build.stderr)")
    }

    // MARK: Control characters written as YAML escapes

    @Test func controlCharactersWrittenAsEscapesAreRefusedWhereTheyAre() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.entry("zeta-talks", #"summary: "a\0b""#, in: site)
        try CLITests.append("author: \"x\\x02y\"\n", to: "Content/site.yaml", in: site)
        try CLITests.append("  - id: escaped\n    title: \"Bell\\a\"\n", to: "Content/bibliography.yaml", in: site)
        try CLITests.append("escaped: \"\\e[1m\"\n", to: "Templates/strings/en.yaml", in: site)
        let result = try CLITests.parley("build", in: site)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                #"Content/rounds/zeta-talks.md:4:10: error: 'a\u{0}b' has a control character (\u{0})"#),
            "\(result.stderr)")
        #expect(result.stderr.contains("Content/site.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains(#"control character (\u{2})"#), "\(result.stderr)")
        #expect(result.stderr.contains(#"control character (\u{7})"#), "\(result.stderr)")
        #expect(
            result.stderr.contains(#"Templates/strings/en.yaml:"#)
                && result.stderr.contains(#"control character (\u{1B})"#), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))
    }

    // MARK: Links that are not web addresses

    @Test func aSourceAddressThatIsNotHTTPNeverReachesThePagesOrTheExports() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let bibliography = site.appendingPathComponent("Content/bibliography.yaml")
        let text = try String(contentsOf: bibliography, encoding: .utf8)
        try Data(
            text.replacingOccurrences(of: "URL: https://example.org/talks-begin", with: "URL: javascript:alert(8)").utf8
        ).write(to: bibliography)
        try CLITests.append(
            "  - id: vb\n    title: VB\n    URL: \" VBScript:msgbox(1)\"\n  - id: data\n    title: Data\n    DOI: \"javascript:alert(9)\"\n",
            to: "Content/bibliography.yaml", in: site)
        let result = try CLITests.parley("build", in: site)
        #expect(
            result.stderr.contains(
                "Content/bibliography.yaml:10:10: warning: 'URL' must be an http or https address, not 'javascript:alert(8)'"
            ),
            "\(result.stderr)")
        #expect(
            result.stderr.contains("'URL' must be an http or https address, not ' VBScript:msgbox(1)'"),
            "\(result.stderr)")
        #expect(result.status == 0, "\(result.stderr)")
        for (path, data) in Self.published(site) {
            let page = String(decoding: data, as: UTF8.self).lowercased()
            #expect(!page.contains("javascript:alert(8)") && !page.contains("vbscript:"), "\(path)")
        }
    }

    @Test func anAliasWithASchemeAndNamesWithBidirectionalControlsAreRefused() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.entry(
            "zeta-talks", #"aliases: ["javascript:alert(1)", "/a\u202Egpj.html", "/b%E2%80%AEc/"]"#, in: site)
        let result = try CLITests.parley("build", in: site)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Content/rounds/zeta-talks.md:4:11: error: 'javascript:alert(1)' is not an address this site can redirect from: it starts with a URL scheme ('javascript:')"
            ),
            "\(result.stderr)")
        #expect(
            result.stderr.contains(
                #"/a\u{202E}gpj.html' is not an address this site can redirect from: it has an invisible formatting character (\u{202E})"#
            ),
            "\(result.stderr)")
        #expect(
            result.stderr.contains(
                #"/b%E2%80%AEc/' is not an address this site can redirect from: it has an invisible formatting character (\u{202E})"#
            ),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))
        // A file name with one is not a slug.
        try CLITests.write("---\ntitle: Odd\n---\nBody.\n", to: "Content/pages/ab\u{202E}cd.md", in: site)
        let named = try CLITests.parley("build", in: site)
        #expect(
            named.stderr.contains(
                #"Content/pages/ab\u{202E}cd.md: error: the file name 'ab\u{202E}cd.md' is not a valid slug"#),
            "\(named.stderr)")
    }

    // MARK: Addresses of another edition

    static func twoEditions(_ site: URL) throws {
        try CLITests.append(
            "languages:\n  - code: en\n  - code: uk\n    untranslated: show-original\n", to: "Content/site.yaml",
            in: site)
        let settings = site.appendingPathComponent("Content/site.yaml")
        let text = try String(contentsOf: settings, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "language: en-GB\n", with: "").utf8).write(to: settings)
    }

    @Test func anEntryOrAliasAtAnEditionsAddressIsALocatedError() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.twoEditions(site)
        #expect(try CLITests.parley("build", in: site).status == 0)
        try CLITests.write("---\ntitle: Ukraine\n---\nBody.\n", to: "Content/pages/uk.md", in: site)
        try Self.entry("zeta-talks", "aliases: [/uk/, /uk/rounds/, /uk/overview/]", in: site)
        for command in ["build", "check"] {
            let result = try CLITests.parley(command, in: site)
            #expect(result.status == 1)
            #expect(!result.stderr.contains("Fatal error"), "\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "Content/pages/uk.md: error: the entry's URL /uk/ is inside the folder of the uk edition"),
                "\(result.stderr)")
            for alias in ["uk/", "uk/rounds/", "uk/overview/"] {
                #expect(
                    result.stderr.contains("error: the alias /\(alias) is inside the folder of the uk edition"),
                    "\(result.stderr)")
            }
        }
    }

    // MARK: Alias checks

    @Test func aliasesOnNamesParleyWritesOrReservesAreLocatedErrors() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let at = "Content/rounds/zeta-talks.md:"
        // Addresses a file system cannot hold, or that are other than they look.
        try Self.entry(
            "zeta-talks",
            """
            aliases:
              - /.parley-output/
              - /\(String(repeating: "x", count: 300))/
              - /a%3Fb=1.html
              - /c%23d/
              - /e%5Cf/
            """, in: site)
        let written = try CLITests.parley("build", in: site)
        #expect(written.status == 1)
        for expected in [
            "5:5: error: '/.parley-output/' is not an address this site can redirect from: Parley keeps its own files under names that start with '.parley'",
            "6:5: error: '/\(String(repeating: "x", count: 300))/' is not an address this site can redirect from: the name 'xxxxxxxx",
            "7:5: error: '/a%3Fb=1.html' is not an address this site can redirect from: a static page cannot answer a query or a fragment",
            "8:5: error: '/c%23d/' is not an address this site can redirect from: a static page cannot answer a query or a fragment",
            "9:5: error: '/e%5Cf/' is not an address this site can redirect from: it has a backslash",
        ] {
            #expect(written.stderr.contains(at + expected), "\(expected)\n\(written.stderr)")
        }
        // Addresses where Parley writes a file, or that another page has on a file system that ignores case.
        try Self.entry(
            "zeta-talks",
            """
            aliases:
              - /feed.xml/
              - /bibliography/bibliography.json/
              - /pagefind/x.html
              - /INDEX.HTML
              - /Old-Name/
              - /old-name/
              - /sitemap.xml/x.html
              - /Rounds/Alpha-Talks/
            """, in: site)
        let result = try CLITests.parley("build", in: site)
        #expect(result.status == 1)
        for expected in [
            "5:5: error: the alias /feed.xml/ is inside feed.xml, which is the feed",
            "6:5: error: the alias /bibliography/bibliography.json/ is inside bibliography/bibliography.json, which is the CSL-JSON export",
            "7:5: error: the alias /pagefind/x.html is inside the search index's folder",
            "8:5: error: the alias /INDEX.HTML is the home page on a file system that ignores case (macOS, Windows)",
            "10:5: error: the alias /old-name/ is the alias /Old-Name/ of 'zeta-talks' (Content/rounds/zeta-talks.md) on a file system that ignores case (macOS, Windows)",
            "11:5: error: the alias /sitemap.xml/x.html is inside sitemap.xml, which is the sitemap",
            "12:5: error: the alias /Rounds/Alpha-Talks/ is the page of 'alpha-talks' (Content/rounds/alpha-talks.md) on a file system that ignores case (macOS, Windows)",
        ] {
            #expect(result.stderr.contains(at + expected), "\(expected)\n\(result.stderr)")
        }
        #expect(result.stderr.contains("build failed with 7 errors"), "\(result.stderr)")
        #expect(
            !result.stderr.contains("Is a directory") && !result.stderr.contains("cannot write"), "\(result.stderr)")
    }

    // MARK: Base URLs

    @Test func aBaseURLThatCannotBeASitesAddressIsRefused() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        for (url, reason) in [
            ("https://user.github.io/jcpoa/?x=1", "it has a query ('?')"),
            ("https://user.github.io/jcpoa/#top", "it has a fragment ('#')"),
            ("https://user@host.example/jcpoa/", "it names a user ('user@')"),
            ("https://user.github.io/jcpoa/index.html", "its path ends in a file name ('index.html')"),
        ] {
            let command = try CLITests.parley("build", "--base-url", url, in: site)
            #expect(command.status == 64, "\(url)")
            #expect(
                command.stderr.contains("--base-url must be the address of the site's folder, not '\(url)': \(reason)"),
                "\(command.stderr)")
            let settings = site.appendingPathComponent("Content/site.yaml")
            let text = try String(contentsOf: settings, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasPrefix("base-url:") ? "base-url: \"\(url)\"" : String($0)
            }
            try Data(lines.joined(separator: "\n").utf8).write(to: settings)
            let yaml = try CLITests.parley("build", in: site)
            #expect(yaml.status == 1)
            #expect(
                yaml.stderr.contains(
                    "Content/site.yaml:3:11: error: 'base-url' must be the address of the site's folder, not '\(url)': \(reason)"
                ),
                "\(yaml.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))
    }

    // MARK: One cause, one message

    @Test func anEntryThatIsNotUTF8IsOneError() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.twoEditions(site)
        var bytes = Data("---\ntitle: Caf".utf8)
        bytes.append(0xE9)
        bytes.append(Data("\ndate: 2022-05-01\n---\nBody.\n".utf8))
        try bytes.write(to: site.appendingPathComponent("Content/rounds/zeta-talks.md"))
        try CLITests.write("---\ntitle: Зета\n---\nТекст.\n", to: "Content/rounds/zeta-talks.uk.md", in: site)
        try Self.entry("eta-talks", "after: [zeta-talks]\nrelated: [zeta-talks]", in: site)
        let result = try CLITests.parley("build", in: site)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("Content/rounds/zeta-talks.md:2:11: error: the file is not valid UTF-8"),
            "\(result.stderr)")
        #expect(result.stderr.contains("build failed with 1 error"), "\(result.stderr)")
        #expect(
            !result.stderr.contains("no entry has that slug") && !result.stderr.contains("no entry to translate"),
            "\(result.stderr)")
    }

    @Test func aDeeplyNestedYAMLFileGetsTheNestingLimitError() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.twoEditions(site)
        let depth = 20_000
        try CLITests.write(
            "deep: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n",
            to: "Templates/strings/uk.yaml", in: site)
        let result = try CLITests.parley("build", in: site)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Templates/strings/uk.yaml:1:"), "\(result.stderr)")
        #expect(
            result.stderr.contains("error: the strings file is nested more than 1000 levels deep"), "\(result.stderr)")
        #expect(
            !result.stderr.contains("there is no Templates/strings/uk.yaml") && !result.stderr.contains("lacks"),
            "\(result.stderr)")
        #expect(result.stderr.contains("build failed with 1 error"), "\(result.stderr)")
    }
}
