import Foundation
import Synchronization

/// A value a template reads: text, a number, a flag, a list, a typed object or a JSON-like map.
///
/// Typed objects (``TemplateObject``) declare their fields, so templates that read them are checked when they
/// are compiled and read them by position, with no lookup by name. Maps are for data whose shape is not known
/// ahead (the Mustache specification's tests, data files): their names are looked up when rendering.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([Value])
    case object(any TemplateObject)
    case map([String: Value])

    /// Whether a section over this value renders: not null, not false, not an empty list or text.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        case .string(let text): !text.isEmpty
        case .int, .double, .object, .map: true
        }
    }

    /// The value of a name on this value, for lookups by name: nil when this value does not have the name at all
    /// (so the lookup goes on down the context stack), `.null` when it has it without a value.
    func member(_ name: String) -> Value? {
        switch self {
        case .map(let values): return values[name]
        case .object(let object):
            let type = object.instanceType
            guard let index = type.index[name] else { return nil }
            return type.fields[index].get(object)
        default: return nil
        }
    }
}

extension Value: Decodable {
    /// A value from JSON: whole numbers stay integers (`85`, not `85.0`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([Value].self) {
            self = .list(items)
        } else {
            self = .map(try container.decode([String: Value].self))
        }
    }
}

/// A Swift type whose instances templates read: it declares each field's name, kind and value once, in its
/// ``TemplateType``.
///
/// Classes, so that a value shared by many pages (an entry's summary) is built once and passed by reference.
public protocol TemplateObject: AnyObject, Sendable {
    static var templateType: TemplateType { get }
    /// The type of this value: its class's, unless the value carries its own (a site's declared fields, whose
    /// type is made when the site is read; see ``ValueKind/bound(_:)``).
    var instanceType: TemplateType { get }
    /// For a value that many pages show (and that does not change once made): where its keys are kept. Nil by
    /// default: the value is walked wherever a page shows it.
    var keyMemo: KeyMemo? { get }
    /// For a value that shows part of a shared value (one page of a long list): the whole. A page's key then
    /// holds the whole's key, and the whole met again inside the part (an entry naming its section) is a mark
    /// instead of a walk, as it is on the page that shows the whole.
    var keyWhole: (any TemplateObject)? { get }
}

extension TemplateObject {
    public var keyMemo: KeyMemo? { nil }
    public var keyWhole: (any TemplateObject)? { nil }
    public var instanceType: TemplateType { Self.templateType }
}

/// What a value can be, as a template sees it: what the compiler checks names and sections against.
public indirect enum ValueKind: Sendable, CustomStringConvertible {
    case text
    case number
    case flag
    case list(ValueKind)
    case object(@Sendable () -> TemplateType)
    /// Present on some values and absent on others (a section over it renders only when present).
    case optional(ValueKind)
    /// Not known until rendering (JSON-like data): names under it are looked up by name.
    case any
    /// An object whose type is given when a template is compiled, by this name (see
    /// ``TemplateLibrary/compile(_:root:bindings:)``): what a site declares for itself.
    case bound(String)

    /// The kind without its optionality.
    var unwrapped: ValueKind {
        if case .optional(let kind) = self { return kind.unwrapped }
        return self
    }

    public var description: String {
        switch self {
        case .text: "text"
        case .number: "a number"
        case .flag: "a yes/no flag"
        case .list(let item): "a list of \(item.plural)"
        case .object(let type): "\(type().article) \(type().name)"
        case .optional(let kind): "\(kind) or nothing"
        case .any: "any value"
        case .bound(let name): "the \(name)"
        }
    }

    var plural: String {
        switch self {
        case .text: "texts"
        case .number: "numbers"
        case .flag: "flags"
        case .list(let item): "lists of \(item.plural)"
        case .object(let type): type().plural
        case .optional(let kind): kind.plural
        case .any: "values"
        case .bound(let name): name
        }
    }
}

/// The fields of a ``TemplateObject`` type: each one's name, kind, description and how to read it.
public final class TemplateType: Sendable {
    /// The name the diagnostics and the README use (`entry`, `summary`).
    public let name: String
    /// A number of its own, from 0: compiled templates keep what they read of each type in an array.
    let id: Int
    public let fields: [Field]
    let index: [String: Int]
    /// What to say of a name the type does not have, when no name of its is close: for a type made from a
    /// site's declarations, where to declare it.
    let missing: (@Sendable (String) -> String)?

