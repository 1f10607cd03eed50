/// Finds Pandoc citations in the literal text of one cmark text node.
///
/// Recognised (as in Pandoc): `[@key]`, `[@key, p. 4]`, `[@a; @b]`, `[see @key, chap. 2]`, `[-@key]`, `@{key}`,
/// and a bare `@key` (optionally followed by ` [p. 4]`) for an in-text mention. A bracket is a citation only when
/// every `;`-separated part of it holds a key. An `@` right after a letter or digit (an e-mail address) or
/// escaped as `\@` starts no citation. Because only text nodes are scanned, nothing in code, link text or
/// destinations, autolinks or raw HTML is ever a citation.
struct CitationScanner {
    /// A citation found in the text: its range in the literal (in Unicode scalars) and its items.
    struct Match {
        var range: Range<Int>
        var items: [Item]
        var inText: Bool
    }

    struct Item {
        var key: String
        var prefix: String?
        var locator: String?
        var suppressAuthor: Bool
        /// Offset of the `@` in the literal, in Unicode scalars.
        var at: Int
    }

    let text: [Unicode.Scalar]
    /// Whether the `@` at an offset was written escaped (`\@`), which the literal no longer shows.
    let isEscaped: (Int) -> Bool

    init(_ literal: String, isEscaped: @escaping (Int) -> Bool = { _ in false }) {
        self.init(scalars: literal.scalarArray, isEscaped: isEscaped)
    }

    /// A scanner of a literal already split into scalars.
    init(scalars: [Unicode.Scalar], isEscaped: @escaping (Int) -> Bool = { _ in false }) {
        self.text = scalars
        self.isEscaped = isEscaped
        // Every bracket's match and how deep brackets nest inside it, and the `@`s before each offset, found in
        // one pass: looking for them from each `[` made a long run of brackets take time with its square.
        var closes = [Int](repeating: -1, count: scalars.count)
        var nesting = [Int](repeating: 0, count: scalars.count)
        var ats = [Int](repeating: 0, count: scalars.count + 1)
        var open: [Int] = []
        for (index, scalar) in scalars.enumerated() {
            ats[index + 1] = ats[index] + (scalar == "@" ? 1 : 0)
            if scalar == "[" {
                open.append(index)
            } else if scalar == "]", let start = open.popLast() {
                closes[start] = index
                if let outer = open.last { nesting[outer] = max(nesting[outer], nesting[start] + 1) }
            }
        }
        self.closes = closes
        self.nesting = nesting
        self.ats = ats
        var braces = [Int](repeating: scalars.count, count: scalars.count + 1)
        for index in scalars.indices.reversed() { braces[index] = scalars[index] == "}" ? index : braces[index + 1] }
        self.braces = braces
    }

    /// For each `[`, the offset of its `]` (brackets balanced inside), or -1.
    private let closes: [Int]
    /// For each `[` with a match, how deep brackets nest inside it (0: none).
    private let nesting: [Int]
    /// The number of `@` before each offset.
    private let ats: [Int]

    /// How deep brackets may nest inside a citation's brackets (`[see [1] @key]`): deeper ones are not citations,
    /// which keeps the scan linear in the text (each offset is inside at most this many brackets tried).
    static let bracketNesting = 8

    /// For each offset, the offset of the first `}` from there on (the text's length if none).
    private let braces: [Int]

    /// The work scans did, in offsets visited: for tests that the scan stays linear.
    final class Steps: @unchecked Sendable { var count = 0 }
    let steps = Steps()

    func matches() -> [Match] {
        var result: [Match] = []
        var index = 0
        while index < text.count {
            steps.count += 1
            let scalar = text[index]
            if scalar == "[", let match = bracketed(at: index) {
                result.append(match)
                index = match.range.upperBound
            } else if scalar == "@", let match = inText(at: index) {
                result.append(match)
                index = match.range.upperBound
            } else {
                index += 1
            }
        }
        return result
    }

    // MARK: Bracketed citations

