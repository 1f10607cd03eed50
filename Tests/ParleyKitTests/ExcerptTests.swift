import Foundation
import Testing
@testable import ParleyKit

/// Long source lines: each value on one keeps only the part around it (memory and the entries archive grow
/// with the number of values, not with its square), and a diagnostic shows the part around the caret.
@Suite struct ExcerptTests {
    @Test func manyTermsOnOneLineEachKeepOnlyTheirPartOfIt() throws {
        let count = 2_000
        let names = (0..<count).map { "Topic number \($0)" }
        let text = "---\ntitle: Many\ndate: 2022-01-01\ntopics: [\(names.joined(separator: ", "))]\n---\nBody.\n"
        let file = EntryFile(
            source: SourceFile(path: "Content/rounds/many.md", text: text), section: "rounds", slug: "many")
        let (entry, problems) = EntryParser.parse(
            file, section: SectionConfig(name: "rounds", dated: true),
            subjects: SubjectKind.allCases, options: MarkdownOptions())
        #expect(problems.isEmpty)
        let uses = try #require(entry?.subjects)
        #expect(uses.map(\.name) == names)
        #expect(
            uses.allSatisfy {
                ($0.location.sourceLine?.unicodeScalars.count ?? 0) <= SourceExcerpt.before + SourceExcerpt.after + 3
            })
        // The 1,500th name is under its own caret.
        let use = uses[1_500]
        let shown = DiagnosticFormatter.format(use.location.diagnostic(.warning, "here"))
        let lines = shown.split(separator: "\n").map(String.init)
        let caret = try #require(
            lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) })
        let under = lines[1].dropFirst(caret).prefix("Topic number 1500".count)
        #expect(under == "Topic number 1500", "\(shown)")
        // The archive of the parse is linear in the number of terms: well under a kilobyte each.
        var writer = ArchiveWriter()
        EntryArchive.write((entry, problems), to: &writer)
        #expect(writer.bytes.count < count * 1_000)
        let back = try writer.bytes.withUnsafeBytes { raw in
            var reader = ArchiveReader(raw)
            return try EntryArchive.readResult(&reader)
        }
        #expect(back.0?.subjects == entry?.subjects)
    }

    @Test func aDiagnosticOnAHugeLineShowsThePartAroundTheCaret() {
        let line = String(repeating: "[", count: 5_000) + "x" + String(repeating: "]", count: 5_000)
        let diagnostic = Diagnostic(
            .error, at: SourceLocation(file: "Content/site.yaml", line: 3, column: 5_001), "too deep",
            sourceLine: line)
        let shown = DiagnosticFormatter.format(diagnostic)
        #expect(shown.count < 500, "\(shown.count) characters")
        let lines = shown.split(separator: "\n").map(String.init)
        let caret = lines[2].distance(from: lines[2].startIndex, to: lines[2].firstIndex(of: "^")!)
        #expect(lines[1].dropFirst(caret).first == "x")
        #expect(lines[1].hasSuffix("…"))
        #expect(lines[1].contains(" | …["))
        // A short line is shown whole.
        let short = DiagnosticFormatter.format(
            Diagnostic(.error, at: SourceLocation(file: "a", line: 1, column: 3), "m", sourceLine: "abcdef"))
        #expect(short.contains("1 | abcdef\n     |   ^"))
    }
}
