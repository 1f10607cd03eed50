import Foundation

/// The house style for sources: an HTML fragment modelled on Wikipedia's citation templates (CS1).
///
///     Hopkins, Valerie (28 February 2022). "Initial talks …". <i>The New York Times</i> (in Ukrainian).
///     Reuters. ISSN 0362-4331. Archived from the original on 14 March 2022. Retrieved 16 March 2022.
///
/// The parts, in order, each a sentence ending in "." (never doubled after a "?", "!", "." or "…"):
/// 1. the authors, `Family, Given; Family, Given`, and the date in parentheses. With no author but editors,
///    the editors take their place: `Family, Given (ed.)`, `(eds.)`.
/// 2. the title in quotes (curly with smart punctuation, straight without), linked to `URL` when there is one, then `[translated title]`. Books,
///    reports and theses without a container have their title in italics instead, as Wikipedia does.
///    `(in Ukrainian)` follows it when there is no container.
/// 3. the editors, when there are authors too: `In Family, Given (ed.)` (`In` only before a container).
/// 4. the container in italics, `[translated container]`, and the language: `(in Ukrainian)`.
/// 5. the publisher; 6. the agencies, `Reuters, Agence France-Presse`; 7. the date, when there is no author
///    or editor to put it after; 8. the page, `p. 4` or `pp. 4–7`; 9. `ISSN 0362-4331`;
/// 10. `Archived from the original on 14 March 2022`, linked to `archive-url` (or `Archived on …` without
///     one); 11. `Retrieved 16 March 2022` (the `accessed` date); 12. the note, as written.
/// 13. the quote last, without a final period, in curly quotes and followed by its translation in
///     brackets: `“Деталі …” [Details: …]`.
///
/// The language is left out when it is the site's (comparing primary subtags: `en-GB` is `en`). Missing
/// fields are left out with their punctuation. Every text is HTML-escaped; links to `javascript:`,
/// `vbscript:`, `file:` and `data:` addresses are not made.
enum ReferenceFormatter {
    /// With `smart`, the title's quotation marks are curly, and so are those around it (as in the bodies).
    /// `words` are the page's language's (dates, "Retrieved", "(in Ukrainian)"); a source in the page's
    /// language shows no translations of its title, container or quote, which are for readers of another.
    static func html(
        _ reference: Reference, siteLanguage: String, smart: Bool = false, words w: LocalWords = .english
    ) -> String {
        var sentences = Sentences()
        let date = reference.issued?.text(w)
        let editors =
            reference.editors.isEmpty
            ? nil
            : names(reference.editors) + " " + w(reference.editors.count == 1 ? "source-editor" : "source-editors")
        let inPageLanguage = reference.language.map { sameLanguage($0, siteLanguage) } ?? false
        let language = reference.language.flatMap { tag in
            sameLanguage(tag, siteLanguage) ? nil : w("source-language", languageName(tag, in: w))
        }

        // 1. Who, and when.
        var datePlaced = false
        if let creators = reference.authors.isEmpty ? editors : names(reference.authors) {
            if let date {
                sentences.add(creators.htmlEscaped + " (" + date + ")", endingWith: ")")
                datePlaced = true
            } else {
                sentences.add(creators.htmlEscaped, endingWith: creators)
            }
        }

        // 2. The title.
        var title = ""
        var titleEnd = ""
        if let text = reference.title, !text.isEmpty {
            let linked = link((smart ? Typography.smart(text) : text).htmlEscaped, to: reference.url)
            let italic = reference.containerTitle == nil && ["book", "report", "thesis"].contains(reference.type ?? "")
            let (open, close) = smart ? w.quotes : ("\"", "\"")
            title = italic ? "<i>" + linked + "</i>" : open + linked + close
            titleEnd = text
        }
        if let translated = reference.translatedTitle, !inPageLanguage {
            title += (title.isEmpty ? "" : " ") + "[" + translated.htmlEscaped + "]"
            titleEnd = "]"
        }
        if reference.containerTitle == nil, let language, !title.isEmpty {
            title += " " + language
            titleEnd = ")"
        }
        if !title.isEmpty { sentences.add(title, endingWith: titleEnd) }

        // 3. Editors of a work with authors.
        if !reference.authors.isEmpty, let editors {
            sentences.add(
                reference.containerTitle == nil ? editors.htmlEscaped : w("source-in", editors.htmlEscaped),
                endingWith: ")")
        }

        // 4. Where it appeared.
        if let container = reference.containerTitle {
            var html = "<i>" + container.htmlEscaped + "</i>"
            var end = container
            if let translated = reference.translatedContainerTitle, !inPageLanguage {
                html += " [" + translated.htmlEscaped + "]"
                end = "]"
            }
            if let language {
                html += " " + language
                end = ")"
            }
            sentences.add(html, endingWith: end)
        }

        // 5–7. Publisher, agencies, and the date when no one went first.
        if let publisher = reference.publisher { sentences.add(publisher.htmlEscaped, endingWith: publisher) }
        if !reference.agency.isEmpty {
            let agencies = reference.agency.joined(separator: ", ")
            sentences.add(agencies.htmlEscaped, endingWith: agencies)
        }
        if let date, !datePlaced { sentences.add(date, endingWith: date) }

        // 8–12. Details.
        if let page = reference.page {
            let shown = pages(page, words: w)
            sentences.add(shown.htmlEscaped, endingWith: shown)
        }
        if let issn = reference.issn { sentences.add("ISSN " + issn.htmlEscaped, endingWith: issn) }
        if let archive = reference.archiveURL {
            let on = reference.archiveDate.map { " " + w("source-archived-date", $0.text(w)) } ?? ""
            sentences.add(link(w("source-archived-link").htmlEscaped, to: archive) + on, endingWith: "x")
        } else if let archived = reference.archiveDate {
            sentences.add(w("source-archived", archived.text(w)), endingWith: "x")
        }
        if let accessed = reference.accessed { sentences.add(w("source-retrieved", accessed.text(w)), endingWith: "x") }
        // The site's own words (the note) and a source's (the quote) get the site's punctuation: typography only,
        // never a letter of what the source says.
        func typeset(_ text: String) -> String { smart ? Typography.smart(text) : text }
        if let note = reference.translation(of: "note", into: siteLanguage)
            ?? reference.translation(of: "note", into: LocalWords.primary(siteLanguage)) ?? reference.note
        {
            sentences.add(typeset(note).htmlEscaped, endingWith: note)
        }

        // 13. The quote.
        var html = sentences.html
        var quote: [String] = []
        if let text = reference.quote { quote.append(w("source-quote", typeset(text).htmlEscaped)) }
        if let translated = reference.translatedQuote, !inPageLanguage {
            quote.append("[" + typeset(translated).htmlEscaped + "]")
        }
        if !quote.isEmpty { html += (html.isEmpty ? "" : " ") + quote.joined(separator: " ") }
        return html
    }

