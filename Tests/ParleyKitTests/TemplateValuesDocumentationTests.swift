import Foundation
import ParleyTemplates
import Testing
@testable import ParleyKit

/// The manual's list of template values (`Documentation/Content/reference/template-values.md`) is made from the
/// types the templates are checked against, so it cannot leave out a value or describe one that is gone.
/// Re-record with `PARLEY_RECORD=1 swift test --filter TemplateValuesDocumentationTests`.
@Suite struct TemplateValuesDocumentationTests {
    static let page = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Documentation/Content/reference/template-values.md")
    static let begin = "<!-- template values: made by TemplateValuesDocumentationTests -->\n"
    static let end = "<!-- end of template values -->\n"

    /// Every type a page's values lead to, in the order they are first met, each with its fields.
    static func reference() -> String {
        var queue: [TemplateType] = []
        var pageKinds: [ObjectIdentifier: String] = [:]
        for page in TemplateParser.pageTypes {
            let type: TemplateType = page.templateType
            queue.append(type)
            pageKinds[ObjectIdentifier(type)] = page.kind
        }
        var seen: Set<ObjectIdentifier> = []
        var text = ""
        func objectTypes(_ kind: ValueKind) -> [TemplateType] {
            switch kind {
            case .object(let type): [type()]
            case .list(let item), .optional(let item): objectTypes(item)
            default: []
            }
        }
        // What every page has once, then each page kind's own values, then each type they lead to.
        let common = queue.map { Set($0.fields.map(\.name)) }.reduce(Set(queue[0].fields.map(\.name))) {
            $0.intersection($1)
        }
        func table(_ fields: [Field]) {
            text += "| value | is | meaning |\n|---|---|---|\n"
            for field in fields {
                text +=
                    "| `\(field.name)` | \(field.kind) | \(field.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
                queue += objectTypes(field.kind)
            }
        }
        text += "\n**every page**\n\n"
        table(queue[0].fields.filter { common.contains($0.name) })
        var index = 0
        while index < queue.count {
            let type = queue[index]
            index += 1
            guard seen.insert(ObjectIdentifier(type)).inserted else { continue }
            let page = pageKinds[ObjectIdentifier(type)]
            let fields = page == nil ? type.fields : type.fields.filter { !common.contains($0.name) }
            text += "\n**\(type.name)**" + (page.map { " (`\($0).mustache`): every page's values, and" } ?? "") + "\n\n"
            if fields.isEmpty {
                text += "nothing more.\n"
                continue
            }
            table(fields)
        }
        return text
    }

    @Test func theManualListsEveryTemplateValue() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        guard let start = text.range(of: Self.begin),
            let stop = text.range(of: Self.end, range: start.upperBound..<text.endIndex)
        else {
            Issue.record("\(Self.page.path) has no template values section between its markers")
            return
        }
        let expected = Self.reference() + "\n"
        if Fixtures.recording {
            try (text[..<start.upperBound] + expected + text[stop.lowerBound...]).write(
                to: Self.page, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            String(text[start.upperBound..<stop.lowerBound]) == expected,
            "the template values changed: re-record with PARLEY_RECORD=1 swift test --filter TemplateValuesDocumentationTests"
        )
    }

    /// Every value has a description.
    @Test func everyValueIsDescribed() {
        #expect(!Self.reference().contains("|  |\n"))
    }
}
