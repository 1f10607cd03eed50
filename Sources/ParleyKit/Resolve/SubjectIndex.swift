import Foundation

/// A term of the index with every entry that names it.
struct SubjectTerm: Sendable, Hashable {
    var kind: SubjectKind
    /// As first written.
    var name: String
    /// The first original spelling given.
    var original: String?
    /// The first sort key given.
    var sortAs: String?
    /// The name of its page, `subjects/<kind>/<slug>/`: ASCII, unique within its kind.
    var slug: String
    /// Its group in the index: `A`…`Z`, or `#` for a name that starts with anything else.
    var letter: String
    /// The slugs of the entries naming it, in the order of the uses given, each once.
    var entries: [String]

    /// How the index lists it: its sort key when given; for a kind filed by surname, "Putin, Vladimir" (the
    /// last word of the name first); otherwise as written.
    var indexName: String { SubjectIndex.indexName(kind, name, sortAs: sortAs) }

    init(
        kind: SubjectKind, name: String, original: String? = nil, sortAs: String? = nil, slug: String, letter: String,
        entries: [String]
    ) {
        self.kind = kind
        self.name = name
        self.original = original
        self.sortAs = sortAs
        self.slug = slug
        self.letter = letter
        self.entries = entries
    }
}

extension SubjectTerm {
    /// The key of a term by kind and name, for finding an entry's terms.
    static func key(_ kind: String, _ name: String) -> String { kind + "\u{0}" + name }
}

/// An A–Z index of the terms the entries name, of every kind the site declares.
///
/// **Order.** Terms are in the order a reader looks them up in, the same on every machine:
/// 1. by letter group, `A`…`Z` first and `#` (digits and anything else) last, so that `terms` reads like
///    `letters` flattened;
/// 2. by the name's *sort form*, ignoring case, accents and width, with no locale consulted. The sort form
///    is the name as written, in Latin letters: Cyrillic is transliterated (`Зеленський` sorts as
///    `Zelenskyi`, among the Latin Z names; see ``Transliteration``), letters that do not decompose into a
///    base letter and an accent are spelled out (`Łódź` as `Lodz`, `ß` as `ss`), and anything before the
///    first letter or digit (quotes, brackets) is skipped;
/// 3. ties by the sort form exactly, then the name exactly (by Unicode scalars: `Apple` before `apple`,
///    `Kyiv` before `Київ`), then the kind, in the order the site declares them.
///
/// **In a language with its own alphabet.** When the site's `language` heads an index with other letters than
/// `A`…`Z` (Ukrainian: `А Б В Г Ґ Д Е Є Ж З И І Ї Й …`, from CLDR through ICU; see ``IndexAlphabet``), those
/// letters head the groups, in that alphabet's order, and names sort by ICU's collation for the language
/// (base letters, then accents, then case), as written, not transliterated; a name in another script goes
/// under `#`. Slugs are still made from the Latin transliteration.
///
/// A kind declared with `sort: surname` is filed by surname, taken to be the last word of the name:
/// `Vladimir Putin` is listed as `Putin, Vladimir`, under P. A name whose surname is not its last word gives
/// its own sort key (`{name: Ursula von der Leyen, sort: "Leyen, Ursula von der"}`), which any term of any
/// kind may do. Other kinds sort as written.
struct SubjectIndex: Sendable, Hashable {
    /// A letter of the index and its terms, in index order.
    struct LetterGroup: Sendable, Hashable {
        /// `A`…`Z`, or `#`.
        var letter: String
        var terms: [SubjectTerm]
    }

    /// Every term, in index order.
    var terms: [SubjectTerm]
    /// The letters that have terms, `A`…`Z` then `#`.
    var letters: [LetterGroup]

    /// The terms of one kind, in index order.
    func terms(of kind: String) -> [SubjectTerm] {
        terms.filter { $0.kind.name == kind }
    }

    /// The letters that have terms of one kind, `A`…`Z` then `#`.
    func letters(of kind: String) -> [LetterGroup] {
        Self.group(terms(of: kind))
    }

