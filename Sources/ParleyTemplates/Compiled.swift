import Foundation
import Synchronization

/// A template compiled for one kind of root value: its names resolved, its partials and parents expanded.
///
/// Rendering does no lookups by name where the values' types are known: each name became the position of a
/// context-stack frame and the fields to read from it.
public final class CompiledTemplate: @unchecked Sendable {
    // Filled in once by the compiler (which may refer to a template while compiling it, for recursive
    // partials over untyped data), then only read.
    var ops: [Op] = []
    let library: TemplateLibrary
    /// The names of every template this one includes, itself among them: what its output depends on.
    public internal(set) var templates: Set<String> = []
    /// The fields it reads, by type (``TemplateType/id``): the only ones its output depends on (see ``hash(_:into:)``).
    var reads: [[Int]] = []

    init(library: TemplateLibrary) {
        self.library = library
    }

    /// Renders the template with `root` at the bottom of its context stack.
    public func render(_ root: Value) throws -> String {
        var renderer = Renderer(library: library, root: root)
        try renderer.render(ops)
        return String(decoding: renderer.output, as: UTF8.self)
    }

    /// Feeds `hasher` everything of `value` that this template reads: every field of a typed object that
    /// the template names anywhere (not the others), every item of a list, every value of a map. Two values
    /// that hash the same render the same bytes, so a page's cache key made this way cannot leave out a value
    /// the page shows.
    ///
    /// Values may lead back to themselves (a section's entries name their section): an object met again
    /// inside its own walk adds a mark instead of its fields, which the walk around it already adds.
    public func hash<H: ValueHasher>(_ value: Value, into hasher: inout H) {
        var walk = KeyWalk()
        hash(value, into: &hasher, walk: &walk)
    }

    /// The objects being walked, each with its depth (outermost 0), and the outermost depth the walk has
    /// returned to since the innermost memoized object's walk began.
    private struct KeyWalk {
        var open: [ObjectIdentifier: Int] = [:]
        var outermostReturn = Int.max
    }

    private func hash<H: ValueHasher>(_ value: Value, into hasher: inout H, walk: inout KeyWalk) {
        switch value {
        case .null: hasher.combine(0x6E75_6C6C)
        case .bool(let flag): hasher.combine(flag ? 0x7472_7565 : 0x6661_6C73)
        case .int(let number):
            hasher.combine(0x696E_74)
            hasher.combine(UInt64(bitPattern: Int64(number)))
        case .double(let number):
            hasher.combine(0x6462_6C)
            hasher.combine(number.bitPattern)
        case .string(let text): hasher.combine(text)
        case .list(let items):
            hasher.combine(0x6C69_7374)
            hasher.combine(UInt64(items.count))
            for item in items { hash(item, into: &hasher, walk: &walk) }
        case .object(let object) where object.keyWhole != nil:
            // A part stands for its whole, whose own key (walked from the whole, as if a page showed it, so that
            // it is kept for every page) covers what a mark for the whole inside the part leaves out.
            let whole = object.keyWhole!
            var own = H()
            var fresh = KeyWalk()
            hash(.object(whole), into: &own, walk: &fresh)
            hasher.combine(own.finalized)
            let id = ObjectIdentifier(whole)
            if let depth = walk.open[id] {
                hasher.combine(0x6261_636B)
                walk.outermostReturn = min(walk.outermostReturn, depth)
                return
            }
            walk.open[id] = walk.open.count
            defer { walk.open[id] = nil }
            hasher.combine(0x7061_7274)
            hashFields(of: object, into: &hasher, walk: &walk)
        case .object(let object):
            let id = ObjectIdentifier(object)
            if let depth = walk.open[id] {
                hasher.combine(0x6261_636B)
                walk.outermostReturn = min(walk.outermostReturn, depth)
                return
            }
            let depth = walk.open.count
            walk.open[id] = depth
            defer { walk.open[id] = nil }
            hasher.combine(0x6F62_6A)
            let memo = object.keyMemo
            // A value many pages share is walked once per template, and its key combined after that; unless its
            // walk met again an object around it (opened before it), since its key then stands for its place, not
            // for itself. Meeting itself, or an object inside it, again (a section whose entries name it) keeps
            // its key its own.
            if let memo, let key = memo.key(for: ObjectIdentifier(self)) {
                hasher.combine(key)
                return
            }
            guard let memo else { return hashFields(of: object, into: &hasher, walk: &walk) }
            var own = H()
            let outer = walk.outermostReturn
            walk.outermostReturn = Int.max
            hashFields(of: object, into: &own, walk: &walk)
            let key = own.finalized
            if walk.outermostReturn >= depth { memo.store(key, for: ObjectIdentifier(self)) }
            walk.outermostReturn = min(outer, walk.outermostReturn)
            hasher.combine(key)
        case .map(let values):
            hasher.combine(0x6D61_70)
            hasher.combine(UInt64(values.count))
            for key in values.keys.sorted() {
                hasher.combine(key)
                hash(values[key]!, into: &hasher, walk: &walk)
            }
        }
    }

