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

    /// One BibTeX entry per reference, keyed by its id (see ``bibTeXKeys(_:)``), for biblatex (it has `date`
    /// and `urldate`) and classic BibTeX (`year` and `month`) alike. Texts are escaped for TeX so that any text
    /// reads back as written (see ``tex(_:)``); URLs are kept verbatim (as biblatex reads them), with only
    /// braces, backslashes and spaces percent-encoded.
    static func bibTeX(_ bibliography: Bibliography) -> String {
        zip(bibliography.references, bibTeXKeys(bibliography.references)).map { bibTeXEntry($0, key: $1) }.joined(
            separator: "\n")
    }

    /// Each reference's entry key: its id where every character may stand in a key (letters, digits and
    /// `- _ : . / +`), else the id with each other character as `_`, made unique with `_2`, `_3`… A key can
    /// hold no space, comma, brace, `%`, `#` or quote, which BibTeX, biber and `\cite` would read otherwise.
    static func bibTeXKeys(_ references: [Reference]) -> [String] {
        func allowed(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || "-_:./+".contains(character)
        }
        var taken = Set(references.map(\.id).filter { $0.allSatisfy(allowed) })
        return references.map { reference in
            guard !reference.id.allSatisfy(allowed) else { return reference.id }
            let base = reference.id.isEmpty ? "_" : String(reference.id.map { allowed($0) ? $0 : "_" })
            var key = base, number = 1
            while taken.contains(key) {
                number += 1
                key = base + "_" + String(number)
            }
            taken.insert(key)
            return key
        }
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

    static func bibTeXEntry(_ reference: Reference, key: String? = nil) -> String {
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
        if let page = reference.page, !page.isEmpty {
            fields.append(("pages", "{" + tex(bibTeXPages(page), dashes: true) + "}"))
        }
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

        var out = "@\(type){\(key ?? bibTeXKeys([reference])[0])"
        for (name, value) in fields { out += ",\n  \(name) = \(value)" }
        return out + "\n}\n"
    }

    /// `Hopkins, Valerie and Hutchinson, Bill`; an organisation in braces: `{Deutsche Welle}`. A family name of
    /// several words, and any part holding a comma or the word `and`, is braced too, so that BibTeX reads each
    /// part as written (no `von` part split off, no second name).
    static func bibTeXNames(_ names: [Name]) -> String {
        names.map { name in
            if let literal = name.literal { return "{" + tex(literal) + "}" }
            func protect(_ part: String, words: Bool = false) -> String {
                let spaced = spaced(part)
                let split = spaced.split(separator: " ")
                let needed =
                    spaced.contains(",") || split.contains { $0.lowercased() == "and" } || (words && split.count > 1)
                return needed ? "{" + tex(part) + "}" : tex(part)
            }
            switch (name.family, name.given) {
            case let (family?, given?): return protect(family, words: true) + ", " + protect(given)
            case let (family?, nil): return protect(family, words: true)
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

    /// Text for a BibTeX field, read back as written by BibTeX, biber, pybtex and pandoc alike: `\ % & $ # _ ~ ^`,
    /// the quotes `' " \`` and `<` `>` as TeX commands, a no-break space as `~`, a `{}` between two `-` or two
    /// `,` (no dash or quote ligature), and each brace as `\{` or `\}`. BibTeX counts those as braces too, so
    /// the braces the text leaves unmatched are matched where TeX does not see them: `\iffalse\}\fi{}` at the
    /// end for each `{` never closed, `\iffalse\{\fi{}` at the start for each `}` never opened. Every field
    /// is then balanced, whatever the text. Line breaks and runs of spaces become one space, as BibTeX reads them.
    /// With `dashes`, two `-` stay a dash (a page range).
    static func tex(_ text: String, dashes: Bool = false) -> String {
        var out = ""
        var open = 0, unopened = 0
        var previous: Character?
        for character in spaced(text) {
            if character == previous, (character == "-" && !dashes) || character == "," { out += "{}" }
            previous = character
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "{":
                out += "\\{"
                open += 1
            case "}":
                out += "\\}"
                if open > 0 { open -= 1 } else { unopened += 1 }
            case "%", "&", "$", "#", "_": out += "\\" + String(character)
            case "~": out += "\\textasciitilde{}"
            case "\u{A0}": out += "~"
            case "^": out += "\\textasciicircum{}"
            case "'": out += "\\textquotesingle{}"
            case "\"": out += "\\textquotedbl{}"
            case "`": out += "\\`{}"
            case "<": out += "\\textless{}"
            case ">": out += "\\textgreater{}"
            default: out.append(character)
            }
        }
        return String(repeating: "\\iffalse\\{\\fi{}", count: unopened) + out
            + String(repeating: "\\iffalse\\}\\fi{}", count: open)
    }

    /// The text with every run of spaces, tabs and line breaks as one space, and none at either end.
    static func spaced(_ text: String) -> String {
        let breaks: Set<Character> = [
            " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
        ]
        guard text.contains(where: breaks.contains) else { return text }
        return text.split(whereSeparator: breaks.contains).joined(separator: " ")
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