    public convenience init<Owner: TemplateObject>(
        _ name: String, of owner: Owner.Type = Owner.self, _ fields: [Field.Spec<Owner>]
    ) {
        self.init(name: name, fields: fields.map(\.field))
    }

    /// A type made at run time, for values that carry it (``TemplateObject/instanceType``); `missing` says
    /// what to do about a name it does not have.
    public init(name: String, fields: [Field], missing: (@Sendable (String) -> String)? = nil) {
        self.name = name
        self.missing = missing
        self.id = TypeNumbers.next()
        self.fields = fields
        var index: [String: Int] = [:]
        for (position, field) in self.fields.enumerated() {
            precondition(index[field.name] == nil, "\(name) declares \(field.name) twice")
            index[field.name] = position
        }
        self.index = index
    }

    var article: String { name.first.map { "aeiou".contains($0) } == true ? "an" : "a" }
    var plural: String { name.hasSuffix("y") ? name.dropLast() + "ies" : name + "s" }

    /// The field named `name`, if this type declares it.
    public func field(named name: String) -> Field? { index[name].map { fields[$0] } }
}

/// Numbers for ``TemplateType``s, in the order they are made.
private enum TypeNumbers {
    private static let count = Atomic<Int>(0)

    static func next() -> Int { count.add(1, ordering: .relaxed).oldValue }
}

/// One field of a ``TemplateType``.
public struct Field: Sendable {
    public let name: String
    public let kind: ValueKind
    /// One line for the README's list of template values.
    public let summary: String
    let get: @Sendable (AnyObject) -> Value

    /// A field of a type made at run time; `get` is given the object that carries the type.
    public init(name: String, kind: ValueKind, summary: String, get: @escaping @Sendable (AnyObject) -> Value) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.get = get
    }

    /// A field declaration for `Owner`, made with the static functions named after the kinds.
    public struct Spec<Owner: TemplateObject>: Sendable {
        let field: Field

        init(_ name: String, _ kind: ValueKind, _ summary: String, _ get: @escaping @Sendable (Owner) -> Value) {
            field = Field(name: name, kind: kind, summary: summary) { get(unsafeDowncast($0, to: Owner.self)) }
        }

        public static func text(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> String
        ) -> Self {
            Self(name, .text, summary) { .string(get($0)) }
        }
        public static func text(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> String?
        ) -> Self {
            Self(name, .optional(.text), summary) { get($0).map(Value.string) ?? .null }
        }
        public static func number(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> Int
        ) -> Self {
            Self(name, .number, summary) { .int(get($0)) }
        }
        public static func number(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> Int?
        ) -> Self {
            Self(name, .optional(.number), summary) { get($0).map(Value.int) ?? .null }
        }
        public static func flag(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> Bool
        ) -> Self {
            Self(name, .flag, summary) { .bool(get($0)) }
        }
        public static func texts(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> [String]
        ) -> Self {
            Self(name, .list(.text), summary) { .list(get($0).map(Value.string)) }
        }
        public static func object<T: TemplateObject>(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> T
        ) -> Self {
            Self(name, .object { T.templateType }, summary) { .object(get($0)) }
        }
        public static func object<T: TemplateObject>(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> T?
        ) -> Self {
            Self(name, .optional(.object { T.templateType }), summary) { get($0).map { .object($0) } ?? .null }
        }
        public static func list<T: TemplateObject>(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> [T]
        ) -> Self {
            Self(name, .list(.object { T.templateType }), summary) { .list(get($0).map { .object($0) }) }
        }
        /// An object whose type is given when templates are compiled (``ValueKind/bound(_:)``).
        public init<T: TemplateObject>(
            bound binding: String, _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> T
        ) {
            self.init(name, .bound(binding), summary) { .object(get($0)) }
        }

        /// A field whose shape is not known ahead; names under it are looked up when rendering.
        public static func any(
            _ name: String, _ summary: String = "", _ get: @escaping @Sendable (Owner) -> Value
        ) -> Self {
            Self(name, .any, summary, get)
        }
    }
}