    private func bracketed(at open: Int) -> Match? {
        guard let close = closingBracket(from: open), nesting[open] <= Self.bracketNesting,
            ats[close] > ats[open]
        else { return nil }
        let inner = open + 1..<close
        var items: [Item] = []
        var partStart = inner.lowerBound
        var depth = 0
        steps.count += inner.count
        for position in inner.lowerBound...inner.upperBound {
            let atEnd = position == inner.upperBound
            if !atEnd {
                let scalar = text[position]
                if scalar == "[" { depth += 1 } else if scalar == "]" { depth -= 1 }
                guard scalar == ";" && depth == 0 else { continue }
            }
            guard let item = self.item(in: partStart..<position) else { return nil }
            items.append(item)
            partStart = position + 1
        }
        return items.isEmpty ? nil : Match(range: open..<close + 1, items: items, inText: false)
    }

    /// The `]` matching the `[` at `open`, with brackets balanced inside.
    private func closingBracket(from open: Int) -> Int? {
        open < closes.count && closes[open] >= 0 ? closes[open] : nil
    }

    /// `prefix -@key, locator` within one part of a bracket.
    private func item(in range: Range<Int>) -> Item? {
        var position = range.lowerBound
        while position < range.upperBound {
            if text[position] == "@", !isEscaped(position),
                position == range.lowerBound || !isWordCharacter(text[position - 1]) || text[position - 1] == "-"
            {
                guard let (key, end) = key(at: position + 1, limit: range.upperBound) else { return nil }
                let suppress =
                    position > range.lowerBound && text[position - 1] == "-"
                    && (position - 1 == range.lowerBound || text[position - 2].properties.isWhitespace)
                let prefixEnd = suppress ? position - 1 : position
                let prefix = string(range.lowerBound..<prefixEnd).trimmingWhitespace
                var locator = string(end..<range.upperBound).trimmingWhitespace
                if locator.hasPrefix(",") { locator = String(locator.dropFirst()).trimmingWhitespace }
                return Item(
                    key: key, prefix: prefix.isEmpty ? nil : prefix, locator: locator.isEmpty ? nil : locator,
                    suppressAuthor: suppress, at: position)
            }
            position += 1
        }
        return nil
    }

    // MARK: In-text citations

    private func inText(at position: Int) -> Match? {
        guard !isEscaped(position) else { return nil }
        if position > 0, isWordCharacter(text[position - 1]) || text[position - 1] == "@" { return nil }
        guard let (key, end) = key(at: position + 1, limit: text.count) else { return nil }
        var upper = end
        var locator: String?
        // `@key [p. 4]`: a bracket right after the key holds its locator.
        if end + 1 < text.count, text[end] == " ", text[end + 1] == "[", let close = closingBracket(from: end + 1),
            ats[close] == ats[end + 2]
        {
            let inside = string(end + 2..<close).trimmingWhitespace
            locator = inside.isEmpty ? nil : inside
            upper = close + 1
        }
        let item = Item(key: key, prefix: nil, locator: locator, suppressAuthor: false, at: position)
        return Match(range: position..<upper, items: [item], inText: true)
    }

    // MARK: Keys

    /// A key starting at `start`: `{anything but braces}`, or Pandoc's plain form, which starts with a letter,
    /// digit or `_`, may contain `:.#$%&-+?<>~/` inside, and ends with a letter, digit or `_`.
    private func key(at start: Int, limit: Int) -> (String, Int)? {
        guard start < limit else { return nil }
        if text[start] == "{" {
            let close = braces[start + 1]
            guard close < limit, close > start + 1 else { return nil }
            return (string(start + 1..<close), close + 1)
        }
        guard isWordCharacter(text[start]) || text[start] == "_" else { return nil }
        var end = start
        var lastGood = start
        while end < limit {
            let scalar = text[end]
            if isWordCharacter(scalar) || scalar == "_" {
                lastGood = end
            } else if !":.#$%&-+?<>~/".unicodeScalars.contains(scalar) {
                break
            }
            end += 1
        }
        return (string(start..<lastGood + 1), lastGood + 1)
    }

    private func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private func string(_ range: Range<Int>) -> String { LinkHTML.string(text[range]) }
}

import Foundation
