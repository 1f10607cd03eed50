import Foundation
import ParleyTemplates

/// The site's templates: each page kind's template compiled against the values of its pages.
public struct SiteTemplates: Sendable {
    let library: TemplateLibrary
    let pages: [String: CompiledTemplate]

    /// The names of the templates a page kind's template includes, itself among them.
    func templates(of kind: String) -> Set<String> { pages[kind]?.templates ?? [] }

    /// A page of this kind; empty if its template is missing (the build has reported it).
    func render(_ kind: String, _ values: some PageRoot) -> String {
        // A compiled page template cannot fail: its partials were checked not to include themselves.
        (try? pages[kind]?.render(.object(values))) ?? ""
    }
}

/// Parses the site's templates and compiles each page kind's against the values of its pages, so that a
/// misspelt name, a section over a number, a missing partial or a partial that includes itself is an error
/// at `Templates/FILE:LINE:COL` before anything is rendered.
enum TemplateParser {
    /// One template per page kind, and the type of the values its pages have.
    static let pageTypes: [(kind: String, type: TemplateType)] = [
        ("entry", EntryPage.templateType), ("section", SectionPage.templateType), ("home", HomePage.templateType),
        ("404", NotFoundPage.templateType), ("bibliography", BibliographyPageValues.templateType),
        ("subjects", SubjectsPage.templateType), ("subject", SubjectPage.templateType), ("timeline", TimelinePage.templateType),
    ]

    /// The page kinds every site renders.
    static let pageKinds = ["entry", "section", "home", "404"]

    /// Parses and compiles the templates; `required` are the page kinds this site renders.
    static func parse(_ files: [TemplateFile], required: [String] = pageKinds) -> (SiteTemplates, [Diagnostic]) {
        let library = TemplateLibrary(Dictionary(files.map { ($0.name, $0.source.text) }, uniquingKeysWith: { a, _ in a }))
        let sources = Dictionary(files.map { ($0.name, $0.source) }, uniquingKeysWith: { a, _ in a })
        func diagnostic(_ problem: TemplateDiagnostic, pages: [String] = []) -> Diagnostic {
            let source = sources[problem.template] ?? SourceFile(path: "Templates/\(problem.template).mustache", text: "")
            let kinds = pages.count > 1 ? pages.dropLast().joined(separator: ", ") + " and " + pages.last! : pages.first
            let message = problem.message + (kinds.map { " (on \($0) pages)" } ?? "")
            return source.error(line: problem.line, column: problem.column, message, hint: problem.hint)
        }
        var diagnostics = library.diagnostics.map { diagnostic($0) }
        var compiled: [String: CompiledTemplate] = [:]
        // A partial's mistake is reported once, naming every kind of page it was found on.
        var found: [TemplateDiagnostic: [String]] = [:]
        var order: [TemplateDiagnostic] = []
        for (kind, type) in pageTypes where library.contains(kind) {
            let (template, problems) = library.compile(kind, root: type)
            compiled[kind] = template
            for problem in problems {
                if found[problem] == nil { order.append(problem) }
                found[problem, default: []].append(kind)
            }
        }
        diagnostics += order.map { diagnostic($0, pages: found[$0]!) }
        for kind in required where !library.contains(kind) {
            let page = switch kind {
            case "404": "the 404 page"
            case "bibliography": "the bibliography page (the site has sources in Content/bibliography.*)"
            case "timeline": "the timeline (entries have dates)"
            case "subjects": "the subject index (entries name people, places or topics)"
            case "subject": "the subject index's term pages (entries name people, places or topics)"
            default: "\(kind) pages"
            }
            diagnostics.append(.error(
                "the template for \(page) is missing",
                at: SourceLocation(file: "Templates/\(kind).mustache"),
                hint: "every site needs one template per page kind: " + required.map { "\($0).mustache" }.joined(separator: ", ")))
        }
        return (SiteTemplates(library: library, pages: compiled), diagnostics)
    }

    /// The partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with their positions.
    /// Standard `{{ }}` delimiters only; after a `{{=… …=}}` delimiter change the rest is not checked.
    static func references(in text: String) -> [(name: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        var lines = LineIterator(text)
        while let line = lines.next() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "}}") else { break }
                let tag = afterOpen[..<close.lowerBound]
                if tag.hasPrefix("=") { return result }
                if let first = tag.first, first == ">" || first == "<" {
                    let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty, !name.hasPrefix("*") {
                        let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: open.lowerBound) + 1
                        result.append((String(name), lines.lineNumber, column))
                    }
                }
                rest = afterOpen[close.upperBound...]
            }
        }
        return result
    }
}
