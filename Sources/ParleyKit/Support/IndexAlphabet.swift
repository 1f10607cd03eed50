import CICU
import Synchronization

/// How a language orders the names of an index and which letters head it, from ICU (the system's libicu):
/// its collation for the language, and CLDR's index letters (`А Б В Г Ґ Д Е Є Ж З И І Ї Й …` for Ukrainian).
/// The same ICU gives the same order build after build.
///
/// Only for languages whose index letters are not the Latin `A`…`Z`: for those, the engine's own Latin order
/// applies (names in other scripts transliterated), as before (see ``SubjectIndex``).
final class IndexAlphabet: @unchecked Sendable {
    // Unchecked Sendable: the collators are only read after `init` (ICU's sort keys are safe from any thread).
    /// The letters, in the language's alphabetical order.
    let letters: [String]
    /// Base letters only (a heading and the letters it stands for), and base letters, then accents, then case.
    private let primary: UnsafeMutableRawPointer
    private let tertiary: UnsafeMutableRawPointer
    private let letterKeys: [[UInt8]]

    private init?(language: String) {
        var buffer = [Int32](repeating: 0, count: 256)
        let count = Int(parley_index_letters(language, &buffer, Int32(buffer.count)))
        guard count > 0, count <= buffer.count, let primary = parley_collator_open(language, 1) else { return nil }
        guard let tertiary = parley_collator_open(language, 0) else {
            parley_collator_close(primary)
            return nil
        }
        self.primary = primary
        self.tertiary = tertiary
        let letters = buffer.prefix(count).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)).map { String($0) } }
        let sorted = letters.map { ($0, Self.key($0, primary)) }.sorted { $0.1.lexicographicallyPrecedes($1.1) }
        self.letters = sorted.map(\.0)
        letterKeys = sorted.map(\.1)
    }

    deinit {
        parley_collator_close(primary)
        parley_collator_close(tertiary)
    }

    private static let made = Mutex<[String: IndexAlphabet?]>([:])

    /// The alphabet of `language` (a BCP 47 tag such as `uk` or `uk-UA`); nil when its index letters are the
    /// Latin `A`…`Z`, or ICU knows none.
    static func of(language: String) -> IndexAlphabet? {
        made.withLock { made in
            if let known = made[language] { return known }
            let tag = language.replacingOccurrences(of: "-", with: "_")
            let alphabet = IndexAlphabet(language: tag).flatMap { $0.letters == latin ? nil : $0 }
            made[language] = alphabet
            return alphabet
        }
    }

    private static let latin = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) }

    /// The name's sort key in the language: base letters first, then accents, then case.
    func key(_ text: String) -> [UInt8] { Self.key(text, tertiary) }

    /// The letter a name is filed under: the last letter of the alphabet at or before its first letter (`Ґава`
    /// under `Ґ`, `ґанок` too); `#` for a digit, or a letter the alphabet does not order (another script).
    func letter(of name: String) -> String {
        guard
            let first = name.unicodeScalars.first(where: {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            }),
            first.properties.isAlphabetic
        else { return "#" }
        let key = Self.key(String(first), primary)
        guard let index = letterKeys.lastIndex(where: { !key.lexicographicallyPrecedes($0) }) else { return "#" }
        // Past the last letter only what sorts with it: not the scripts ordered after this one.
        if index == letterKeys.count - 1, key != letterKeys[index] { return "#" }
        return letters[index]
    }

    /// The position of a letter in the alphabet, `#` last.
    func position(of letter: String) -> Int { letters.firstIndex(of: letter) ?? letters.count }

    private static func key(_ text: String, _ collator: UnsafeMutableRawPointer) -> [UInt8] {
        let units = Array(text.utf16)
        var key = [UInt8](repeating: 0, count: units.count * 4 + 16)
        var length = Int(
            units.withUnsafeBufferPointer {
                parley_sort_key(collator, $0.baseAddress, Int32($0.count), &key, Int32(key.count))
            })
        if length > key.count {
            key = [UInt8](repeating: 0, count: length)
            length = Int(
                units.withUnsafeBufferPointer {
                    parley_sort_key(collator, $0.baseAddress, Int32($0.count), &key, Int32(key.count))
                })
        }
        return Array(key.prefix(max(0, length - 1)))  // without the final zero
    }
}
