import Foundation

/// Ukrainian and Russian Cyrillic written in Latin letters, by a built-in table, the same on every machine.
///
/// **Which table.** Ukrainian and Russian share most letters but not how some are read (`г` is `h` in
/// Ukrainian, `g` in Russian). A text is read as **Russian** when it has a letter Ukrainian lacks
/// (`ы э ъ ё`) and none that Russian lacks (`і ї є ґ`); **every other text is read as Ukrainian**. Most
/// Ukrainian names have no letter of their own (`Зеленський`, `Гомель`), so testing for `і ї є ґ` alone would
/// read them as Russian; a Russian name without `ы э ъ ё` (`Путин`) is read as Ukrainian (`Putyn`). Write
/// such a name in English and give the Cyrillic as its original.
///
/// - **Ukrainian**: the national system (Cabinet of Ministers resolution 55 of 2010), as in passports and
///   on road signs: `г` → `h`, `ґ` → `g`, `и` → `y`, `і` → `i`; `є ї й ю я` are `ye yi y yu ya` at the start of a
///   word and `ie i i iu ia` elsewhere; `зг` → `zgh`; the soft sign and the apostrophe are dropped.
///   `Зеленський` → `Zelenskyi`, `Київ` → `Kyiv`, `Прип'ять` → `Prypiat`, `Згурівка` → `Zghurivka`.
/// - **Russian**: BGN/PCGN without its diacritics and apostrophes: `г` → `g`, `и` → `i`, `й` → `y`,
///   `ы` → `y`, `э` → `e`, `ю` → `yu`, `я` → `ya`; `е` and `ё` are `ye` at the start of a word and after a vowel,
///   `й`, `ъ` or `ь`, `e` elsewhere; `ъ` and `ь` are dropped. `Горбачёв` → `Gorbachev`, `Крым` → `Krym`.
///
/// An uppercase letter becomes a capital (`Ж` → `Zh`), or all capitals inside an uppercase word
/// (`ЧАЕС` → `CHAES`). Everything else (Latin letters, digits, punctuation, other Cyrillic letters such as
/// Belarusian `ў`, combining accents) is kept as it is. The text is put in Unicode composed form first,
/// so a decomposed `й` reads the same as a composed one.
enum Transliteration {
    /// `text` in Latin letters; text without Ukrainian or Russian letters comes back unchanged.
    static func latin(_ text: String) -> String {
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        guard scalars.contains(where: { russian[lowercase($0)] != nil }) else { return text }
        let table = readsAsRussian(scalars) ? russian : ukrainian

        var result = ""
        for (index, scalar) in scalars.enumerated() {
            if apostrophes.contains(scalar) {
                // Ukrainian's apostrophe between two letters only marks a separate sound: dropped.
                if let before = letter(before: index, in: scalars), let after = letter(after: index, in: scalars),
                    russian[lowercase(before)] != nil, russian[lowercase(after)] != nil
                {
                    continue
                }
                result.unicodeScalars.append(scalar)
                continue
            }
            let lower = lowercase(scalar)
            guard let sound = table[lower] else {
                result.unicodeScalars.append(scalar)
                continue
            }
            let previous = letter(before: index, in: scalars).map(lowercase)
            var latin = sound.latin(after: previous)
            if scalar != lower, !latin.isEmpty {
                latin = capitalized(latin, allCaps: isUppercaseWord(around: index, in: scalars))
            }
            result += latin
        }
        return result
    }

    /// A letter's Latin form, which may depend on the letter before it in the word (`nil` at the start).
    private struct Sound: Sendable {
        var plain: String
        /// Used at the start of a word, and after the letters in `initialAfter`.
        var initial: String?
        var initialAfter: Set<Unicode.Scalar> = []
        /// Used after the letter `special.after` (Ukrainian `зг` → `zgh`).
        var special: (after: Unicode.Scalar, latin: String)?

        init(
            _ plain: String, initial: String? = nil, after: Set<Unicode.Scalar> = [],
            special: (after: Unicode.Scalar, latin: String)? = nil
        ) {
            self.plain = plain
            self.initial = initial
            self.initialAfter = after
            self.special = special
        }

        func latin(after previous: Unicode.Scalar?) -> String {
            if let special, previous == special.after { return special.latin }
            if let initial, previous.map(initialAfter.contains) ?? true { return initial }
            return plain
        }
    }

