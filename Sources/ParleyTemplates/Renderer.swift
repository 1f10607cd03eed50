/// An error while rendering: only untyped data can cause one (a partial that includes itself without end).
public struct RenderError: Error, CustomStringConvertible {
    public var description: String
}

/// One frame of the context stack: a value, and for an item of a list its position in it.
struct Frame {
    var value: Value
    var index: Int
    /// The list's length, or 0 for a frame that is not a list item.
    var count: Int
}

/// Runs a compiled template's instructions into a byte buffer.
struct Renderer {
    let library: TemplateLibrary
    var stack: [Frame]
    var output: [UInt8] = []
    var depth = 0

    /// How deep sections and partials may nest while rendering (partials over untyped data may include
    /// themselves) before rendering stops.
    static let maximumDepth = 2 * TemplateLimits.nesting

    /// Enters one more level of sections or partials, or stops rendering when that is too deep.
    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw RenderError(
                description: "sections and partials nest more than \(Self.maximumDepth) levels deep when rendering")
        }
    }

    init(library: TemplateLibrary, root: Value) {
        self.library = library
        stack = [Frame(value: root, index: 0, count: 0)]
        stack.reserveCapacity(16)
    }

    mutating func render(_ ops: [Op]) throws {
        for op in ops {
            switch op {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .print(let ref, let escaped):
                write(resolve(ref), escaped: escaped)
            case .section(let ref, let body, let inverted):
                let value = resolve(ref)
                try enter()
                defer { depth -= 1 }
                if inverted {
                    if !value.isTruthy { try render(body) }
                    continue
                }
                switch value {
                case .list(let items):
                    for (position, item) in items.enumerated() {
                        stack.append(Frame(value: item, index: position, count: items.count))
                        try render(body)
                        stack.removeLast()
                    }
                default:
                    guard value.isTruthy else { continue }
                    stack.append(Frame(value: value, index: 0, count: 0))
                    try render(body)
                    stack.removeLast()
                }
            case .include(let template):
                try enter()
                defer { depth -= 1 }
                try render(template.ops)
            case .dynamicInclude(let ref, let include):
                guard case .string(let name) = resolve(ref),
                    let template = library.compiledAtRenderTime(name, include)
                else { continue }
                try render([.include(template)])
            }
        }
    }

    mutating func write(_ value: Value, escaped: Bool) {
        switch value {
        case .string(let text):
            if escaped { HTML.escape(text, into: &output) } else { output.append(contentsOf: text.utf8) }
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): output.append(contentsOf: Self.format(number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null, .list, .object, .map: break
        }
    }

    /// A decimal as people write it: `1.21`, `2` for `2.0`.
    static func format(_ number: Double) -> String {
        if let whole = Int(exactly: number) { return String(whole) }
        return String(number)
    }

    func resolve(_ ref: Ref) -> Value {
        switch ref {
        case .top:
            return stack[stack.count - 1].value
        case .field(let up, let get):
            guard case .object(let object) = stack[stack.count - 1 - up].value else { return .null }
            return get(object)
        case .frame(let up, let steps):
            return follow(steps, from: stack[stack.count - 1 - up].value)
        case .name(let first, let steps):
            for frame in stack.reversed() {
                if let value = frame.value.member(first) { return follow(steps, from: value) }
            }
            return .null
        case .helper(let helper, let argument):
            return apply(helper, argument.map(resolve))
        }
    }

    private func follow(_ steps: [Ref.Step], from start: Value) -> Value {
        var value = start
        for step in steps {
            switch step {
            case .field(let get):
                guard case .object(let object) = value else { return .null }
                value = get(object)
            case .member(let name):
                value = value.member(name) ?? .null
            }
        }
        return value
    }

    private func apply(_ helper: Helper, _ argument: Value?) -> Value {
        switch helper {
        case .first, .last, .index, .even, .odd:
            guard let item = stack.last(where: { $0.count > 0 }) else { return .null }
            switch helper {
            case .first: return .bool(item.index == 0)
            case .last: return .bool(item.index == item.count - 1)
            case .index: return .int(item.index)
            case .even: return .bool(item.index % 2 == 0)
            default: return .bool(item.index % 2 == 1)
            }
        case .empty:
            switch argument ?? .null {
            case .null: return .bool(true)
            case .list(let items): return .bool(items.isEmpty)
            case .string(let text): return .bool(text.isEmpty)
            case .map(let values): return .bool(values.isEmpty)
            default: return .bool(false)
            }
        case .count:
            switch argument ?? .null {
            case .list(let items): return .int(items.count)
            case .map(let values): return .int(values.count)
            default: return .int(0)
            }
        case .uppercased, .lowercased, .capitalized:
            guard case .string(let text)? = argument else { return argument ?? .null }
            switch helper {
            case .uppercased: return .string(text.uppercased())
            case .lowercased: return .string(text.lowercased())
            default: return .string(text.first.map { $0.uppercased() + text.dropFirst() } ?? text)
            }
        case .reversed:
            guard case .list(let items)? = argument else { return argument ?? .null }
            return .list(items.reversed())
        }
    }
}

/// HTML escaping on UTF-8 bytes: `&`, `<`, `>`, `"` and `'`, the characters that can end a text or an
/// attribute value; every other byte is copied as it is, so a quote that a combining mark follows is escaped too.
public enum HTML {
    /// Appends the text, escaped, to `output`; `apostrophes: false` leaves `'` as it is.
    public static func escape(_ text: String, apostrophes: Bool = true, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'") where apostrophes: replacement = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                output.append(
                    contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// The text escaped; the same text when it has nothing to escape.
    public static func escape(_ text: String, apostrophes: Bool = true) -> String {
        let needsEscape = text.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"")
                || (apostrophes && byte == UInt8(ascii: "'"))
        }
        guard needsEscape else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        escape(text, apostrophes: apostrophes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
