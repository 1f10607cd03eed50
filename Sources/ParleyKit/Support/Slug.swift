import Foundation

/// Slugs: the URL-safe names of entries, sections and headings.
enum Slug {
    /// Whether `name` is lowercase ASCII letters and digits in words joined by `-` (or `_`, `.`).
    static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, let last = name.utf8.last, !name.isEmpty else { return false }
        func isWordByte(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard isWordByte(first), isWordByte(last) else { return false }
        return name.utf8.allSatisfy {
            isWordByte($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    /// A suggested ASCII slug for a name: `First Round (Belarus)` → `first-round-belarus`.
    static func make(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return words(of: folded, keep: { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    /// A heading anchor as GitHub makes them: lowercase, letters and digits of any script kept,
    /// spaces become `-`, other punctuation is dropped. `Who took part?` → `who-took-part`.
    static func anchor(_ text: String) -> String {
        let id = words(of: text.lowercased(), keep: { $0.isLetter || $0.isNumber || $0 == "_" })
        return id.isEmpty ? "section" : id
    }

    private static func words(of text: String, keep: (Character) -> Bool) -> String {
        var result = ""
        var pendingDash = false
        for character in text {
            if keep(character) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else if character == " " || character == "-" || character == "\t" {
                pendingDash = true
            }
        }
        return result
    }
}
