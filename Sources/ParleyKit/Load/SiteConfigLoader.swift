import Yams

/// Reads `Content/site.yaml` into a `SiteConfig`, reporting every problem at its line and column.
enum SiteConfigLoader {
    static let fields = [
        "title", "description", "base-url", "language", "unsafe-html", "smart-punctuation", "sections", "feed-limit",
        "page-size", "search", "home", "subjects", "fields", "image", "author", "languages",
    ]
    static let languageFields = ["code", "title", "description", "untranslated", "sections", "subjects"]
    static let sectionNamesFields = ["title", "singular", "description"]
    static let subjectNamesFields = ["title", "singular"]
    static let sectionFields = [
        "name", "title", "singular", "description", "path", "dated", "listed", "page-size", "fields", "schema",
    ]
    static let schemaFields = ["type", "location", "attendee", "attendee-type"]
    static let fieldFields = ["name", "type", "required", "description"]
    static let subjectFields = ["name", "title", "singular", "sort"]

    /// A `page-size`: a whole number, 0 for no pagination.
    static func pageSize(_ node: Node?, reader: inout YAMLReader) -> Int? {
        guard let node, let text = reader.string(node, field: "page-size") else { return nil }
        if !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let size = Int(text) {
            return size
        }
        reader.report(
            reader.error(
                at: node, "'page-size' must be a whole number (0 for every list on one page), not '\(text)'",
                hint: "for example: page-size: \(SiteConfig.defaultPageSize)"))
        return nil
    }

    static func parse(_ file: SourceFile) -> (SiteConfig, [Diagnostic]) {
        var reader = YAMLReader(file: file, lineOffset: 0, context: "site.yaml")
        var config = SiteConfig(title: "")
        guard let mapping = reader.mapping(from: file.text) else { return (config, reader.diagnostics) }
        let fields = reader.fields(of: mapping, known: Self.fields)

        if let title = reader.string(fields["title"]?.value, field: "title"), !title.isEmpty {
            config.title = title
        } else if fields["title"] == nil {
            reader.report(
                file.error(
                    line: 1, column: 1, "site.yaml has no 'title'",
                    hint: "add a line such as 'title: Ukraine Peace Talks'"))
        }
        config.description = reader.string(fields["description"]?.value, field: "description")
        if let node = fields["base-url"]?.value, var url = reader.string(node, field: "base-url") {
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                reader.report(
                    reader.error(
                        at: node, "'base-url' must be an absolute http or https address, not '\(url)'",
                        hint: "for example: base-url: https://example.org/reference/"))
            } else if let problem = BaseURL.problem(url) {
                reader.report(
                    reader.error(
                        at: node, "'base-url' must be the address of the site's folder, not '\(url)': \(problem)",
                        hint: "for example: base-url: https://example.org/reference/"))
            }
            if !url.hasSuffix("/") { url += "/" }
            config.baseURL = url
        } else {
            reader.report(
                file.warning(
                    "site.yaml has no 'base-url', so feed.xml, sitemap.xml and robots.txt are not written (they need absolute addresses)",
                    hint:
                        "add the address the site is published at to Content/site.yaml, e.g. base-url: https://example.org/reference/"
                ))
        }
        if let node = fields["feed-limit"]?.value, let text = reader.string(node, field: "feed-limit") {
            if text.allSatisfy({ $0.isASCII && $0.isNumber }), let limit = Int(text), limit > 0 {
                config.feedLimit = limit
            } else {
                reader.report(
                    reader.error(
                        at: node, "'feed-limit' must be a whole number above 0, not '\(text)'",
                        hint: "for example: feed-limit: 50"))
            }
        }
        if let size = pageSize(fields["page-size"]?.value, reader: &reader) { config.pageSize = size }
        config.search = reader.bool(fields["search"]?.value, field: "search") ?? false
        if let node = fields["home"]?.value, let slug = reader.string(node, field: "home") {
            let (line, column) = reader.position(of: node)
            config.home = Located(
                slug, at: SourceLocation(file: file.path, line: line, column: column), sourceLine: file.line(line))
        }
        if let node = fields["image"]?.value, let image = reader.string(node, field: "image") {
            let (line, column) = reader.position(of: node)
            config.image = Located(
                image, at: SourceLocation(file: file.path, line: line, column: column), sourceLine: file.line(line))
        }
        config.author = reader.string(fields["author"]?.value, field: "author")
        config.language = reader.string(fields["language"]?.value, field: "language") ?? "en"
        config.unsafeHTML = reader.bool(fields["unsafe-html"]?.value, field: "unsafe-html") ?? false
        config.smartPunctuation = reader.bool(fields["smart-punctuation"]?.value, field: "smart-punctuation") ?? true

