import Yams

extension SiteConfigLoader {
    /// A list of field declarations (`fields:`), site-wide (`section` nil) or for one section, each checked: a
    /// valid name that no built-in field, kind of subject or declaration for the same entries has, a known type,
    /// and the same type as a field of that name declared for another section (templates read it by one name).
    static func declarations(
        _ node: Node?, section: String?, taken: [String], earlier: [FieldDeclaration], reader: inout YAMLReader
    ) -> [FieldDeclaration] {
        guard let node else { return [] }
        var declared: [FieldDeclaration] = []
        let types = FieldDeclaration.FieldType.allCases.map(\.rawValue)
        for mapping in reader.mappingList(node, field: "fields") ?? [] {
            let parts = reader.fields(of: mapping, known: fieldFields)
            guard let nameNode = parts["name"]?.value, let name = reader.string(nameNode, field: "name") else {
                if parts["name"] == nil {
                    reader.report(
                        reader.error(
                            at: .mapping(mapping), "this field has no 'name' (the front-matter field it declares)",
                            hint:
                                "for example:\nfields:\n  - name: location\n    type: text\n    description: Where it took place"
                        ))
                }
                continue
            }
            if !Slug.isValid(name) {
                reader.report(
                    reader.error(
                        at: nameNode, "'\(name)' is not a valid field name",
                        hint: "use lowercase letters, digits and '-', e.g. '\(Slug.make(name))'"))
                continue
            }
            if taken.contains(name) {
                let what =
                    FieldDeclaration.builtInNames.contains(name)
                    ? "a field every entry has" : "a kind of subject in 'subjects'"
                reader.report(
                    reader.error(
                        at: nameNode, "'\(name)' is \(what), so it cannot be declared again",
                        hint: "call the field something else"))
                continue
            }
            let siteWide = earlier.contains { $0.name == name && $0.section == nil }
            if declared.contains(where: { $0.name == name }) || siteWide {
                reader.report(
                    reader.error(
                        at: nameNode,
                        "the field '\(name)' is declared twice"
                            + (section != nil && siteWide ? " (it is declared for every section already)" : ""),
                        hint: "remove one of the declarations"))
                continue
            }
            guard let typeNode = parts["type"]?.value, let typeName = reader.string(typeNode, field: "type") else {
                if parts["type"] == nil {
                    reader.report(
                        reader.error(
                            at: nameNode, "the field '\(name)' has no 'type'",
                            hint: "add a line 'type: …', one of " + types.joined(separator: ", ")))
                }
                continue
            }
            guard let type = FieldDeclaration.FieldType(rawValue: typeName) else {
                reader.report(
                    reader.error(
                        at: typeNode, "'\(typeName)' is not a type of field",
                        hint: Suggestion.hint(for: typeName, in: types) ?? "the types are "
                            + types.joined(separator: ", ")))
                continue
            }
            if let other = earlier.first(where: { $0.name == name }), other.type != type {
                reader.report(
                    reader.error(
                        at: typeNode,
                        "the field '\(name)' is \(other.type.rawValue) in section '\(other.section ?? "")', so it cannot be \(type.rawValue) here",
                        hint:
                            "a field has one type across the site, as templates read it by its name; give this one another name"
                    ))
                continue
            }
            declared.append(
                FieldDeclaration(
                    name: name, type: type, required: reader.bool(parts["required"]?.value, field: "required") ?? false,
                    description: reader.string(parts["description"]?.value, field: "description"), section: section))
        }
        return declared
    }

