import Foundation
import Testing
@testable import ParleyKit

/// The machine-readable reports of `parley check`: GitHub Actions workflow commands and JSON.
@Suite struct DiagnosticFormatterCheckTests {
    let located = Diagnostic.error(
        "the link '../x/' leads to rounds/x/, which is not a page or file of the site",
        at: SourceLocation(file: "Content/rounds/a.md", line: 12, column: 45), hint: "did you mean '../y/'?")

    @Test func githubAnnotationHasFileLineColumnAndTitle() {
        #expect(
            DiagnosticFormatter.githubAnnotation(located)
                == "::error file=Content/rounds/a.md,line=12,col=45,title=parley check::the link '../x/' leads to rounds/x/, which is not a page or file of the site (did you mean '../y/'?)"
        )
        let warning = Diagnostic.warning("section 'x' has no folder", at: SourceLocation(file: "Content/site.yaml"))
        #expect(
            DiagnosticFormatter.githubAnnotation(warning)
                == "::warning file=Content/site.yaml,title=parley check::section 'x' has no folder")
    }

    @Test func githubAnnotationEscapesDataAndProperties() {
        let odd = Diagnostic.error(
            "100% broken\r\nsecond line: a, b", at: SourceLocation(file: "Content/a,b:c%.md", line: 1, column: 2),
            hint: "first\nsecond")
        #expect(
            DiagnosticFormatter.githubAnnotation(odd)
                == "::error file=Content/a%2Cb%3Ac%25.md,line=1,col=2,title=parley check::100%25 broken%0D%0Asecond line: a, b (first%0Asecond)"
        )
    }

    @Test func controlCharactersAreShownEscapedEverywhereButInJSON() throws {
        let hostile = Diagnostic(
            .warning, at: SourceLocation(file: "Content/rounds/a\u{1B}[2J.md", line: 3, column: 10),
            "unknown field '\u{1B}[2Jzz\u{202E}'", hint: "first\nsecond \u{7}", sourceLine: "\"\u{1B}[2Jzz\": \u{1B}x",
            sourceLineStart: 1)
        let text = DiagnosticFormatter.format(hostile)
        #expect(
            text == """
                Content/rounds/a\\u{1B}[2J.md:3:10: warning: unknown field '\\u{1B}[2Jzz\\u{202E}'
                   3 | "\\u{1B}[2Jzz": \\u{1B}x
                     |               ^
                  hint: first
                        second \\u{7}
                """)
        let github = DiagnosticFormatter.githubAnnotation(hostile)
        #expect(!github.unicodeScalars.contains("\u{1B}") && github.contains("%0Asecond \\u{7}"), "\(github)")
        let json = DiagnosticFormatter.json([hostile])
        #expect(!json.unicodeScalars.contains("\u{1B}") && json.lowercased().contains("\\u001b"), "\(json)")
    }

    @Test func jsonHasEveryKeyWithNullsForWhatIsUnknown() throws {
        let bare = Diagnostic.warning("no line", at: SourceLocation(file: "Content/"))
        let text = DiagnosticFormatter.json([bare, located])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        // Sorted as the text report is: by file, then line.
        #expect(objects[0]["file"] as? String == "Content/")
        #expect(objects[0]["line"] is NSNull && objects[0]["column"] is NSNull && objects[0]["hint"] is NSNull)
        #expect(objects[0]["severity"] as? String == "warning")
        #expect(objects[1]["line"] as? Int == 12 && objects[1]["column"] as? Int == 45)
        #expect(objects[1]["hint"] as? String == "did you mean '../y/'?")
        #expect(objects[1]["message"] as? String == located.message)
        #expect(DiagnosticFormatter.json([]).filter { !$0.isWhitespace } == "[]")
    }
}
