import Foundation
import ParleyTemplates

/// The site's templates: each page kind's template compiled against the values of its pages.
struct SiteTemplates: Sendable {
    let library: TemplateLibrary
    let pages: [String: CompiledTemplate]
    /// Each page kind's template with its partials and parents, as a key.
    private let templateKeys: [String: CacheKey]

    init(library: TemplateLibrary, pages: [String: CompiledTemplate], sources: [String: String]) {
        self.library = library
        self.pages = pages
        templateKeys = pages.mapValues { template in
            KeyHasher.key { h in
                for name in template.templates.sorted() {
                    h.combine(name)
                    h.combine(sources[name])
                }
            }
        }
    }

    /// A page; empty if its template is missing (the build has reported it).
    func render(_ values: some PageRoot) -> String {
        // A compiled page template cannot fail: its partials were checked not to include themselves.
        (try? pages[type(of: values).kind]?.render(.object(values))) ?? ""
    }

    /// A page as UTF-8 bytes.
    func renderBytes(_ values: some PageRoot) -> [UInt8] {
        (try? pages[type(of: values).kind]?.renderBytes(.object(values))) ?? []
    }

    /// A page's key: its template, with its partials and parents, and every value of the page the template reads.
    func key(_ values: some PageRoot) -> CacheKey {
        let kind = type(of: values).kind
        return KeyHasher.key { h in
            h.combine(kind)
            h.combine(templateKeys[kind] ?? .none)
            pages[kind]?.hash(.object(values), into: &h)
        }
    }
}

/// Parses the site's templates and compiles each page kind's against the values of its pages, so that a
/// misspelt name, a section over a number, a missing partial or a partial that includes itself is an error
/// at `Templates/FILE:LINE:COL` before anything is rendered.
enum TemplateParser {
    /// The values of each kind of page, whose template has the kind's name.
    static let pageTypes: [any PageRoot.Type] = [
        EntryPage.self, SectionPage.self, HomePage.self, NotFoundPage.self, BibliographyPageValues.self,
        SubjectsPage.self, SubjectPage.self, TimelinePage.self, AliasPage.self, SearchPage.self,
    ]

    /// The page kinds every site renders.
    static let pageKinds = ["entry", "section", "home", "404"]

    /// Parses and compiles the templates; `required` are the page kinds this site renders.
    static func parse(
        _ files: [TemplateFile], required: [String] = pageKinds, fields: [FieldDeclaration]? = [],
        strings: [String] = []
    ) -> (SiteTemplates, [Diagnostic]) {
        let library = TemplateLibrary(
            Dictionary(files.map { ($0.name, $0.source.text) }, uniquingKeysWith: { a, _ in a }))
        let sources = Dictionary(files.map { ($0.name, $0.source) }, uniquingKeysWith: { a, _ in a })
        // Each template's lines, split once: a template with many mistakes on one long line costs one split,
        // and each diagnostic keeps only the part of the line around its column.
        var lines: [String: [Substring]] = [:]
        var scalars: [String: [Int: [Unicode.Scalar]]] = [:]
        func diagnostic(_ problem: TemplateDiagnostic, pages: [String] = []) -> Diagnostic {
            let source =
                sources[problem.template] ?? SourceFile(path: "Templates/\(problem.template).mustache", text: "")
            let kinds = pages.count > 1 ? pages.dropLast().joined(separator: ", ") + " and " + pages.last! : pages.first
            let message = problem.message + (kinds.map { " (on \($0) pages)" } ?? "")
            if lines[problem.template] == nil {
                var iterator = LineIterator(source.text)
                var split: [Substring] = []
                while let line = iterator.next() { split.append(line) }
                lines[problem.template] = split
            }
            let fileLines = lines[problem.template]!
            var excerpt: (text: String, start: Int)?
            if problem.line >= 1, problem.line <= fileLines.count {
                if scalars[problem.template]?[problem.line] == nil {
                    scalars[problem.template, default: [:]][problem.line] = Array(
                        fileLines[problem.line - 1].unicodeScalars)
                }
                excerpt = SourceExcerpt.clip(scalars[problem.template]![problem.line]!, column: problem.column)
            }
            return Diagnostic(
                .error, at: SourceLocation(file: source.path, line: problem.line, column: problem.column), message,
                hint: problem.hint, sourceLine: excerpt?.text, sourceLineStart: excerpt?.start ?? 1)
        }
        var diagnostics = library.diagnostics.map { diagnostic($0) }
        var compiled: [String: CompiledTemplate] = [:]
        // A partial's mistake is reported once, naming every kind of page it was found on.
        var found: [TemplateDiagnostic: [String]] = [:]
        var order: [TemplateDiagnostic] = []
        for type in pageTypes where library.contains(type.kind) {
            let kind = type.kind
            // Without declarations to trust (site.yaml has errors), names under `fields` are not checked.
            var bindings = [StringValues.binding: StringValues.type(for: strings)]
            if let fields { bindings[DeclaredValues.binding] = DeclaredValues.type(for: fields) }
            let (template, problems) = library.compile(kind, root: type.templateType, bindings: bindings)
            compiled[kind] = template
            for problem in problems {
                if found[problem] == nil { order.append(problem) }
                found[problem, default: []].append(kind)
            }
        }
        diagnostics += order.map { diagnostic($0, pages: found[$0]!) }
        for kind in required where !library.contains(kind) {
            let page =
                switch kind {
                case "404": "the 404 page"
                case "bibliography": "the bibliography page (the site has sources in Content/bibliography.*)"
                case "timeline": "the timeline (entries have dates)"
                case "subjects": "the subject index (the subject terms entries name)"
                case "subject": "the subject index's term pages (the subject terms entries name)"
                case "alias": "the pages at entries' former addresses (entries have 'aliases')"
                case "search": "the search page (site.yaml has 'search: true')"
                default: "\(kind) pages"
                }
            diagnostics.append(
                .error(
                    "the template for \(page) is missing",
                    at: SourceLocation(file: "Templates/\(kind).mustache"),
                    hint: "every site needs one template per page kind: "
                        + required.map { "\($0).mustache" }.joined(separator: ", ")))
        }
        return (SiteTemplates(library: library, pages: compiled, sources: sources.mapValues(\.text)), diagnostics)
    }
}

extension TemplateParser {
    /// The templates step: the site's templates compiled for the pages its parsed content calls for, with the
    /// fields and strings the site declares.
    static func compile(_ site: LoadedSite, for parsed: ParsedSite) -> (SiteTemplates, [Diagnostic]) {
        parse(
            site.templates, required: pageKinds + parsed.contentPageKinds,
            fields: site.settingsBroken ? nil : parsed.config.fields, strings: parsed.strings.keys)
    }
}