    /// A section's `schema:`, checked: a known `type`; for an `Event`, a `location` and an `attendee` that name
    /// fields the section's entries may have, of a type that can say a place or a name; a known `attendee-type`.
    static func schema(
        _ node: Node, section: String, fields declared: [FieldDeclaration], declarationsBroken: Bool = false,
        reader: inout YAMLReader
    ) -> SchemaMapping? {
        let example = "for example:\nschema:\n  type: Event\n  location: location\n  attendee: participants"
        guard let mapping = node.mapping else {
            reader.report(
                reader.error(
                    at: node,
                    "'schema' must be a set of 'field: value' lines, not \(node.scalar.map { "'\($0.string)'" } ?? "a list")",
                    hint: example))
            return nil
        }
        let parts = reader.fields(of: mapping, known: schemaFields)
        let types = SchemaMapping.Kind.allCases.map(\.rawValue)
        guard let typeNode = parts["type"]?.value, let typeName = reader.string(typeNode, field: "type") else {
            if parts["type"] == nil {
                reader.report(
                    reader.error(
                        at: node, "the schema of section '\(section)' has no 'type'",
                        hint:
                            "add 'type: Event' (dated entries are events, with their dates, place and participants) or 'type: Article'"
                    ))
            }
            return nil
        }
        guard let type = SchemaMapping.Kind(rawValue: typeName) else {
            reader.report(
                reader.error(
                    at: typeNode, "'\(typeName)' is not a schema type Parley writes",
                    hint: Suggestion.hint(for: typeName, in: types) ?? "the types are "
                        + types.map { "'\($0)'" }.joined(separator: " and ")))
            return nil
        }
        var schema = SchemaMapping(type: type)
        var valid = true
        // Each role, the field it names, and the types of field that can fill it.
        let roles: [(key: String, allowed: [FieldDeclaration.FieldType], what: String)] = [
            ("location", [.text, .list, .entry, .entries], "a place"),
            ("attendee", [.text, .list, .entry, .entries], "who took part"),
        ]
        for role in roles {
            guard let fieldNode = parts[role.key]?.value, let name = reader.string(fieldNode, field: role.key) else {
                continue
            }
            if type != .event {
                reader.report(
                    reader.error(
                        at: fieldNode, "'\(role.key)' is for events, and this schema's type is \(type.rawValue)",
                        hint: "write 'type: Event', or remove '\(role.key)'"))
                valid = false
                continue
            }
            guard let declaration = declared.first(where: { $0.name == name }) else {
                valid = false
                if declarationsBroken { continue }
                let names = declared.map(\.name)
                reader.report(
                    reader.error(
                        at: fieldNode,
                        "'\(role.key)' names the field '\(name)', which entries of section '\(section)' do not have",
                        hint: Suggestion.hint(for: name, in: names)
                            ?? (names.isEmpty
                                ? "declare it under 'fields' first"
                                : "the fields they have are " + names.map { "'\($0)'" }.joined(separator: ", "))))
                continue
            }
            guard role.allowed.contains(declaration.type) else {
                reader.report(
                    reader.error(
                        at: fieldNode,
                        "'\(role.key)' must name a field of type text, list, entry or entries, and '\(name)' is \(declaration.type.rawValue)",
                        hint: "name a field that says \(role.what) in plain words"))
                valid = false
                continue
            }
            if role.key == "location" { schema.location = name } else { schema.attendee = name }
        }
        if let typeNode = parts["attendee-type"]?.value, let text = reader.string(typeNode, field: "attendee-type") {
            let kinds = SchemaMapping.AttendeeType.allCases.map(\.rawValue)
            if let attendeeType = SchemaMapping.AttendeeType(rawValue: text) {
                schema.attendeeType = attendeeType
            } else {
                reader.report(
                    reader.error(
                        at: typeNode, "'attendee-type' must be 'Person' or 'Organization', not '\(text)'",
                        hint: Suggestion.hint(for: text, in: kinds)
                            ?? "schema.org's attendees are people or organisations"))
                valid = false
            }
        }
        return valid ? schema : nil
    }

    /// `subjects:`, the kinds of terms entries name, each checked: a valid field name that no built-in field
    /// has, listed once, sorted by a known rule.
    static func subjectKinds(_ node: Node?, reader: inout YAMLReader) -> [SubjectKind] {
        guard let node else { return [] }
        var kinds: [SubjectKind] = []
        for mapping in reader.mappingList(node, field: "subjects") ?? [] {
            let fields = reader.fields(of: mapping, known: subjectFields)
            guard let nameNode = fields["name"]?.value, let name = reader.string(nameNode, field: "name") else {
                if fields["name"] == nil {
                    reader.report(
                        reader.error(
                            at: .mapping(mapping),
                            "this kind of subject has no 'name' (the front-matter field that lists its terms)",
                            hint:
                                "for example:\nsubjects:\n  - name: people\n    title: People\n    singular: person\n    sort: surname"
                        ))
                }
                continue
            }
            if !Slug.isValid(name) {
                reader.report(
                    reader.error(
                        at: nameNode,
                        "'\(name)' is not a valid name for a kind of subject (it is a front-matter field and a folder of URLs)",
                        hint: "use lowercase letters, digits and '-', e.g. '\(Slug.make(name))'"))
                continue
            }
            if FieldDeclaration.builtInNames.contains(name) {
                reader.report(
                    reader.error(
                        at: nameNode, "'\(name)' is a field every entry has, so it cannot name a kind of subject",
                        hint: "call the kind something else, e.g. '\(name)s' or 'subject-\(name)'"))
                continue
            }
            if kinds.contains(where: { $0.name == name }) {
                reader.report(
                    reader.error(
                        at: nameNode, "the kind of subject '\(name)' is listed twice", hint: "remove one of them"))
                continue
            }
            var sort = SubjectKind.Sort.name
            if let sortNode = fields["sort"]?.value, let text = reader.string(sortNode, field: "sort") {
                if let known = SubjectKind.Sort(rawValue: text) {
                    sort = known
                } else {
                    let rules = SubjectKind.Sort.allCases.map(\.rawValue)
                    reader.report(
                        reader.error(
                            at: sortNode,
                            "'sort' must be \(rules.map { "'\($0)'" }.joined(separator: " or ")), not '\(text)'",
                            hint: Suggestion.hint(for: text, in: rules)
                                ?? "'name' files terms as written; 'surname' files 'Vladimir Putin' as 'Putin, Vladimir'"
                        ))
                }
            }
            kinds.append(
                SubjectKind(
                    name: name, title: reader.string(fields["title"]?.value, field: "title"),
                    singular: reader.string(fields["singular"]?.value, field: "singular"), sort: sort))
        }
        return kinds
    }
}
