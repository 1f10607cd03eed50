import Foundation
import Testing
@testable import ParleyKit

/// The link scanner against an HTML5 parser: html5lib (which follows the WHATWG parsing algorithm), run by
/// `Tests/Tools/html5_links.py`, must find the same links and ids in every page of the real site and in
/// generated pages that mix what templates and Markdown produce with what the tokenizer treats specially.
/// `make test` installs html5lib into `.tools/venv`; `PARLEY_PYTHON` names another Python that has it.
@Suite struct HTMLLinkScannerDifferentialTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Found: Decodable, Equatable, CustomStringConvertible {
        var links: [[String]]
        var ids: [String]
        var description: String { "links \(links), ids \(ids)" }
    }

    /// What html5lib finds in each document.
    static func oracle(_ documents: [String]) throws -> [Found] {
        let python =
            ProcessInfo.processInfo.environment["PARLEY_PYTHON"]
            ?? repository.appendingPathComponent(".tools/venv/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw OracleMissing(
                message:
                    "no Python at \(python): run 'make test' (it installs html5lib into .tools/venv) or set PARLEY_PYTHON"
            )
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [repository.appendingPathComponent("Tests/Tools/html5_links.py").path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = try JSONEncoder().encode(documents)
        // Written from another thread: the oracle's answer may fill the pipe before the question is written.
        let writer = Thread {
            input.fileHandleForWriting.write(data)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleMissing(
                message: "the html5lib oracle failed (is html5lib installed? 'make test' installs it): \(problems)")
        }
        return try JSONDecoder().decode([Found].self, from: answer)
    }

    struct OracleMissing: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// What the scanner finds, in the oracle's terms.
    static func scanned(_ document: String) -> Found {
        let page = HTMLLinkScanner.scan(document)
        return Found(
            links: page.links.map { [$0.tag, $0.attribute, $0.value] }.sorted { $0.lexicographicallyPrecedes($1) },
            ids: page.ids.sorted())
    }

    static func compare(_ documents: [String], names: [String]) throws {
        let expected = try oracle(documents)
        #expect(expected.count == documents.count)
        var differences = 0
        for (index, (document, html5)) in zip(documents, expected).enumerated() {
            let ours = scanned(document)
            if ours != html5, differences < 5 {
                differences += 1
                Issue.record("\(names[index]): the scanner found \(ours), html5lib \(html5)\n\(document.prefix(2000))")
            }
        }
    }

    @Test func theRealSitesPagesScanAsAnHTML5ParserReadsThem() throws {
        let site = try Pipeline.renderSite(Pipeline.Options(siteRoot: Self.repository, gitDates: false)).site
        let pages = site.pages.filter { $0.path.hasSuffix(".html") }
        #expect(pages.count > 50)
        try Self.compare(pages.map(\.contents), names: pages.map(\.path))
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func generatedPagesScanAsAnHTML5ParserReadsThem(seed: UInt64) throws {
        var generator = PageGenerator(seed: seed)
        let documents = (0..<250).map { _ in generator.document() }
        try Self.compare(documents, names: documents.indices.map { "seed \(seed), page \($0)" })
    }
}

/// Pages made of what the tokenizer reads: elements with URL attributes in every quoting, repeated and empty
/// attributes, character references, comments (`<!-->` too), doctypes, processing instructions, and elements
/// whose contents are text, holding what looks like links.
struct PageGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    private mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    private mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    static let tags = [
        "a", "img", "link", "script", "source", "video", "audio", "track", "embed", "input", "area", "div", "span", "p",
        "section",
    ]
    static let attributes = ["href", "src", "srcset", "poster", "id", "name", "class", "title", "data-x"]
    static let values = [
        "/peace-talks/rounds/istanbul/", "../timeline/#2022", "https://example.org/?a=1&amp;b=2", "  spaced  ",
        "a&#39;b",
        "a&#x2F;b", "&quot;quoted&quot;", "&lt;tag&gt;", "caf\u{E9}", "x&apos;y", "non&nbsp;break", "&unknown;", "a&b",
        "#fn-1", "img.png 1x, img@2x.png 2x", "mailto:editor@example.org", "", "line\nbreak", "tab\there", "=eq", "x>y",
        "\u{41E}\u{434}\u{435}\u{441}\u{430}", "a'b", "a\"b", "/#", "#top",
    ]
    static let texts = ["text", "a < b", "<3", "1 > 0", "&amp; more", "</>", "<!>", "</ a>", "x", "Київ"]

    mutating func attribute() -> String {
        var name = pick(Self.attributes)
        if chance(15) { name = name.uppercased() }
        if chance(8) { return " " + name }
        let value = pick(Self.values)
        let equals = chance(10) ? " = " : "="
        let canBeUnquoted = !value.isEmpty && !value.contains { " \t\n\"'=<>`".contains($0) }
        switch next() % 3 {
        case 0 where !value.contains("\""): return " \(name)\(equals)\"\(value)\""
        case 1 where !value.contains("'"): return " \(name)\(equals)'\(value)'"
        case 2 where canBeUnquoted: return " \(name)\(equals)\(value)"
        default: return " \(name)\(equals)\"\(value.replacingOccurrences(of: "\"", with: "&quot;"))\""
        }
    }

    mutating func element() -> String {
        switch next() % 20 {
        case 0: return "<!-- <a href=\"/in-comment/\"> -->"
        case 1: return pick(["<!-->", "<!--->", "<!---->"]) + "<a href=\"/after-short-comment/\">x</a>"
        case 2: return "<script>var s = '<a href=\"/in-script/\">'; if (a < b) {}</scripty></script>"
        case 3: return "<style>a[href=\"/in-style/\"] { color: red }</style>"
        case 4:
            return
                "<\(pick(["title", "textarea", "iframe", "xmp", "noembed", "noframes"]))><a href=\"/in-text/\" id=\"hidden\">t</a></\(pick(["title", "TITLE"]))><\(pick(["title", "textarea"]))></\(pick(["title", "textarea"]))>"
        case 5: return "<?pi <a href=x>?>"
        case 6: return "<!DOCTYPE html>"
        case 7: return pick(Self.texts)
        default:
            var tag = pick(Self.tags)
            if chance(10) { tag = tag.uppercased() }
            let attributes = (0..<Int(next() % 4)).map { _ in attribute() }.joined()
            let slash = chance(10) ? "/" : ""
            let body = tag.lowercased() == "script" ? "" : pick(Self.texts)
            // Elements are closed at once: an <a> left open would be copied by the tree builder's
            // reconstruction of formatting elements, which a scanner has no part in.
            if ["img", "link", "source", "track", "embed", "input", "area"].contains(tag.lowercased()) {
                return "<\(tag)\(attributes)\(slash)>"
            }
            return "<\(tag)\(attributes)>\(body)</\(tag)>"
        }
    }

    mutating func document() -> String {
        let head = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page</title></head><body>"
        var body = (0..<Int(3 + next() % 12)).map { _ in element() }.joined(separator: chance(50) ? "\n" : "")
        if chance(3) { body += "<plaintext><a href=\"/in-plaintext/\">" }
        return head + body + "</body></html>"
    }
}