    private func hashFields<H: ValueHasher>(of object: any TemplateObject, into hasher: inout H, walk: inout KeyWalk) {
        let type = object.instanceType
        guard type.id < reads.count else { return }
        for field in reads[type.id] { hash(type.fields[field].get(object), into: &hasher, walk: &walk) }
    }

    /// Renders the template with `root` into UTF-8 bytes (what a file is written from, with no `String` made).
    public func renderBytes(_ root: Value) throws -> [UInt8] {
        var renderer = Renderer(library: library, root: root)
        // Room for a typical page at once, rather than growing the buffer six times on the way.
        renderer.output.reserveCapacity(32_768)
        try renderer.render(ops)
        return renderer.output
    }

}

/// What ``CompiledTemplate/hash(_:into:)`` feeds values to: a hasher that is the same in every process.
public protocol ValueHasher {
    init()
    mutating func combine(_ word: UInt64)
    mutating func combine(_ text: String)
    mutating func combine(_ key: CacheKey)
    /// The key of what was combined.
    var finalized: CacheKey { get }
}

/// A 128-bit key of what a cached result depends on (a page's values, a file's text, a page's bytes).
public struct CacheKey: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// 32 hexadecimal digits, high word first.
    public var description: String { Self.hex(high) + Self.hex(low) }

    /// A key written as ``description`` writes it; nil for anything else.
    public init?(hex text: some StringProtocol) {
        guard text.utf8.count == 32, let high = UInt64(text.prefix(16), radix: 16),
            let low = UInt64(text.suffix(16), radix: 16)
        else { return nil }
        self.init(high: high, low: low)
    }

    private static func hex(_ word: UInt64) -> String {
        let digits = String(word, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Where a value that many pages show keeps its key for each compiled template, so that it is walked once
/// per template rather than once per page (see ``TemplateObject/keyMemo``).
public final class KeyMemo: Sendable {
    // A key is the same whichever thread makes it.
    private let keys = Mutex<[ObjectIdentifier: CacheKey]>([:])

    public init() {}

    func key(for template: ObjectIdentifier) -> CacheKey? { keys.withLock { $0[template] } }

    func store(_ key: CacheKey, for template: ObjectIdentifier) { keys.withLock { $0[template] = key } }
}

/// A compiled template's instructions.
enum Op: @unchecked Sendable {
    case text([UInt8])
    case print(Ref, escaped: Bool)
    case section(Ref, [Op], inverted: Bool)
    case include(CompiledTemplate)
    /// `{{>*name}}` over untyped data: the partial is named by a value, found and compiled when rendering.
    case dynamicInclude(Ref, DynamicInclude)
}

struct DynamicInclude {
    var indent: String
    var overrides: Overrides
    var isParent: Bool
}

/// Where a tag's value comes from.
enum Ref {
    /// `.`: the top of the context stack.
    case top
    /// A name resolved when compiling: the frame `up` places below the top, then each step.
    case frame(up: Int, steps: [Step])
    /// The same with one step, a field (most names): read without going through a list of steps.
    case field(up: Int, Getter)
    /// A name looked up when rendering (untyped data): the first frame from the top that has the first
    /// name, then each step.
    case name(String, steps: [Step])
    indirect case helper(Helper, Ref?)

    typealias Getter = @Sendable (AnyObject) -> Value

    enum Step {
        case field(Getter)
        case member(String)
    }
}

/// The helpers, written like calls: `{{^last()}}, {{/last()}}`, `{{#empty(related)}}`.
enum Helper: String, CaseIterable {
    /// Whether this is the first or last item of the innermost list being gone through.
    case first, last
    /// The item's position in that list, from 0; whether the position is even or odd.
    case index, even, odd
    /// Whether a list or text is empty (or absent).
    case empty
    /// How many items a list has.
    case count
    case uppercased, lowercased, capitalized
    /// The list, last item first.
    case reversed

    /// Whether the helper takes a value (`empty(list)`) rather than reading the list position (`last()`).
    var takesArgument: Bool {
        switch self {
        case .first, .last, .index, .even, .odd: false
        default: true
        }
    }

    /// The helper's result, for the compiler's checks.
    func kind(of argument: ValueKind?) -> ValueKind {
        switch self {
        case .first, .last, .even, .odd, .empty: .flag
        case .index, .count: .number
        case .uppercased, .lowercased, .capitalized: .text
        case .reversed: argument?.unwrapped ?? .any
        }
    }
}

/// Blocks overriding a parent's `{{$name}}`s, by name; outer overrides win over inner ones.
struct Overrides {
    var blocks: [String: Block] = [:]

    /// An identity for the compiler's memo: which blocks, not their texts.
    var key: String {
        blocks.keys.sorted().map { "\($0)=\(ObjectIdentifier(blocks[$0]!).hashValue)" }.joined(separator: ",")
    }
}
