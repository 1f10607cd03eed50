import Foundation
import ParleyTemplates
import Testing
@testable import ParleyKit

/// The faster replacements of library and Foundation calls on the build's hot paths give exactly what the
/// calls they replace gave.
@Suite struct FastPathTests {
    static let awkward = [
        "", "plain", "<a href=\"x\">'&'</a>", "&amp; stays escaped once: &amp;amp;", "Зеленський «мир»",
        "e\u{301}t\u{E9}",
        "emoji 👩🏽‍⚕️ & <b>", "line\r\nbreak\ttab", "'single' \"double\"", String(repeating: "<>&\"'", count: 50),
    ]

    /// The one byte-level escaper serves templates (`{{value}}`) and bodies alike: what a template prints is
    /// `escapingHTML(apostrophes: true)`, character for character as the usual `Character`-based escaper.
    @Test(arguments: awkward)
    func templateEscapingIsTheSharedEscaper(_ value: String) throws {
        let library = TemplateLibrary(["t": "[{{value}}]"])
        let ours = try library.render("t", .map(["value": .string(value)]))
        #expect(ours == "[" + value.escapingHTML(apostrophes: true) + "]")
        #expect(value.escapingHTML(apostrophes: true) == Self.characterEscaped(value, apostrophes: true))
    }

    /// The usual escaper, `Character` by `Character`: what the byte-level one must give.
    static func characterEscaped(_ value: String, apostrophes: Bool) -> String {
        var expected = ""
        for character in value {
            switch character {
            case "&": expected += "&amp;"
            case "<": expected += "&lt;"
            case ">": expected += "&gt;"
            case "\"": expected += "&quot;"
            case "'" where apostrophes: expected += "&#39;"
            default: expected.append(character)
            }
        }
        return expected
    }

    /// A quote that a combining mark follows is one `Character` that is not `"`: an escaper comparing
    /// characters leaves it, and inside an attribute value it ends the value. Bytes cannot miss it.
    @Test func aQuoteWithACombiningMarkIsStillEscaped() throws {
        let value = "x\"\u{301} onmouseover=\"alert(1)"
        let ours = try TemplateLibrary(["t": "<a title=\"{{value}}\">"]).render("t", .map(["value": .string(value)]))
        #expect(ours == "<a title=\"x&quot;\u{301} onmouseover=&quot;alert(1)\">")
    }

    /// A source's place on the bibliography page skips Foundation's encoder for plain keys, and gives what it gives.
    @Test(arguments: [
        "doe2022", "agency/report", "a-b_c.d:e", "Ünïcode", "with space", "hash#tag", "per%cent", "ім'я", "",
    ])
    func bibliographyURLsAreFoundationsEncoding(_ key: String) {
        let foundation =
            "bibliography/#"
            + (key.addingPercentEncoding(
                withAllowedCharacters: .urlFragmentAllowed.subtracting(CharacterSet(charactersIn: "#%"))) ?? key)
        #expect(Routes.source(key) == foundation)
    }

    @Test func aTemplateErrorIsReportedOnItsOwnLine() {
        let file = TemplateFile(
            name: "home", source: SourceFile(path: "Templates/home.mustache", text: "<p>\n{{#a}}\n{{/b}}\n"))
        let (_, diagnostics) = TemplateParser.parse([file], required: [])
        #expect(diagnostics.map(\.location.line) == [3])
        let first = TemplateFile(
            name: "home", source: SourceFile(path: "Templates/home.mustache", text: "{{#a}}{{/b}}"))
        #expect(TemplateParser.parse([first], required: []).1.map(\.location.line) == [1])
    }

    @Test(arguments: awkward + ["&<>\"", "a\"b"])
    func htmlEscapedMapsTheFourCharacters(_ value: String) {
        #expect(value.htmlEscaped == Self.characterEscaped(value, apostrophes: false))
    }

    @Test(arguments: [
        "", " ", "\t a \t", "\u{A0}name\u{3000}", "\u{2003}em space\u{2009}", "\nkept\n",
        " \u{200B}zero width\u{200B} ",
        "  Зеленський  ", "a b", "\u{1680}ogham\u{202F}",
    ])
    func trimmingWhitespaceIsFoundations(_ value: String) {
        #expect(value.trimmingWhitespace == value.trimmingCharacters(in: .whitespaces))
        #expect(value[...].trimmingWhitespace == value.trimmingCharacters(in: .whitespaces))
    }

