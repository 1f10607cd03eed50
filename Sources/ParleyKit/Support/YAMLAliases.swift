// libyaml as Yams builds it (its CYaml module), read here event by event before Yams composes the text.
import CYaml

/// How many values a YAML text stands for once its aliases (`*name`) are repeated. A few lines of nested
/// aliases can stand for billions of values, and composing them costs that much: Yams compares the keys of every
/// set of fields in full. So a text is measured first, in one pass over libyaml's events that costs no more than
/// the text, and refused past ``limit``.
enum YAMLAliases {
    /// The most values a text may stand for with its aliases repeated.
    static let limit = 100_000  // `message` names it

    /// The alias (1-based line and column, in bytes as Yams counts them) at which the values `text` stands for
    /// pass ``limit``; nil when they do not, or when libyaml stops at a mistake (Yams reports it).
    static func excess(in text: String) -> (line: Int, column: Int)? {
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var bytes = Array(text.utf8)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var sizes: [String: Int] = [:]
            // The open lists and sets of fields: each one's anchor and the values it stands for so far.
            var open: [(anchor: String?, count: Int)] = [(nil, 0)]
            var total = 0
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                var closed: (anchor: String?, count: Int)?
                var count = 0
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    count = 1
                    closed = (name(event.data.scalar.anchor), 1)
                case YAML_SEQUENCE_START_EVENT:
                    count = 1
                    open.append((name(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    count = 1
                    open.append((name(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    closed = open.count > 1 ? open.removeLast() : nil
                case YAML_ALIAS_EVENT:
                    count = name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1
                    closed = (nil, count)
                default:
                    break
                }
                total = min(total + count, limit + 1)
                if total > limit { return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1) }
                if let closed {
                    if let anchor = closed.anchor { sizes[anchor] = closed.count }
                    open[open.count - 1].count = min(open[open.count - 1].count + closed.count, limit + 1)
                }
            }
            return nil
        }
    }

    static let message = "the aliases here repeat more than 100,000 values"
    static let hint = "write the values out, or repeat them through fewer aliases ('*name') inside each other"

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