    private static let common: [Unicode.Scalar: Sound] = [
        "а": Sound("a"), "б": Sound("b"), "в": Sound("v"), "д": Sound("d"), "ж": Sound("zh"),
        "з": Sound("z"), "к": Sound("k"), "л": Sound("l"), "м": Sound("m"), "н": Sound("n"),
        "о": Sound("o"), "п": Sound("p"), "р": Sound("r"), "с": Sound("s"), "т": Sound("t"),
        "у": Sound("u"), "ф": Sound("f"), "х": Sound("kh"), "ц": Sound("ts"), "ч": Sound("ch"),
        "ш": Sound("sh"), "щ": Sound("shch"), "ь": Sound(""),
    ]

    /// The letters after which Russian `е` and `ё` are `ye`.
    private static let russianVowelsAndSigns: Set<Unicode.Scalar> = [
        "а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я", "й", "ъ", "ь",
    ]

    private static let russianOnly: [Unicode.Scalar: Sound] = [
        "г": Sound("g"),
        "е": Sound("e", initial: "ye", after: russianVowelsAndSigns),
        "ё": Sound("e", initial: "ye", after: russianVowelsAndSigns),
        "и": Sound("i"), "й": Sound("y"), "ъ": Sound(""), "ы": Sound("y"), "э": Sound("e"),
        "ю": Sound("yu"), "я": Sound("ya"),
    ]

    private static let ukrainianOnly: [Unicode.Scalar: Sound] = [
        "г": Sound("h", special: (after: "з", latin: "gh")), "ґ": Sound("g"),
        "е": Sound("e"), "є": Sound("ie", initial: "ye"), "и": Sound("y"), "і": Sound("i"),
        "ї": Sound("i", initial: "yi"), "й": Sound("i", initial: "y"),
        "ю": Sound("iu", initial: "yu"), "я": Sound("ia", initial: "ya"),
    ]

    /// Each table covers both languages' letters, so that a mixed text loses none.
    private static let russian = common.merging(russianOnly) { $1 }.merging(ukrainianOnly) { old, _ in old }
    private static let ukrainian = common.merging(ukrainianOnly) { $1 }.merging(russianOnly) { old, _ in old }

    private static let onlyUkrainian: Set<Unicode.Scalar> = ["і", "ї", "є", "ґ"]
    private static let onlyRussian: Set<Unicode.Scalar> = ["ы", "э", "ъ", "ё"]
    /// The typewriter apostrophe, the right single quotation mark and the modifier letter apostrophe.
    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{02BC}"]

    private static func readsAsRussian(_ scalars: [Unicode.Scalar]) -> Bool {
        let lowered = scalars.map(lowercase)
        return lowered.contains(where: onlyRussian.contains) && !lowered.contains(where: onlyUkrainian.contains)
    }

    private static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first! : scalar
    }

    /// Apostrophes and combining marks sit inside a word without being letters of it.
    private static func isInsideWord(_ scalar: Unicode.Scalar) -> Bool {
        if apostrophes.contains(scalar) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The nearest letter before `index` in the same word, skipping apostrophes and marks.
    private static func letter(before index: Int, in scalars: [Unicode.Scalar]) -> Unicode.Scalar? {
        var position = index - 1
        while position >= 0, isInsideWord(scalars[position]) { position -= 1 }
        guard position >= 0, scalars[position].properties.isAlphabetic else { return nil }
        return scalars[position]
    }

    private static func letter(after index: Int, in scalars: [Unicode.Scalar]) -> Unicode.Scalar? {
        var position = index + 1
        while position < scalars.count, isInsideWord(scalars[position]) { position += 1 }
        guard position < scalars.count, scalars[position].properties.isAlphabetic else { return nil }
        return scalars[position]
    }

    /// Whether the uppercase letter at `index` is part of a word in capitals: the next letter is uppercase
    /// too, or it is the last letter and the one before it is uppercase.
    private static func isUppercaseWord(around index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        if let next = letter(after: index, in: scalars) { return next.properties.isUppercase }
        return letter(before: index, in: scalars)?.properties.isUppercase ?? false
    }

    private static func capitalized(_ latin: String, allCaps: Bool) -> String {
        allCaps ? latin.uppercased() : latin.prefix(1).uppercased() + latin.dropFirst()
    }
}