    @Test func placeholderDelimitersAreFoundByTheirBytes() {
        #expect(!MarkdownHTML.containsPlaceholderDelimiter(""))
        // The same lead bytes, other scalars.
        #expect(!MarkdownHTML.containsPlaceholderDelimiter("plain \u{E006} \u{EE80} text"))
        #expect(MarkdownHTML.containsPlaceholderDelimiter("note \u{E002}"))
        #expect(MarkdownHTML.containsPlaceholderDelimiter("\u{E005}"))
        #expect(MarkdownHTML.containsPlaceholderDelimiter("x\u{E000}"))
        #expect(MarkdownHTML.containsPlaceholderDelimiter("\u{E001}"))
        #expect(!MarkdownHTML.containsPlaceholderDelimiter("\u{EE}\u{80}"))  // î and a C1 control, not one scalar
    }

    @Test func theFolderWalkListsWhatFoundationsEnumeratorListed() throws {
        let folder = TemporaryFolder()
        folder.write([
            "a.md": "", "b/c.md": "", "b/d/e.md": "", "b/d/notes.txt": "", ".hidden.md": "", "b/.git/x.md": "",
            "b/f.md~": "", "b/.f.md.swp": "", "#g.md#": "", "h/i/j/k.md": "", "Зеленський.md": "",
        ])
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        var expected: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.url.path))
        while let path = enumerator.nextObject() as? String {
            if SiteLoader.isIgnored((path as NSString).lastPathComponent) {
                if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                    enumerator.skipDescendants()
                }
                continue
            }
            if (enumerator.fileAttributes?[.type] as? FileAttributeType) != .typeDirectory { expected.append(path) }
        }
        #expect(SiteLoader.files(under: folder.url, display: "x", root: folder.url).0 == expected.sorted())
        #expect(
            expected.sorted()
                == ["a.md", "b/c.md", "b/d/e.md", "b/d/notes.txt", "h/i/j/k.md", "Зеленський.md"].sorted())

        // A link to a folder that holds it cannot trap the walk: it is an error, and not entered.
        try FileManager.default.createSymbolicLink(
            atPath: folder.url.appendingPathComponent("b/loop").path, withDestinationPath: "..")
        let (files, problems) = SiteLoader.files(under: folder.url, display: "x", root: folder.url)
        #expect(!files.contains { $0.hasPrefix("b/loop") })
        #expect(problems.map(\.message) == ["'x/b/loop' is a symbolic link to a folder that holds it, a loop"])
    }

    @Test func aFileThatCannotBeWrittenSaysWhy() throws {
        let folder = TemporaryFolder()
        #expect(throws: WriteError.self) {
            try FileBytes.write("x", to: folder.url.appendingPathComponent("missing/file.html").path)
        }
        do {
            try FileBytes.write("x", to: folder.url.appendingPathComponent("missing/file.html").path)
        } catch {
            #expect("\(error)" == "No such file or directory")
        }
        let path = folder.url.appendingPathComponent("page.html").path
        try FileBytes.write("first, longer text", to: path)
        try FileBytes.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
    }

    /// A whole build writes each page as it renders it; the cache it leaves records the bytes on the disk.
    @Test func aWholeBuildsCacheRecordsTheBytesItWrote() throws {
        let site = BuildCacheTests.copyOfFixture()
        let result = try BuildCacheTests.build(site)
        #expect(result.succeeded && result.pagesRendered == result.pages && result.filesWritten > result.pages)
        let options = Pipeline.Options(siteRoot: site.url)
        let cache = try #require(
            BuildCache.load(from: site.url.appendingPathComponent(BuildSession.cacheFolderName), options: options))
        #expect(cache.pages.count == result.pages)
        for (path, record) in cache.pages {
            let text = try String(contentsOf: site.url.appendingPathComponent("Public/" + path), encoding: .utf8)
            #expect(record.bytes == KeyHasher.contents(text), "\(path)")
        }
    }
}
