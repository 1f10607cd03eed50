import Foundation

/// Names of languages and months in English, from Foundation's locale data (ICU, the Unicode CLDR's names)
/// rather than a table kept by hand: it knows every language CLDR names, Crimean Tatar (`crh`) among them.
enum LocaleNames {
    private static let english = Locale(identifier: "en")

    /// `uk` → `Ukrainian`, `crh` → `Crimean Tatar`; nil for a code CLDR does not name.
    static func language(_ code: String) -> String? {
        guard !code.isEmpty, let name = english.localizedString(forLanguageCode: code),
            name.lowercased() != code.lowercased()
        else { return nil }
        return name
    }

    /// The ISO 639 code of a language written by its English name (`Ukrainian` → `uk`, any case); the
    /// two-letter code where there is one.
    static func code(named name: String) -> String? { codesByName[name.lowercased()] }

    private static let codesByName: [String: String] = {
        var codes: [String: String] = [:]
        // Two-letter codes first, so that a name with both keeps the two-letter one.
        for code in Locale.LanguageCode.isoLanguageCodes.map(\.identifier).sorted(by: {
            ($0.count, $0) < ($1.count, $1)
        }) {
            if let name = language(code), codes[name.lowercased()] == nil { codes[name.lowercased()] = code }
        }
        return codes
    }()

    /// `January` … `December`.
    static let months: [String] = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = english
        return calendar.standaloneMonthSymbols
    }()
}
