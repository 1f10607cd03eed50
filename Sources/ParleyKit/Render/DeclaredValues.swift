import Foundation
import Synchronization
import ParleyTemplates

/// `fields` on an entry and its summaries: the values of the fields the site declares in site.yaml, typed as
/// declared, so that the template checker knows each name (`{{fields.participnts}}` is an error with a "did
/// you mean"). The type is made from the declarations when the site is read, and bound to the name `fields`
/// when templates are compiled (``ValueKind/bound(_:)``).
final class DeclaredValues: TemplateObject {
    /// Never used for a value: each value carries its site's type.
    static let templateType = TemplateType(name: "fields", fields: [])
    let type: TemplateType
    let entry: Entry
    let declarations: [FieldDeclaration]
    /// The summary of an entry by slug, for fields of type `entry` and `entries`.
    let summary: @Sendable (String) -> EntrySummary?

    /// The words dates are written in.
    let words: LocalWords

    init(
        _ entry: Entry, declarations: [FieldDeclaration], words: LocalWords = .english,
        summary: @escaping @Sendable (String) -> EntrySummary?
    ) {
        self.type = Self.type(for: declarations)
        self.entry = entry
        self.words = words
        self.declarations = declarations
        self.summary = summary
    }

    var instanceType: TemplateType { type }

    /// The name `fields` is bound to when compiling.
    static let binding = "fields"

    /// One type per list of declarations (a field declared in several sections once, as first declared), made
    /// once: the compiled templates and the values must share it.
    static func type(for declarations: [FieldDeclaration]) -> TemplateType {
        types.withLock { types in
            if let type = types[declarations] { return type }
            var fields: [Field] = []
            var seen: Set<String> = []
            for declaration in declarations where seen.insert(declaration.name).inserted {
                let name = declaration.name
                let summary = declaration.description ?? ""
                let kind: ValueKind =
                    switch declaration.type {
                    case .text, .url, .markdown: .optional(.text)
                    case .list: .list(.text)
                    case .number: .optional(.number)
                    case .boolean: .flag
                    case .date: .optional(.object { DateValues.templateType })
                    case .entry: .optional(.object { EntrySummary.templateType })
                    case .entries: .list(.object { EntrySummary.templateType })
                    }
                let type = declaration.type
                fields.append(
                    Field(name: name, kind: kind, summary: summary) { object in
                        unsafeDowncast(object, to: DeclaredValues.self).value(name, type)
                    })
            }
            let names = fields.map(\.name)
            let type = TemplateType(name: "set of declared fields", fields: fields) { name in
                "declare '\(name)' under 'fields' in Content/site.yaml (name, type, description)"
                    + (names.isEmpty
                        ? "; the site declares none yet"
                        : "; it declares " + names.map { "'\($0)'" }.joined(separator: ", "))
            }
            types[declarations] = type
            return type
        }
    }

    private static let types = Mutex<[[FieldDeclaration]: TemplateType]>([:])

    private func value(_ name: String, _ type: FieldDeclaration.FieldType) -> Value {
        switch entry.fields[name] {
        case .text(let text)?, .markdown(let text)?: return .string(text)
        case .list(let items)?: return .list(items.map(Value.string))
        case .number(let number, _)?:
            if number == number.rounded(), abs(number) < 1e15 { return .int(Int(number)) }
            return .double(number)
        case .boolean(let flag)?: return .bool(flag)
        case .date(let date)?: return .object(DateValues(date, words: words))
        case .entries(let slugs)?:
            let summaries = slugs.compactMap { summary($0.value) }
            if type == .entry { return summaries.first.map { .object($0) } ?? .null }
            return .list(summaries.map { .object($0) })
        case nil:
            return type == .list || type == .entries ? .list([]) : type == .boolean ? .bool(false) : .null
        }
    }
}

/// `strings` on every page: the labels of the page's language from its strings file (`{{strings.date}}`), and
/// Parley's own words (`{{strings.title-timeline}}`). Typed by the keys the strings files have, so that a
/// misspelt label is an error at its place in the template, with a "did you mean".
final class StringValues: TemplateObject {
    static let templateType = TemplateType(name: "strings", fields: [])
    let type: TemplateType
    let words: LocalWords

    init(_ words: LocalWords, keys: [String]) {
        self.type = Self.type(for: keys)
        self.words = words
    }

    var instanceType: TemplateType { type }

    /// Shown on every page: its key is made once per template.
    let keyMemo: KeyMemo? = KeyMemo()

    /// The name `strings` is bound to when compiling.
    static let binding = "strings"

    /// One type per list of keys, made once: the compiled templates and the values share it.
    static func type(for keys: [String]) -> TemplateType {
        types.withLock { types in
            if let type = types[keys] { return type }
            let fields = keys.map { key in
                Field(name: key, kind: .text, summary: "the string '\(key)' in the page's language") { object in
                    .string(unsafeDowncast(object, to: StringValues.self).words(key))
                }
            }
            let type = TemplateType(name: "set of strings", fields: fields) { name in
                "add '\(name): …' to each language's file in Templates/strings/ (en.yaml, …)"
            }
            types[keys] = type
            return type
        }
    }

    private static let types = Mutex<[[String]: TemplateType]>([:])
}
