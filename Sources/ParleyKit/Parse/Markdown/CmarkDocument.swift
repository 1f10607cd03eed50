import CCmark
import Foundation

/// A parsed cmark document: the one place C nodes live. Every C object made here is freed here.
///
/// Not Sendable: a document stays inside the task that parsed it; only Swift values leave it.
final class CmarkDocument {
    let root: OpaquePointer
    /// Documents of Parley's own (a table's cells), freed with this one: what is left of them after their nodes
    /// moved here.
    private var auxiliaryRoots: [OpaquePointer] = []

    init(markdown: String, options: MarkdownOptions) {
        var markdown = markdown
        let length = markdown.utf8.count  // bytes, not characters; NUL bytes included
        root = markdown.withCString { cmark_parse_document($0, length, options.cmarkFlags) }
        if options.tables {
            markdown.withUTF8 {
                PipeTables.apply(
                    to: self, text: $0, flags: options.cmarkFlags, alignsWithStyle: options.tableAlignmentAsStyle)
            }
        }
    }

    init(buffer: UnsafeBufferPointer<CChar>, options: MarkdownOptions) {
        if let base = buffer.baseAddress {
            root = cmark_parse_document(base, buffer.count, options.cmarkFlags)
        } else {
            root = cmark_parse_document("", 0, options.cmarkFlags)
        }
        if options.tables {
            buffer.withMemoryRebound(to: UInt8.self) {
                PipeTables.apply(
                    to: self, text: $0, flags: options.cmarkFlags, alignsWithStyle: options.tableAlignmentAsStyle)
            }
        }
    }

    deinit {
        cmark_node_free(root)
        for root in auxiliaryRoots { cmark_node_free(root) }
    }

    /// Keeps a document of Parley's own until this one is freed.
    func keep(_ auxiliaryRoot: OpaquePointer) { auxiliaryRoots.append(auxiliaryRoot) }

    // MARK: Positions

    /// Nodes moved in from Parley's own documents, and text nodes Parley makes from parts of others, keep where
    /// they were written here in their user data (cmark keeps the position a node had where it was parsed, and
    /// cannot be told another). The data goes with the node when it is freed, so no stale position is left.
    static func hasPosition(_ node: OpaquePointer) -> Bool { cmark_node_get_user_data(node) != nil }

    static func setPosition(_ node: OpaquePointer, line: Int, column: Int) {
        let bits =
            UInt(1) << 63 | UInt(truncatingIfNeeded: min(max(line, 0), 0x7FFF_FFFF)) << 32
            | UInt(truncatingIfNeeded: min(max(column, 0), 0xFFFF_FFFF))
        cmark_node_set_user_data(node, UnsafeMutableRawPointer(bitPattern: bits))
    }

    /// The line a node starts on in the text, from 1 (0 for nodes Parley made).
    func startLine(_ node: OpaquePointer) -> Int {
        guard let data = cmark_node_get_user_data(node) else { return Int(cmark_node_get_start_line(node)) }
        return Int((UInt(bitPattern: data) >> 32) & 0x7FFF_FFFF)
    }

    /// The byte column a node starts at in its line, from 1, as cmark counts.
    func startColumn(_ node: OpaquePointer) -> Int {
        guard let data = cmark_node_get_user_data(node) else { return Int(cmark_node_get_start_column(node)) }
        return Int(UInt(bitPattern: data) & 0xFFFF_FFFF)
    }

    /// The HTML exactly as cmark made it, without any UTF-8 repair.
    func renderHTMLBytes(options: MarkdownOptions) -> [UInt8] {
        guard let html = cmark_render_html(root, options.cmarkFlags) else { return [] }
        defer { free(html) }
        return Array(UnsafeRawBufferPointer(start: html, count: strlen(html)))
    }

    /// The whole document as HTML.
    func renderHTML(options: MarkdownOptions) -> String {
        guard let html = cmark_render_html(root, options.cmarkFlags) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Visits a subtree, entering each node once, in document order (the tree must not change meanwhile).
    static func walk(_ node: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        var nodes: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) { nodes.append(current) }
        }
        for current in nodes { visit(current) }
    }

    /// A paragraph's content as inline HTML: cmark's rendering of it without the `<p>` around it.
    static func renderInlineHTML(_ paragraph: OpaquePointer, options: MarkdownOptions) -> String {
        guard let html = cmark_render_html(paragraph, options.cmarkFlags) else { return "" }
        defer { free(html) }
        var text = String(cString: html)
        while text.hasSuffix("\n") { text.removeLast() }
        if text.hasPrefix("<p>"), text.hasSuffix("</p>") { text = String(text.dropFirst(3).dropLast(4)) }
        return text
    }

    /// Every node in document order, each with the event (enter or exit) it is visited with.
    /// Collect first, then change the tree: cmark's iterator must not see a tree being edited.
    func nodes(entering: Bool = true) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if (event == CMARK_EVENT_ENTER) == entering, let node = cmark_iter_get_node(iterator) {
                result.append(node)
            }
        }
        return result
    }

    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

    /// Whether a node's literal holds `needle` (ASCII), looked for in cmark's own bytes: most text nodes hold
    /// no citation or wiki link, and need no copy into a Swift string.
    static func literal(_ node: OpaquePointer, contains needle: StaticString) -> Bool {
        guard let text = cmark_node_get_literal(node) else { return false }
        return needle.withUTF8Buffer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { strstr(text, $0.baseAddress!) != nil }
        }
    }

    static func literal(_ node: OpaquePointer) -> String {
        guard let text = cmark_node_get_literal(node) else { return "" }
        return String(cString: text)  // borrowed: copied, never freed
    }

    /// The plain text of a node's inline content (`Who *took* part?` → `Who took part?`).
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += literal(current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: text += plainText(current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    /// Whether a node is inside a link, an image or one of Parley's own inline nodes.
    static func isInsideLink(_ node: OpaquePointer) -> Bool {
        var parent = cmark_node_parent(node)
        while let current = parent {
            let type = type(current)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE || type == CMARK_NODE_CUSTOM_INLINE { return true }
            parent = cmark_node_parent(current)
        }
        return false
    }

    /// Inserts a text node before `node` (nothing for empty text).
    @discardableResult
    static func insertText(_ text: String, before node: OpaquePointer) -> OpaquePointer? {
        guard !text.isEmpty else { return nil }
        let textNode = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(textNode, text)
        cmark_node_insert_before(node, textNode)
        return textNode
    }

    /// Replaces an inline node by a custom inline node with the same children, rendered between `enter` and `exit`.
    static func replace(_ node: OpaquePointer, withInline enter: String, exit: String) {
        let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(inline, enter)
        cmark_node_set_on_exit(inline, exit)
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_append_child(inline, child)
        }
        cmark_node_replace(node, inline)
        cmark_node_free(node)
    }

    /// Replaces a block node by a custom block that renders `enter`, the node's inline children, then `exit`,
    /// all on one line, exactly as cmark renders a heading. The HTML renderer prints custom nodes' text as it is,
    /// in safe mode too: only Parley's own markup goes there, never text from the entry.
    static func wrapInlineChildren(of node: OpaquePointer, enter: String, exit: String) {
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(inline, enter)
        cmark_node_set_on_exit(inline, exit)
        cmark_node_append_child(block, inline)
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_append_child(inline, child)
        }
        cmark_node_replace(node, block)
        cmark_node_free(node)
    }
}
