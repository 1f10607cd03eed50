import Mustache

/// Parses the site's Mustache templates, and checks what swift-mustache would let pass silently:
/// a partial or parent template that does not exist renders as nothing there.
enum TemplateParser {
    /// One template per page kind; the engine renders each page with the template of its kind.
    static let pageKinds = ["entry", "section", "home", "404"]

    /// Parses the templates; `required` are the page kinds this site renders.
    static func parse(_ files: [TemplateFile], required: [String] = pageKinds) -> (MustacheLibrary, [Diagnostic]) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for file in files {
            do {
                library.register(try MustacheTemplate(string: FastHTMLContentType.pragma + file.source.text), named: file.name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(file.source.error(
                    line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber,
                    "the template does not parse: \(describe(error.error))",
                    hint: "every {{#section}} and {{^section}} needs a matching {{/section}}, and every tag its closing '}}'"))
            } catch {
                diagnostics.append(file.source.error("the template does not parse: \(error)"))
            }
        }
        let names = files.map(\.name)
        for file in files {
            for reference in references(in: file.source.text) where !names.contains(reference.name) {
                diagnostics.append(file.source.error(
                    line: reference.line, column: reference.column,
                    "template '\(reference.name)' does not exist (there is no Templates/\(reference.name).mustache)",
                    hint: Suggestion.hint(for: reference.name, in: names)))
            }
        }
        for kind in required where !names.contains(kind) {
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
        return (library, diagnostics)
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

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "this closing tag does not match the section it closes"
        case .unfinishedName: "a tag is not finished (missing '}}'?)"
        case .expectedSectionEnd: "a section is never closed"
        case .invalidSetDelimiter: "the delimiter change is malformed"
        case .transformAppliedToInheritanceSection: "a transform cannot be applied to an inherited section"
        case .illegalTokenInsideInheritSection: "only block overrides {{$name}} may stand inside a parent tag {{< …}}"
        case .textInsideInheritSection: "text may not stand directly inside a parent tag {{< …}}; put it in a block {{$name}}…{{/name}}"
        case .invalidConfigVariableSyntax: "the pragma is malformed"
        case .unrecognisedConfigVariable: "unknown pragma"
        case nil: "\(error)"
        }
    }
}

/// swift-mustache's HTML escaping (the same five characters), on UTF-8 bytes, so that a quote a combining mark follows is escaped too.
///
/// swift-mustache escapes every `{{value}}` by looking each `Character` up in a dictionary, which was an
/// eighth of a whole build. It lets a template choose its content type by pragma only, and starts every
/// template and partial with HTML, so the parser starts each template with this pragma, on a line of its own
/// (a standalone tag, which leaves no trace in the output). A template's own `CONTENT_TYPE` pragma still
/// comes after it and wins.
struct FastHTMLContentType: MustacheContentType {
    static let name = "PARLEY_HTML"
    static let pragma: String = {
        MustacheContentTypes.register(FastHTMLContentType(), named: name)
        return "{{% CONTENT_TYPE: \(name)}}\n"
    }()

    func escapeText(_ text: String) -> String { text.escapingHTML(apostrophes: true) }
}
