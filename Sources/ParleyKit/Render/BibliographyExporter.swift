/// The site's sources for reference managers: CSL-JSON (Zotero, Pandoc, citeproc) and BibTeX (biblatex).
///
/// Both are deterministic: references in bibliography order, fields in a fixed order, so that an unchanged
/// bibliography gives unchanged bytes.
enum BibliographyExporter {
    // MARK: CSL-JSON

    /// An array of CSL-JSON objects with every field of each reference as written, in source order (dates as
    /// `{"date-parts": [[2022, 2, 28]]}`, names as objects). Two-space indentation; arrays without objects on
    /// one line; non-ASCII characters as UTF-8, `/` unescaped; a final newline. It reads back through
    /// `BibliographyParser` to the same fields.
    static func cslJSON(_ bibliography: Bibliography) -> String {
        var out = ""
        writeJSON(.array(bibliography.references.map { .object($0.fields) }), indent: "", into: &out)
        return out + "\n"
    }

    private static func writeJSON(_ value: CSLValue, indent: String, into out: inout String) {
        switch value {
        case .string(let text): out += jsonString(text)
        case .number(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
            } else if !items.contains(where: containsObject) {
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ", " }
                    writeJSON(item, indent: indent, into: &out)
                }
                out += "]"
            } else {
                let inner = indent + "  "
                out += "[\n"
                for (index, item) in items.enumerated() {
                    out += inner
                    writeJSON(item, indent: inner, into: &out)
                    out += index == items.count - 1 ? "\n" : ",\n"
                }
                out += indent + "]"
            }
        case .object(let fields):
            guard !fields.isEmpty else {
                out += "{}"
                return
            }
            let inner = indent + "  "
            out += "{\n"
            for (index, field) in fields.enumerated() {
                out += inner + jsonString(field.name) + ": "
                writeJSON(field.value, indent: inner, into: &out)
                out += index == fields.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    private static func containsObject(_ value: CSLValue) -> Bool {
        switch value {
        case .object: true
        case .array(let items): items.contains(where: containsObject)
        default: false
        }
    }

    /// A JSON string literal: `"`, `\` and control characters escaped, everything else as it is.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let control where control.value < 0x20:
                let digits = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: BibTeX

    /// One BibTeX entry per reference, keyed by its id as written, for biblatex (it has `date` and
    /// `urldate`) and classic BibTeX (`year` and `month`) alike. Texts are escaped for TeX; URLs are kept
    /// verbatim (as biblatex reads them), with only braces, backslashes and spaces percent-encoded.
    static func bibTeX(_ bibliography: Bibliography) -> String {
        bibliography.references.map(bibTeXEntry).joined(separator: "\n")
    }

    static func bibTeXType(_ type: String?) -> String {
        switch type {
        case "article-newspaper", "article-magazine", "article-journal": "article"
        case "book": "book"
        case "chapter": "incollection"
        case "paper-conference": "inproceedings"
        case "webpage", "post-weblog": "online"
        case "report": "techreport"
        case "thesis": "phdthesis"
        default: "misc"
        }
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func bibTeXEntry(_ reference: Reference) -> String {
        let type = bibTeXType(reference.type)
        var fields: [(String, String)] = []
        func add(_ name: String, _ text: String?) {
            if let text, !text.isEmpty { fields.append((name, "{" + tex(text) + "}")) }
        }
        func variable(_ name: String) -> String? { reference.field(name)?.text }

        if !reference.authors.isEmpty { fields.append(("author", "{" + bibTeXNames(reference.authors) + "}")) }
        if !reference.editors.isEmpty { fields.append(("editor", "{" + bibTeXNames(reference.editors) + "}")) }
        if let title = reference.title, !title.isEmpty { fields.append(("title", "{{" + tex(title) + "}}")) }
        add(type == "article" ? "journal" : "booktitle", reference.containerTitle)
        add(type == "techreport" ? "institution" : type == "phdthesis" ? "school" : "publisher", reference.publisher)
        add("address", variable("publisher-place"))
        add("volume", variable("volume"))
        add("number", variable("issue"))
        add("pages", reference.page.map(bibTeXPages))
        if let issued = reference.issued {
            fields.append(("year", "{" + String(issued.year) + "}"))
            if let month = issued.month { fields.append(("month", months[month - 1])) }
            fields.append(("date", "{" + issued.description + "}"))
        }
        if let url = reference.url { fields.append(("url", "{" + verbatimURL(url) + "}")) }
        if let accessed = reference.accessed { fields.append(("urldate", "{" + accessed.description + "}")) }
        add("doi", variable("DOI"))
        add("isbn", variable("ISBN"))
        add("issn", reference.issn)
        add("language", reference.language)
        add("note", reference.note)

        var out = "@\(type){\(reference.id)"
        for (name, value) in fields { out += ",\n  \(name) = \(value)" }
        return out + "\n}\n"
    }

    /// `Hopkins, Valerie and Hutchinson, Bill`; an organisation in braces: `{Deutsche Welle}`.
    static func bibTeXNames(_ names: [Name]) -> String {
        names.map { name in
            if let literal = name.literal { return "{" + tex(literal) + "}" }
            func protect(_ part: String) -> String {
                let lower = part.lowercased()
                return part.contains(",") || lower.contains(" and ") ? "{" + tex(part) + "}" : tex(part)
            }
            switch (name.family, name.given) {
            case let (family?, given?): return protect(family) + ", " + protect(given)
            case let (family?, nil): return family.contains(" ") ? "{" + tex(family) + "}" : protect(family)
            case let (nil, given?): return protect(given)
            default: return ""
            }
        }.joined(separator: " and ")
    }

    /// `4-7` or `4–7` → `4--7`.
    static func bibTeXPages(_ page: String) -> String {
        let characters = Array(page)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "-" || character == "–", index > 0, characters[index - 1].isNumber {
                var end = index
                while end < characters.count && (characters[end] == "-" || characters[end] == "–") { end += 1 }
                if end < characters.count && characters[end].isNumber {
                    out += "--"
                    index = end
                    continue
                }
            }
            out.append(character)
            index += 1
        }
        return out
    }

    /// Text escaped for TeX: `{ } \ % & $ # _ ~ ^`.
    static func tex(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "{": out += "\\{"
            case "}": out += "\\}"
            case "%": out += "\\%"
            case "&": out += "\\&"
            case "$": out += "\\$"
            case "#": out += "\\#"
            case "_": out += "\\_"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(character)
            }
        }
        return out
    }

    /// A URL for a verbatim field: braces, backslashes and spaces percent-encoded, the rest as written.
    static func verbatimURL(_ url: String) -> String {
        var out = ""
        for character in url {
            switch character {
            case "{": out += "%7B"
            case "}": out += "%7D"
            case "\\": out += "%5C"
            case " ": out += "%20"
            default: out.append(character)
            }
        }
        return out
    }
}