    /// Builds the index from every use, in the order they should be listed under each term (date order), of
    /// the kinds declared (a use of another kind is left out: the parse step reports it). Warns at a use that
    /// spells an earlier term of its kind differently only in case or accents, and at a use that gives a term
    /// another original or sort key than the one given first.
    static func build(_ uses: [TermUse], kinds: [SubjectKind], language: String? = nil) -> (SubjectIndex, [Diagnostic])
    {
        let alphabet = language.flatMap(IndexAlphabet.of(language:))
        struct Key: Hashable {
            var kind: String
            var name: String
        }
        struct Gathered {
            var term: SubjectTerm
            var seenEntries: Set<String>
            /// Where the kept original was given.
            var originalAt: Located<String>?
            /// Where the kept sort key was given.
            var sortAt: Located<String>?
        }
        let declared = Dictionary(kinds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

        // Gathered in place by index: a copy taken out of a dictionary and written back would copy each
        // term's set of entries at every use.
        var positions: [Key: Int] = [:]
        var gathered: [Gathered] = []
        /// The first spelling of each case- and accent-folded name, by kind, and where it was written.
        var spellings: [String: [String: Located<String>]] = [:]
        var diagnostics: [Diagnostic] = []

        /// Keeps the first value a use gives a term (its original, its sort key), warning at a use that gives
        /// another.
        func keepFirst(
            _ given: String?, _ value: WritableKeyPath<Gathered, String?>,
            _ place: WritableKeyPath<Gathered, Located<String>?>,
            _ what: String, _ fix: String, at position: Int, use: TermUse
        ) {
            guard let given else { return }
            if let kept = gathered[position][keyPath: value], let keptAt = gathered[position][keyPath: place] {
                if given != kept {
                    diagnostics.append(
                        use.location.diagnostic(
                            .warning,
                            "'\(use.name)' is given the \(what) '\(given)' here but '\(kept)' in \(keptAt.location)",
                            hint: "give one \(fix) everywhere (the first, '\(kept)', is kept), or leave it out here"))
                }
            } else {
                gathered[position][keyPath: value] = given
                gathered[position][keyPath: place] = use.location
            }
        }

        for use in uses {
            guard let kind = declared[use.kind] else { continue }
            let key = Key(kind: use.kind, name: use.name)
            guard let position = positions[key] else {
                let folded = fold(use.name)
                if let other = spellings[use.kind]?[folded] {
                    diagnostics.append(
                        use.location.diagnostic(
                            .warning,
                            "'\(other.value)' and '\(use.name)' differ only in case or accents: use one spelling",
                            hint: "'\(other.value)' is written at \(other.location)"))
                } else {
                    spellings[use.kind, default: [:]][folded] = use.location
                }
                positions[key] = gathered.count
                gathered.append(
                    Gathered(
                        term: SubjectTerm(
                            kind: kind, name: use.name, original: use.original, sortAs: use.sortAs, slug: "",
                            letter: "", entries: [use.entry]),
                        seenEntries: [use.entry], originalAt: use.original == nil ? nil : use.location,
                        sortAt: use.sortAs == nil ? nil : use.location))
                continue
            }
            if gathered[position].seenEntries.insert(use.entry).inserted {
                gathered[position].term.entries.append(use.entry)
            }
            keepFirst(use.sortAs, \.term.sortAs, \.sortAt, "sort key", "sort key", at: position, use: use)
            keepFirst(
                use.original, \.term.original, \.originalAt, "original", "original spelling", at: position, use: use)
        }
        // Letters once every term has its sort key, which any of its uses may give.
        for index in gathered.indices {
            let name = gathered[index].term.indexName
            gathered[index].term.letter = alphabet?.letter(of: name) ?? letter(of: name)
        }

        let order = Dictionary(kinds.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = sortedInIndexOrder(gathered.map(\.term), kindOrder: order, alphabet: alphabet)
        let terms = assignSlugs(sorted)
        return (SubjectIndex(terms: terms, letters: group(terms)), diagnostics)
    }

    // MARK: - Order, letters and slugs

    /// The term's sort key when it gives one; for a kind filed by surname, the name surname first
    /// (`Recep Tayyip Erdoğan` → `Erdoğan, Recep Tayyip`), as indexes of reference works file people; a
    /// one-word name, and any term of another kind, as written.
    static func indexName(_ kind: SubjectKind, _ name: String, sortAs: String? = nil) -> String {
        if let sortAs, !sortAs.isEmpty { return sortAs }
        guard kind.sort == .surname else { return name }
        let words = name.split(separator: " ")
        guard words.count > 1, let last = words.last else { return name }
        return last + ", " + words.dropLast().joined(separator: " ")
    }

    /// The name in Latin letters, as it sorts (see the type's documentation); case and accents are kept.
    static func sortForm(_ name: String) -> String {
        var text = ""
        for scalar in Transliteration.latin(name).unicodeScalars {
            if text.isEmpty, !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil) { continue }
            if let spelled = spelledOut[scalar] { text += spelled } else { text.unicodeScalars.append(scalar) }
        }
        return text
    }

    /// Latin letters that folding leaves as they are, because they are not a base letter with an accent.
    private static let spelledOut: [Unicode.Scalar: String] = [
        "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i",
        "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "ẞ": "SS", "Þ": "Th", "þ": "th",
    ]

    /// Case, accents and width folded away, with no locale.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// `A`…`Z` from the first letter of the sort form, else `#`.
    static func letter(of name: String) -> String {
        guard let first = fold(sortForm(name)).unicodeScalars.first,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return "#" }
        return String(first).uppercased()
    }

