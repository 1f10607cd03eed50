/// One entry of the site (a round of talks, a proposal, an event, a page), parsed from its file.
///
/// A value type whose fields live in one shared, copy-on-write box: the build sorts and passes entries around
/// by the thousand, and a copy is then one reference count instead of one per field.
struct Entry: Sendable, Hashable {
    struct Fields: Hashable {
        var slug: String
        var section: String
        var path: String
        var title: String
        var date: EDTFDate?
        var summary: String?
        var fields: [String: FieldValue]
        var subjects: [TermUse]
        var related: [Located<String>]
        var after: [Located<String>]
        var before: [Located<String>]
        var aliases: [Located<String>] = []
        var language: String?
        var draft: Bool
        var updated: Timestamp?
        var published: Timestamp?
        var body: EntryBody
        var weight: Int?
        /// The title's collation key, for sorting by title without folding it at every comparison.
        var titleKey: [UInt32]
    }

    // Written only through `update`, which copies the box first unless this value is its only owner.
    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    private mutating func update(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        change(&storage.fields)
    }

    init(
        slug: String, section: String, path: String, title: String, date: EDTFDate?, summary: String?,
        fields: [String: FieldValue] = [:], subjects: [TermUse] = [], related: [Located<String>],
        after: [Located<String>] = [], before: [Located<String>] = [], draft: Bool,
        updated: Timestamp? = nil, published: Timestamp? = nil, body: EntryBody, aliases: [Located<String>] = [],
        weight: Int? = nil
    ) {
        storage = Storage(
            Fields(
                slug: slug, section: section, path: path, title: title, date: date, summary: summary,
                fields: fields, subjects: subjects, related: related, after: after, before: before, aliases: aliases,
                draft: draft,
                updated: updated, published: published, body: body, weight: weight,
                titleKey: Collation.key(title)))
    }

    /// The language of a translation (`uk` for `istanbul-talks.uk.md`), nil for the entry itself. In an edition,
    /// an entry shown in its translation keeps this language; one shown untranslated has nil.
    var language: String? {
        get { storage.fields.language }
        set { update { $0.language = newValue } }
    }

    /// The file name without `.md`; unique across the site.
    var slug: String {
        get { storage.fields.slug }
        set { update { $0.slug = newValue } }
    }
    /// The section it belongs to.
    var section: String {
        get { storage.fields.section }
        set { update { $0.section = newValue } }
    }
    /// Its file, relative to the site root.
    var path: String {
        get { storage.fields.path }
        set { update { $0.path = newValue } }
    }
    var title: String {
        get { storage.fields.title }
        set {
            update {
                $0.title = newValue
                $0.titleKey = Collation.key(newValue)
            }
        }
    }
    /// When it happened, in EDTF: a day, month or year, possibly approximate or uncertain, or an interval.
    var date: EDTFDate? {
        get { storage.fields.date }
        set { update { $0.date = newValue } }
    }
    var summary: String? {
        get { storage.fields.summary }
        set { update { $0.summary = newValue } }
    }
    /// The values of the fields the site declares, by name: only those the entry gives.
    var fields: [String: FieldValue] {
        get { storage.fields.fields }
        set { update { $0.fields = newValue } }
    }
    /// The names of the terms of one kind it names, in the order written.
    func terms(_ kind: String) -> [String] {
        subjects.filter { $0.kind == kind }.map(\.name)
    }
    /// Every subject term named, of every kind, in the order written, each with its original spelling and place.
    var subjects: [TermUse] {
        get { storage.fields.subjects }
        set { update { $0.subjects = newValue } }
    }
    /// Slugs of the entries this one comes after, as the sources put it (for a date too imprecise to say).
    var after: [Located<String>] {
        get { storage.fields.after }
        set { update { $0.after = newValue } }
    }

    /// Slugs of the entries this one comes before.
    var before: [Located<String>] {
        get { storage.fields.before }
        set { update { $0.before = newValue } }
    }

    /// Slugs of related entries, each with where it is written.
    var related: [Located<String>] {
        get { storage.fields.related }
        set { update { $0.related = newValue } }
    }
    /// The entry's former addresses in the output folder (`rounds/old-name/`, `old.html`), each with where it
    /// is written: each gets a page that sends readers on to the entry.
    var aliases: [Located<String>] {
        get { storage.fields.aliases }
        set { update { $0.aliases = newValue } }
    }
    var draft: Bool {
        get { storage.fields.draft }
        set { update { $0.draft = newValue } }
    }
    /// When it was last updated: its file's last commit, or else its `updated` field.
    var updated: Timestamp? {
        get { storage.fields.updated }
        set { update { $0.updated = newValue } }
    }
    /// When it was first published: its file's first commit, when git knows it.
    var published: Timestamp? {
        get { storage.fields.published }
        set { update { $0.published = newValue } }
    }
    /// The body rendered to HTML, with its headings.
    var body: EntryBody {
        get { storage.fields.body }
        set { update { $0.body = newValue } }
    }

    /// Its place in an undated section's order (front matter's `weight`): lower first, entries without one
    /// after those with one.
    var weight: Int? {
        get { storage.fields.weight }
        set { update { $0.weight = newValue } }
    }

    var titleKey: [UInt32] { storage.fields.titleKey }

    /// Sorts its title by a language's collation (one whose alphabet is not A–Z), rather than by the
    /// language-neutral ``Collation``.
    mutating func collate(in alphabet: IndexAlphabet) {
        let key = alphabet.key(title).map(UInt32.init) + [0] + title.unicodeScalars.map(\.value)
        update { $0.titleKey = key }
    }

    static func == (a: Entry, b: Entry) -> Bool { a.storage === b.storage || a.storage.fields == b.storage.fields }

    func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }
}
