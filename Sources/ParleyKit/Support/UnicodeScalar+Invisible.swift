extension Unicode.Scalar {
    /// An invisible formatting character (Unicode's category Cf): the bidirectional controls (U+202A–U+202E,
    /// U+2066–U+2069, U+200E, U+200F, U+061C), zero-width spaces and joiners (U+200B–U+200D, U+2060, U+FEFF),
    /// the soft hyphen and the like. Refused in names, slugs, addresses and file names, where one can make a
    /// name read as another (`gpj.exe` shown as `exe.jpg`).
    var isInvisibleFormat: Bool { properties.generalCategory == .format }

    /// The scalar as Swift writes it in a string literal: `\u{202E}`.
    var escapedCode: String { "\\u{" + String(value, radix: 16, uppercase: true) + "}" }
}

extension String {
    /// The first invisible formatting character of the text (see ``Unicode/Scalar/isInvisibleFormat``), if any.
    var firstInvisibleFormat: Unicode.Scalar? { unicodeScalars.first(where: \.isInvisibleFormat) }
}
