/// A kind of subject term the site declares in `site.yaml` (`subjects:`): the people, places or topics of a
/// reference site, or whatever its entries name. Its name is the front-matter field that lists its terms and
/// the folder of their pages, `subjects/<name>/…`.
struct SubjectKind: Sendable, Hashable {
    /// How a kind's terms are filed in the index.
    enum Sort: String, Sendable, Hashable, CaseIterable {
        /// As written.
        case name
        /// Surname first (`Putin, Vladimir`), the surname taken to be the last word unless a term gives its own
        /// sort key.
        case surname
    }

    /// The front-matter field and the folder of its pages, e.g. `people`.
    var name: String
    /// What the kind is called, e.g. `People`.
    var title: String
    /// What one term is called, e.g. `person`.
    var singular: String
    var sort: Sort

    init(name: String, title: String? = nil, singular: String? = nil, sort: Sort = .name) {
        self.name = name
        self.title = title ?? name.prefix(1).uppercased() + name.dropFirst()
        self.singular = singular ?? name
        self.sort = sort
    }
}
