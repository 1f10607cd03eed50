import Yams

/// Stage 2, parse, for one entry: its front matter into fields (checked and located) and its body into HTML.
enum EntryParser {
    /// What a translation takes from its entry and may not say again: the facts every edition shares.
    static let sharedFields = ["date", "related", "after", "before", "aliases", "updated", "weight"]

    static func parse(
        _ file: EntryFile, section: SectionConfig, subjects kinds: [SubjectKind] = [],
        fields declarations: [FieldDeclaration] = [],
        settingsBroken: Bool = false, options: MarkdownOptions,
        authorLabel: @escaping (String) -> String? = { _ in nil }
    ) -> (Entry?, [Diagnostic]) {
        let source = file.source
        var diagnostics: [Diagnostic] = []
        let translating = file.language != nil
        let dotted = file.slug.split(separator: ".")
        if dotted.count > 1, let suffix = dotted.last, SiteConfigLoader.isLanguageTag(String(suffix)) {
            diagnostics.append(
                source.error(
                    "'\(file.slug).md' looks like a translation into '\(suffix)', which is not one of the site's languages",
                    hint: "add '\(suffix)' to 'languages' in Content/site.yaml, or rename the file"))
        } else if !Slug.isValid(file.slug) {
            diagnostics.append(
                source.error(
                    "the file name '\(file.slug).md' is not a valid slug (the entry's name in URLs and links)",
                    hint: "rename it to '\(Slug.make(file.slug)).md': lowercase letters, digits and '-'"))
        }
        let frontMatter: FrontMatter
        switch FrontMatter.split(source) {
        case .success(let split): frontMatter = split
        case .failure(let problem): return (nil, diagnostics + [problem])
        }

        var reader = YAMLReader(file: source, lineOffset: 1, context: "front matter")
        guard let mapping = reader.mapping(from: frontMatter.yaml) else {
            return (nil, diagnostics + reader.diagnostics)
        }
        // With errors in site.yaml, its declarations are incomplete: a field they miss is not reported again here.
        let fields = reader.fields(
            of: mapping, known: FieldDeclaration.builtInNames + kinds.map(\.name) + declarations.map(\.name),
            reportUnknown: !settingsBroken)
        func string(_ name: String) -> String? { reader.string(fields[name]?.value, field: name) }
        // Text readers read gets the body's punctuation: curly quotes in titles as in the text.
        func prose(_ name: String) -> String? { string(name).map { options.smart ? Typography.smart($0) : $0 } }
        if translating {
            // What every edition shares is said once, in the entry: a translation that said it again could
            // print another date.
            let original = file.source.path.replacingOccurrences(of: ".\(file.language!).md", with: ".md")
            for name in sharedFields + kinds.map(\.name) {
                guard let field = fields[name] else { continue }
                let what =
                    kinds.contains { $0.name == name }
                    ? "its subject terms ('\(name)'); their names in this language are in Content/terms.\(file.language!).yaml"
                    : "its '\(name)'"
                reader.report(
                    reader.error(
                        at: field.key, "a translation takes \(what) from its entry, \(original)",
                        hint: "remove '\(name)' here; every edition shows what the entry says"))
            }
        }
        var subjects: [TermUse] = []
        for kind in kinds where !translating {
            subjects += terms(fields[kind.name]?.value, kind: kind.name, entry: file.slug, reader: &reader)
        }

        let title = prose("title")
        if fields["title"] == nil || title?.isEmpty == true {
            let line = fields["title"].map { reader.position(of: $0.key).line } ?? 1
            reader.report(
                source.error(
                    line: line, column: 1, "the entry has no title",
                    hint: "add a line 'title: …' to the front matter"))
        }

        var date: EDTFDate?
        if !translating, let node = fields["date"]?.value, let text = reader.string(node, field: "date") {
            switch EDTFDate.parse(text) {
            case .success(let parsed): date = parsed
            case .failure(let error):
                let reason = error.reason.map { " (\($0))" } ?? ""
                reader.report(
                    reader.error(
                        at: node, "'\(text)' is not a valid date\(reason)",
                        hint: "write the date in EDTF: \(EDTFDate.acceptedForms)"))
            }
        } else if section.dated, fields["date"] == nil, !translating {
            reader.report(
                source.error(
                    line: 1, column: 1, "entries in '\(section.name)' need a date",
                    hint:
                        "add a line 'date: YYYY-MM-DD' to the front matter (or YYYY-MM, YYYY, an interval such as 2022-05-09/2022-05-15, or another EDTF form)"
                ))
        }

        // Checked even when git gives the date, so that a mistake shows before the file is first committed.
        var updated: Timestamp?
        if !translating, let node = fields["updated"]?.value, let text = reader.string(node, field: "updated") {
            switch EntryDate.parse(text) {
            case .success(let day) where day.precision == .day: updated = Timestamp(day: day)
            case .success:
                reader.report(reader.error(at: node, "'updated' must be a day, not '\(text)'", hint: updatedHint))
            case .failure(let error):
                let reason = error.reason.map { " (\($0))" } ?? ""
                reader.report(reader.error(at: node, "'\(text)' is not a valid date\(reason)", hint: updatedHint))
            }
        }

        // An undated section's order: lower first (see ``SiteResolver/inSectionOrder(_:_:)``).
        var weight: Int?
        if !translating, let node = fields["weight"]?.value, let text = reader.string(node, field: "weight") {
            if let number = Int(text) {
                weight = number
                if section.dated {
                    reader.report(
                        reader.warning(
                            at: node, "'weight' has no effect in '\(section.name)', whose entries are in date order",
                            hint: "remove it; to order entries of the same date, use 'after' or 'before'"))
                }
            } else {
                reader.report(
                    reader.error(
                        at: node, "'weight' must be a whole number, not '\(text)'",
                        hint:
                            "write an integer, lower first: weight: 10 (entries without one come after those with one)")
                )
            }
        }

        // Lists of slugs: checked as lists of texts once (which reports any wrong type); each item keeps its position.
        func slugs(_ field: String) -> [Located<String>] {
            var slugs: [Located<String>] = []
            if let node = fields[field]?.value, reader.stringList(node, field: field) != nil,
                let sequence = node.sequence
            {
                for item in sequence {
                    guard let slug = item.scalar?.string else { continue }
                    let (line, column) = reader.position(of: item)
                    slugs.append(reader.located(slug, line: line, column: column))
                }
            }
            return slugs
        }

        // The fields the site declares, each read as its type says.
        var declared: [String: FieldValue] = [:]
        for declaration in declarations {
            let name = declaration.name
            guard let node = fields[name]?.value, !reader.isNull(node) else {
                if declaration.required, !translating {
                    let what = declaration.description.map { " (\($0))" } ?? ""
                    reader.report(
                        source.error(
                            line: 1, column: 1,
                            "the entry has no '\(name)'\(what), which every entry \(declaration.section.map { "in '\($0)' " } ?? "")must have",
                            hint: "add a line '\(name): …' to the front matter: \(declaration.type.example)"))
                }
                continue
            }
            switch declaration.type {
            case .text:
                if let text = prose(name) { declared[name] = .text(text) }
            case .markdown:
                if let text = string(name) {
                    declared[name] = .markdown(MarkdownHTML.inline(text, options: options))
                }
            case .list:
                if let items = reader.stringList(node, field: name) { declared[name] = .list(items) }
            case .number:
                guard let text = string(name) else { continue }
                if let number = Double(text), number.isFinite,
                    text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) })
                {
                    declared[name] = .number(number, text)
                } else {
                    reader.report(
                        reader.error(
                            at: node, "'\(name)' must be a number, not '\(text)'",
                            hint: "write it with digits, e.g. \(name): 12 or \(name): 3.5"))
                }
            case .boolean:
                if let flag = reader.bool(node, field: name) { declared[name] = .boolean(flag) }
            case .date:
                guard let text = string(name) else { continue }
                switch EDTFDate.parse(text) {
                case .success(let parsed): declared[name] = .date(parsed)
                case .failure(let error):
                    let reason = error.reason.map { " (\($0))" } ?? ""
                    reader.report(
                        reader.error(
                            at: node, "'\(text)' is not a valid date\(reason)",
                            hint: "write the date in EDTF: \(EDTFDate.acceptedForms)"))
                }
            case .url:
                guard let text = string(name) else { continue }
                if text.hasPrefix("https://") || text.hasPrefix("http://") {
                    declared[name] = .text(text)
                } else {
                    reader.report(
                        reader.error(
                            at: node, "'\(name)' must be an absolute http or https address, not '\(text)'",
                            hint: "for example: \(name): https://example.org/report"))
                }
            case .entry:
                guard let slug = string(name) else { continue }
                let (line, column) = reader.position(of: node)
                declared[name] = .entries([reader.located(slug, line: line, column: column)])
            case .entries:
                declared[name] = .entries(slugs(name))
            }
        }

        var body = MarkdownHTML.body(
            frontMatter.body, options: options, lineOffset: frontMatter.bodyLineOffset, file: source.path,
            authorLabel: authorLabel)
        diagnostics += body.problems
        body.problems = []
        let entry = Entry(
            slug: file.slug, section: file.section, path: source.path,
            title: title ?? "", date: date, summary: prose("summary"),
            fields: declared, related: translating ? [] : slugs("related"),
            after: translating ? [] : slugs("after"), before: translating ? [] : slugs("before"),
            draft: reader.bool(fields["draft"]?.value, field: "draft") ?? false,
            updated: file.history?.updated ?? updated, published: file.history?.created,
            body: body, weight: weight)
        var result = entry
        result.subjects = subjects
        if !translating { result.aliases = aliases(fields["aliases"]?.value, reader: &reader) }
        result.language = file.language
        diagnostics += reader.diagnostics
        return (diagnostics.hasErrors ? nil : result, diagnostics)
    }

    /// The `aliases` list: each former address as a path in the output folder, `rounds/old-name/` for a folder
    /// (its page is `index.html` in it) or `old.html` for a page; checked here, where its place is known.
    static func aliases(_ node: Yams.Node?, reader: inout YAMLReader) -> [Located<String>] {
        guard let node, reader.stringList(node, field: "aliases") != nil, let sequence = node.sequence else {
            return []
        }
        var aliases: [Located<String>] = []
        for item in sequence {
            guard let text = item.scalar?.string else { continue }
            switch AliasPath.normalize(text) {
            case .success(let path):
                let (line, column) = reader.position(of: item)
                aliases.append(reader.located(path, line: line, column: column))
            case .failure(let problem):
                reader.report(
                    reader.error(
                        at: item, "'\(text)' is not an address this site can redirect from: \(problem.reason)",
                        hint: problem.hint))
            }
        }
        return aliases
    }

    static let updatedHint = "write the day the entry was last changed as YYYY-MM-DD, e.g. updated: 2024-05-01"

    /// A list of terms of one kind: each item a name, or `{name: …, original: …, sort: …}` to give the original
    /// spelling (`{name: Volodymyr Zelensky, original: Володимир Зеленський}`) or how the index files it
    /// (`{name: Ursula von der Leyen, sort: "Leyen, Ursula von der"}`).
    static func terms(_ node: Node?, kind field: String, entry: String, reader: inout YAMLReader) -> [TermUse] {
        guard let node, node.sequence != nil || node.mapping != nil || !(node.scalar?.string ?? "").isEmpty else {
            return []
        }
        guard let sequence = node.sequence else {
            _ = reader.stringList(node, field: field)  // reports the wrong type
            return []
        }
        var uses: [TermUse] = []
        for item in sequence {
            let (line, column) = reader.position(of: item)
            var name: String?
            var original: String?
            var sortAs: String?
            if let scalar = item.scalar {
                name = scalar.string
            } else if let mapping = item.mapping {
                let parts = reader.fields(of: mapping, known: ["name", "original", "sort"])
                name = reader.string(parts["name"]?.value, field: "name")
                original = reader.string(parts["original"]?.value, field: "original")
                sortAs = reader.string(parts["sort"]?.value, field: "sort")
                if parts["name"] == nil {
                    reader.report(
                        reader.error(
                            at: item, "this item of '\(field)' has no 'name'",
                            hint: "write {name: Volodymyr Zelensky, original: Володимир Зеленський}, or just the name"))
                }
            } else {
                reader.report(
                    reader.error(at: item, "each item of '\(field)' must be a name, or {name: …, original: …, sort: …}")
                )
            }
            guard let name, !name.trimmingWhitespace.isEmpty else { continue }
            uses.append(
                TermUse(
                    kind: field, name: name, original: original, sortAs: sortAs, entry: entry,
                    location: reader.located(name, line: line, column: column)))
        }
        return uses
    }
}