    // MARK: Sorting and citing

    /// The bibliography page's order: by first author (family name, then given; or the organisation), or the
    /// title when there is no author; then by title; then by date (undated last); then by id. Case and accents
    /// are ignored first, and no locale is consulted, so the order is the same on every machine; a page in a
    /// language whose alphabet is not A–Z sorts by that language's ICU collation instead (``sortKey(_:alphabet:)``).
    struct SortKey: Comparable, Sendable {
        let name: [UInt32]
        let title: [UInt32]
        let date: [Int]
        let id: [UInt32]

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.name != b.name { return a.name.lexicographicallyPrecedes(b.name) }
            if a.title != b.title { return a.title.lexicographicallyPrecedes(b.title) }
            if a.date != b.date { return a.date.lexicographicallyPrecedes(b.date) }
            return a.id.lexicographicallyPrecedes(b.id)
        }
    }

    /// With an `alphabet` (a page in a language whose alphabet is not A–Z), names and titles sort by that
    /// language's collation: in Ukrainian, Cyrillic names before Latin ones, each in its alphabet's order.
    static func sortKey(_ reference: Reference, alphabet: IndexAlphabet? = nil) -> SortKey {
        let title = reference.title ?? reference.translatedTitle ?? ""
        let name = reference.authors.first?.inverted ?? title
        let date = reference.issued.map { [0, $0.earliest, $0.latest] } ?? [1]
        func key(_ text: String) -> [UInt32] {
            alphabet.map { $0.key(text).map(UInt32.init) + [0] + text.unicodeScalars.map(\.value) }
                ?? Collation.key(text)
        }
        return SortKey(name: key(name), title: key(title), date: date, id: reference.id.unicodeScalars.map(\.value))
    }

    // MARK: Languages

    /// `uk` → `Ukrainian` (by the primary subtag: `pt-BR` → `Portuguese`), or in another language's words
    /// (`англійська`), from the locale data; a code it does not name as written.
    static func languageName(_ tag: String, in w: LocalWords = .english) -> String {
        languageCode(tag).flatMap(w.name(ofLanguage:)) ?? tag
    }

    /// The primary subtag, lowercased: `en-GB` → `en`; a language written by name (`English`) gives its code.
    static func languageCode(_ tag: String) -> String? {
        let primary = LocalWords.primary(tag)
        if LocaleNames.language(primary) != nil { return primary }
        return LocaleNames.code(named: tag) ?? (primary.isEmpty ? nil : primary)
    }

    static func sameLanguage(_ a: String, _ b: String) -> Bool {
        guard let a = languageCode(a), let b = languageCode(b) else { return false }
        return a == b
    }

    // MARK: Pieces

    /// `Hopkins, Valerie; Hutchinson, Bill`.
    private static func names(_ names: [Name]) -> String {
        names.map(\.inverted).joined(separator: "; ")
    }

    /// `4` → `p. 4`; `4-7` → `pp. 4–7` (a hyphen between digits becomes an en dash); `4, 7` → `pp. 4, 7`.
    static func pages(_ page: String, words w: LocalWords = .english) -> String {
        let characters = Array(page)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "-", index > 0, characters[index - 1].isNumber {
                var end = index
                while end < characters.count && characters[end] == "-" { end += 1 }
                if end < characters.count && characters[end].isNumber {
                    out.append("–")
                    index = end
                    continue
                }
            }
            out.append(character)
            index += 1
        }
        let isRange = out.contains { $0 == "–" || $0 == "," || $0 == "&" || $0 == "-" }
        return w(isRange ? "source-pages" : "source-page", out)
    }

    /// `<a href="url">html</a>`, or the html alone without a (safe) address.
    private static func link(_ html: String, to url: String?) -> String {
        guard let url = url?.trimmingCharacters(in: .whitespaces), !url.isEmpty else { return html }
        let scheme = url.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        if scheme.count < url.count, url[scheme.endIndex] == ":",
            ["javascript", "vbscript", "file", "data"].contains(scheme.lowercased())
        {
            return html
        }
        return "<a href=\"" + url.htmlEscaped + "\">" + html + "</a>"
    }
}

/// Sentences joined by ". ", without doubling a final ".", "?", "!" or "…".
private struct Sentences {
    private var parts: [String] = []

    /// Adds a sentence; `text` is the plain text it ends with, to decide its final period.
    mutating func add(_ html: String, endingWith text: String) {
        let ended = text.last.map { [".", "?", "!", "…"].contains($0) } ?? false
        parts.append(ended ? html : html + ".")
    }

    var html: String { parts.joined(separator: " ") }
}
