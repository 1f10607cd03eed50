import Foundation

/// Typographic punctuation for plain text (titles, summaries, the titles in notes), as cmark's smart mode gives
/// it in bodies, so that one kind of quotation mark is used everywhere: `"` and `'` become curly, opening at the
/// start or after a space or an opening bracket or dash, closing (and an apostrophe) elsewhere; `---` becomes an
/// em dash, `--` an en dash and `...` an ellipsis.
enum Typography {
    static func smart(_ text: String) -> String {
        // Nothing to do without a quote, a run of two dashes or one of three dots: most sentences end in a
        // lone full stop, and are given back as they are.
        var quotes = false, runs = false
        var last: UInt8 = 0, repeated = 0
        for byte in text.utf8 {
            repeated = byte == last ? repeated + 1 : 1
            last = byte
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quotes = true
                break
            }
            if (byte == UInt8(ascii: "-") && repeated >= 2) || (byte == UInt8(ascii: ".") && repeated >= 3) {
                runs = true
            }
        }
        guard quotes || runs else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        var previous: Character?
        for character in text {
            let opening = previous.map { $0.isWhitespace || "([{\u{2014}\u{2013}-/".contains($0) } ?? true
            switch character {
            case "\"": result.append(opening ? "\u{201C}" : "\u{201D}")
            case "'": result.append(opening ? "\u{2018}" : "\u{2019}")
            default: result.append(character)
            }
            previous = character
        }
        return result.replacingOccurrences(of: "---", with: "\u{2014}")
            .replacingOccurrences(of: "--", with: "\u{2013}")
            .replacingOccurrences(of: "...", with: "\u{2026}")
    }
}
