/// One mention of a term in an entry's front matter.
struct TermUse: Sendable, Hashable {
    /// The name of its kind, the field it is listed in.
    var kind: String
    /// As written.
    var name: String
    /// The original spelling (`Володимир Зеленський`), when given.
    var original: String?
    /// How the index files it (`Leyen, Ursula von der`), when given.
    var sortAs: String?
    /// The entry's slug.
    var entry: String
    /// Where it is written (the value is the name).
    var location: Located<String>

    init(
        kind: String, name: String, original: String? = nil, sortAs: String? = nil, entry: String,
        location: Located<String>
    ) {
        self.kind = kind
        self.name = name
        self.original = original
        self.sortAs = sortAs
        self.entry = entry
        self.location = location
    }
}
