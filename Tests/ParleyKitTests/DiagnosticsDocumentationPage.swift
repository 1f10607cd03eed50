import Foundation
import Testing
@testable import ParleyKit

extension DiagnosticsDocumentationTests {
    /// The fixtures of `parley check`, in the page's order.
    static let checkCases: [Case] = [
        Case(
            fixture: "entry-links", title: "Links in an entry that lead nowhere",
            about:
                "`parley check` follows every link of the built site, fragments included, and reports each at its place in the entry."
        ),
        Case(
            fixture: "template-fragment", title: "A broken link in a template",
            about:
                "A link a template writes on every page is reported once, at its place in the template, with how many pages have it."
        ),
        Case(
            fixture: "missing-asset", title: "An asset that is not there",
            about: "Stylesheets, scripts and pictures must be files of `Templates/assets/`."),
        Case(
            fixture: "link-above-root", title: "A link above the site's root",
            about: "A relative link with more `../` than the page is deep leads out of the site."),
        Case(
            fixture: "translation-links",
            title: "Broken links in a translated entry, its translation and an untranslated one",
            about:
                "On a site in several languages each edition's page is checked against its own file: a translation's links are reported in the translation, an untranslated entry's once at its line for every edition showing it."
        ),
        Case(
            fixture: "warn-outside-base-path", title: "A link outside the base path",
            about:
                "A link from the host's root that leaves the site's base path would break where the site is published under a path: a warning, which `--strict` makes an error."
        ),
    ]

    /// The fixtures in one folder.
    static func fixtures(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.root.appendingPathComponent(folder).path)) ?? [])
            .sorted()
    }

    /// A fence longer than any run of backticks in the text.
    static func fence(for text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    static func block(_ text: String) -> String {
        let text = text.hasSuffix("\n") ? text : text + "\n"
        let fence = fence(for: text)
        return "\(fence)text\n\(text)\(fence)\n"
    }

    /// One case: its heading, what it shows, its files and what Parley prints.
    static func section(_ item: Case, folder: String, command: String) throws -> String {
        let root = Fixtures.root.appendingPathComponent(folder).appendingPathComponent(item.fixture)
        let outcome =
            command == "parley check"
            ? (item.fixture.hasPrefix("warn-") ? " The check passes, but not with `--strict`." : " The check fails.")
            : (item.fixture.hasPrefix("warn-") ? " The site still builds." : " The build fails.")
        var text = "### \(item.title)\n\n\(item.about)\(outcome)\n\n"
        var laid: [String] = []
        let site = root.appendingPathComponent("site")
        if FileManager.default.fileExists(atPath: site.path) {
            for path in Snapshot.files(in: site) {
                let data = try Data(contentsOf: site.appendingPathComponent(path))
                var content: String
                if let decoded = String(data: data, encoding: .utf8) {
                    content = decoded
                    laid.append("`\(path)`:\n\n" + block(content))
                } else {
                    content = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\u{FFFD}", with: "?")
                    laid.append("`\(path)` (not UTF-8: each byte that is not is shown as `?`):\n\n" + block(content))
                }
            }
        }
        let deleted = ((try? String(contentsOf: root.appendingPathComponent("delete.txt"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map { "`\($0)`" }
        if !deleted.isEmpty {
            text +=
                "Without " + deleted.joined(separator: ", ") + (laid.isEmpty ? "" : ", and with these files") + ":\n\n"
        }
        text += laid.joined(separator: "\n")
        if !laid.isEmpty { text += "\n" }
        let expected = try String(contentsOf: root.appendingPathComponent("expected-diagnostics.txt"), encoding: .utf8)
        text += "Parley reports:\n\n" + block(expected.trimmingCharacters(in: .newlines))
        return text
    }

    /// The page's generated part.
    static func reference() throws -> String {
        var text = "\n## Building\n\nEach site below is the test site with the files shown laid over it.\n\n"
        text += try buildCases.map { try section($0, folder: "Invalid", command: "parley build") }.joined(
            separator: "\n")
        text +=
            "\n## Checking\n\nEach site below builds; `parley check` then follows every link of what was written.\n\n"
        text += try checkCases.map { try section($0, folder: "Check", command: "parley check") }.joined(separator: "\n")
        return text
    }
}
