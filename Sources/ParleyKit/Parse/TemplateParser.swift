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
                library.register(try MustacheTemplate(string: file.source.text), named: file.name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(file.source.error(
                    line: error.context.lineNumber, column: error.context.columnNumber,
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
