import Foundation

/// The "References" list of an entry: one note per source in order of first use, each with one backlink per
/// citation (`^ a b c`), the prefix and locator of its citations, and a link to the source in the bibliography.
enum ReferenceNotes {
    static func values(for entry: Entry, formatted: [String: String], url: (String) -> String) -> [ReferenceNote] {
        var byNote: [Int: [Citation]] = [:]
        for citation in entry.body.citations { byNote[citation.note, default: []].append(citation) }
        return byNote.keys.sorted().map { number in
            let uses = byNote[number]!
            let key = uses[0].key
            return ReferenceNote(
                number: number, key: key, url: url(key),
                html: noteHTML(uses, reference: formatted[key] ?? key.htmlEscaped),
                backlinks: uses.map {
                    Backlink(id: CitationHTML.markerID(note: number, use: $0.use), label: backlinkLabel($0.use))
                })
        }
    }

    /// `a`, `b`, … `z`, `aa`, `ab`: the letters of an encyclopedia's backlinks.
    static func backlinkLabel(_ index: Int) -> String {
        // Letters as a spreadsheet names its columns (a … z, aa … zz, aaa …), so any number of uses has a label.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var rest = index + 1
        var label: [Character] = []
        while rest > 0 {
            rest -= 1
            label.append(letters[rest % 26])
            rest /= 26
        }
        return String(label.reversed())
    }

    /// The reference in the house style, with the prefix (`See`) and locator (`p. 4`) of its citations: written
    /// once when every use shares them, else listed by backlink letter (`a: p. 4; b: p. 7`).
    static func noteHTML(_ uses: [Citation], reference: String) -> String {
        let shared = Set(uses.map { [$0.prefix ?? "", $0.locator ?? ""] }).count == 1
        var html = ""
        if shared, let prefix = uses[0].prefix { html += capitalizedFirst(prefix).htmlEscaped + " " }
        html += reference
        if shared {
            if let locator = uses[0].locator { html += " " + sentence(locator).htmlEscaped }
        } else {
            let details = uses.compactMap { use -> String? in
                let parts = [use.prefix, use.locator].compactMap { $0 }
                guard !parts.isEmpty else { return nil }
                return "<i>\(backlinkLabel(use.use))</i>: " + parts.joined(separator: " ").htmlEscaped
            }
            if !details.isEmpty { html += " " + details.joined(separator: "; ") + "." }
        }
        return html
    }

    private static func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    private static func sentence(_ text: String) -> String {
        guard let last = text.last, !".?!".contains(last) else { return text }
        return text + "."
    }
}