    /// Sorts in index order, working out each term's sort key once.
    private static func sortedInIndexOrder(
        _ terms: [SubjectTerm], kindOrder: [String: Int], alphabet: IndexAlphabet?
    ) -> [SubjectTerm] {
        struct SortKey {
            var group: UInt32
            var form: [UInt32]
            var name: [UInt32]
            var kind: Int
        }
        func precedes(_ a: SortKey, _ b: SortKey) -> Bool {
            if a.group != b.group { return a.group < b.group }
            if a.form != b.form { return a.form < b.form }
            if a.name != b.name { return a.name < b.name }
            return a.kind < b.kind
        }
        let keyed = terms.map { term in
            guard let alphabet else {
                return (
                    term,
                    SortKey(
                        group: term.letter == "#" ? UInt32.max : term.letter.unicodeScalars.first!.value,
                        form: Collation.key(sortForm(term.indexName)),
                        name: term.name.unicodeScalars.map(\.value),
                        kind: kindOrder[term.kind.name] ?? 0)
                )
            }
            let written = String(
                term.indexName.unicodeScalars.drop { !($0.properties.isAlphabetic || $0.properties.numericType != nil) }
            )
            return (
                term,
                SortKey(
                    group: UInt32(alphabet.position(of: term.letter)),
                    form: alphabet.key(written).map(UInt32.init),
                    name: term.name.unicodeScalars.map(\.value),
                    kind: kindOrder[term.kind.name] ?? 0)
            )
        }
        return keyed.sorted { precedes($0.1, $1.1) }.map(\.0)
    }

    private static func group(_ terms: [SubjectTerm]) -> [LetterGroup] {
        var groups: [LetterGroup] = []
        for term in terms {
            if groups.last?.letter == term.letter {
                groups[groups.count - 1].terms.append(term)
            } else {
                groups.append(LetterGroup(letter: term.letter, terms: [term]))
            }
        }
        return groups
    }

    /// Slugs from the sort form (`Київ` → `kyiv`), or the kind's singular for a name with no ASCII letter or
    /// digit. Within a kind, the first term in index order with a slug keeps it; later ones get the first free
    /// `-2`, `-3`, … after every plain slug is taken, so a name's own slug (`Kyiv 2` → `kyiv-2`) is never given
    /// to another term.
    private static func assignSlugs(_ terms: [SubjectTerm]) -> [SubjectTerm] {
        var result = terms
        let wanted = terms.map { term -> String in
            let slug = Slug.make(sortForm(term.name))
            return slug.isEmpty
                ? (Slug.make(term.kind.singular).isEmpty ? "term" : Slug.make(term.kind.singular)) : slug
        }
        var taken: [String: Set<String>] = [:]
        var clashing: [Int] = []
        for (index, slug) in wanted.enumerated() {
            if taken[terms[index].kind.name, default: []].insert(slug).inserted {
                result[index].slug = slug
            } else {
                clashing.append(index)
            }
        }
        for index in clashing {
            let kind = terms[index].kind.name
            var number = 2
            while taken[kind]!.contains("\(wanted[index])-\(number)") { number += 1 }
            result[index].slug = "\(wanted[index])-\(number)"
            taken[kind]!.insert(result[index].slug)
        }
        return result
    }
}

extension SubjectIndex {
    /// The index with the slugs `slug` gives (nil: the term keeps its own), in its terms and its letters alike.
    func reslugged(_ slug: (SubjectTerm) -> String?) -> SubjectIndex {
        var index = self
        func apply(_ terms: inout [SubjectTerm]) {
            for i in terms.indices { if let new = slug(terms[i]) { terms[i].slug = new } }
        }
        apply(&index.terms)
        for i in index.letters.indices { apply(&index.letters[i].terms) }
        return index
    }
}