        let sectionsNode = fields["sections"]?.value
        let sectionMappings = reader.mappingList(sectionsNode, field: "sections") ?? []
        if sectionsNode == nil {
            reader.report(
                file.error(
                    line: 1, column: 1, "site.yaml lists no 'sections'",
                    hint:
                        "each section is a folder of Content/; list them, e.g.\nsections:\n  - name: rounds\n    title: Rounds of talks"
                ))
        }
        var names: Set<String> = []
        var paths: [String: String] = [:]
        var sectionFieldNodes: [(section: String, node: Node)] = []
        var schemaNodes: [(section: String, node: Node)] = []
        for mapping in sectionMappings {
            let node = Node.mapping(mapping)
            let section = reader.fields(of: mapping, known: sectionFields)
            guard let nameNode = section["name"]?.value, let name = reader.string(nameNode, field: "name") else {
                if section["name"] == nil {
                    reader.report(
                        reader.error(at: node, "this section has no 'name' (the name of its folder in Content/)"))
                }
                continue
            }
            if !Slug.isValid(name) {
                reader.report(
                    reader.error(
                        at: nameNode, "section name '\(name)' is not a valid folder name",
                        hint: "use lowercase letters, digits and '-', e.g. '\(Slug.make(name))'"))
                continue
            }
            if !names.insert(name).inserted {
                reader.report(reader.error(at: nameNode, "section '\(name)' is listed twice"))
                continue
            }
            var path = reader.string(section["path"]?.value, field: "path") ?? name
            path = path.trimmingSlashes()
            if let pathNode = section["path"]?.value, !path.isEmpty,
                !path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy({ Slug.isValid(String($0)) })
            {
                reader.report(
                    reader.error(
                        at: pathNode, "section path '\(path)' is not a valid URL path",
                        hint:
                            "use lowercase letters, digits and '-', with single '/' between folders, e.g. 'archive/rounds'"
                    ))
            }
            if let other = paths[path] {
                reader.report(
                    reader.error(
                        at: section["path"]?.value ?? nameNode,
                        "sections '\(other)' and '\(name)' have the same URL path '\(path)/'",
                        hint: "give one of them another 'path'"))
            }
            paths[path] = name
            if let fieldsNode = section["fields"]?.value { sectionFieldNodes.append((name, fieldsNode)) }
            if let schemaNode = section["schema"]?.value, !reader.isNull(schemaNode) {
                schemaNodes.append((name, schemaNode))
            }
            var sectionConfig = SectionConfig(
                name: name,
                title: reader.string(section["title"]?.value, field: "title"),
                singular: reader.string(section["singular"]?.value, field: "singular"),
                description: reader.string(section["description"]?.value, field: "description"),
                path: path,
                dated: reader.bool(section["dated"]?.value, field: "dated") ?? false,
                listed: reader.bool(section["listed"]?.value, field: "listed") ?? true)
            sectionConfig.pageSize = pageSize(section["page-size"]?.value, reader: &reader)
            config.sections.append(sectionConfig)
        }
        config.subjects = subjectKinds(fields["subjects"]?.value, reader: &reader)
        let taken = FieldDeclaration.builtInNames + config.subjects.map(\.name)
        config.fields = declarations(fields["fields"]?.value, section: nil, taken: taken, earlier: [], reader: &reader)
        for (section, node) in sectionFieldNodes {
            config.fields += declarations(node, section: section, taken: taken, earlier: config.fields, reader: &reader)
        }
        // A declaration with an error is missing from the fields: a schema naming it is not told so again.
        let declarationsBroken = reader.diagnostics.contains(where: \.isError)
        for (section, node) in schemaNodes {
            guard let index = config.sections.firstIndex(where: { $0.name == section }) else { continue }
            config.sections[index].schema = schema(
                node, section: section, fields: config.fields(for: section),
                declarationsBroken: declarationsBroken, reader: &reader)
        }
        config.languages = editions(
            fields["languages"]?.value, config: config, declared: fields["language"]?.value, reader: &reader)
        if let first = config.languages.first { config.language = first.language }
        return (config, reader.diagnostics)
    }

    /// `languages:`, the site's editions, the default first: each a language tag, or a set of lines with its
    /// `code`, its `title` and `description`, what to do with an entry not translated (`untranslated`), and
    /// its names of the sections and kinds of subject. Checked: valid tags, each once, the first the same as
    /// `language` when both are given, and names only for sections and kinds that exist.
    static func editions(
        _ node: Node?, config: SiteConfig, declared languageNode: Node?, reader: inout YAMLReader
    ) -> [Edition] {
        guard let node, !reader.isNull(node) else { return [] }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            reader.report(
                reader.error(
                    at: node, "'languages' must be a list of languages, the default first",
                    hint: "for example:\nlanguages:\n  - code: en\n  - code: uk\n    title: Мирні переговори"))
            return []
        }
        var editions: [Edition] = []
        for item in sequence {
            var edition: Edition
            var codeNode = item
            var parts: [String: (key: Node, value: Node)] = [:]
            if let mapping = item.mapping {
                parts = reader.fields(of: mapping, known: languageFields)
                guard let node = parts["code"]?.value, let code = reader.string(node, field: "code") else {
                    if parts["code"] == nil {
                        reader.report(
                            reader.error(at: item, "this language has no 'code' (its BCP 47 tag, such as 'uk')"))
                    }
                    continue
                }
                codeNode = node
                edition = Edition(language: code)
            } else if let code = item.scalar?.string {
                edition = Edition(language: code)
            } else {
                reader.report(
                    reader.error(at: item, "each item of 'languages' must be a language code, or {code: …, title: …}"))
                continue
            }
            let code = edition.language
            guard isLanguageTag(code) else {
                reader.report(
                    reader.error(
                        at: codeNode, "'\(code)' is not a language tag",
                        hint:
                            "write a BCP 47 tag in lowercase, such as 'uk', 'en' or 'pt-br' (it names the folder of the edition's pages)"
                    ))
                continue
            }
            if editions.contains(where: { $0.language == code }) {
                reader.report(
                    reader.error(at: codeNode, "the language '\(code)' is listed twice", hint: "remove one of them"))
                continue
            }
            if editions.isEmpty, let languageNode, let language = languageNode.scalar?.string, language != code {
                reader.report(
                    reader.error(
                        at: languageNode,
                        "'language' is '\(language)', but the first of 'languages', the default, is '\(code)'",
                        hint:
                            "remove 'language' (the first of 'languages' is the site's language), or put '\(language)' first"
                    ))
            }
            let isDefault = editions.isEmpty
            // The default language's words are site.yaml's own, and it has every entry.
            for field in ["title", "description", "sections", "subjects", "untranslated"]
            where isDefault && parts[field] != nil {
                reader.report(
                    reader.error(
                        at: parts[field]!.key,
                        "'\(field)' is for the site's other languages, not its default, '\(code)'",
                        hint: field == "untranslated"
                            ? "remove it: the default language has every entry"
                            : "remove it here, and write the default language's \(field) in site.yaml itself"))
            }
            if !isDefault {
                edition.title = reader.string(parts["title"]?.value, field: "title")
                edition.description = reader.string(parts["description"]?.value, field: "description")
            }
            if !isDefault, let node = parts["untranslated"]?.value,
                let text = reader.string(node, field: "untranslated")
            {
                let choices = Edition.Untranslated.allCases.map(\.rawValue)
                if let choice = Edition.Untranslated(rawValue: text) {
                    edition.untranslated = choice
                } else {
                    reader.report(
                        reader.error(
                            at: node, "'untranslated' must be 'leave-out' or 'show-original', not '\(text)'",
                            hint: Suggestion.hint(for: text, in: choices)
                                ?? "'leave-out' gives the edition no page for an entry not translated; 'show-original' shows it in the default language"
                        ))
                }
            }
            if !isDefault {
                edition.sections = names(
                    parts["sections"]?.value, field: "sections", known: config.sections.map(\.name), reader: &reader)
                edition.subjects = names(
                    parts["subjects"]?.value, field: "subjects", known: config.subjects.map(\.name), reader: &reader)
            }
            editions.append(edition)
        }
        return editions
    }

    /// An edition's names of sections or kinds of subject: `rounds: {title: …, singular: …}`, for names that exist.
    static func names(
        _ node: Node?, field: String, known: [String], reader: inout YAMLReader
    ) -> [String: Edition.Names] {
        guard let node, !reader.isNull(node) else { return [:] }
        guard let mapping = node.mapping else {
            reader.report(reader.error(at: node, "'\(field)' must be a set of lines 'name: {title: …, singular: …}'"))
            return [:]
        }
        var names: [String: Edition.Names] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            guard known.contains(name) else {
                let what = field == "sections" ? "section" : "kind of subject"
                reader.report(
                    reader.error(
                        at: key, "there is no \(what) '\(name)' to name",
                        hint: Suggestion.hint(for: name, in: known) ?? "the \(field) are "
                            + known.map { "'\($0)'" }.joined(separator: ", ")))
                continue
            }
            let known = field == "sections" ? sectionNamesFields : subjectNamesFields
            guard let parts = value.mapping.map({ reader.fields(of: $0, known: known) }) else {
                reader.report(
                    reader.error(at: value, "'\(name)' must be a set of lines such as {title: …, singular: …}"))
                continue
            }
            names[name] = Edition.Names(
                title: reader.string(parts["title"]?.value, field: "title"),
                singular: reader.string(parts["singular"]?.value, field: "singular"),
                description: field == "sections"
                    ? reader.string(parts["description"]?.value, field: "description") : nil)
        }
        return names
    }

    /// A BCP 47 tag as Parley takes it: a primary subtag of 2 or 3 lowercase letters, then subtags of letters
    /// and digits, joined by `-` (`uk`, `pt-br`, `sr-latn`).
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
            primary.allSatisfy({ $0.isASCII && $0.isLowercase })
        else { return false }
        return parts.dropFirst().allSatisfy {
            !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }
}

extension String {
    func trimmingSlashes() -> String {
        var result = Substring(self)
        while result.hasPrefix("/") { result = result.dropFirst() }
        while result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
