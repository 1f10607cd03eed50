/// A long list split into pages of `size` items: the first at `base` (`rounds/`), the others at
/// `base/page/N/` (`rounds/page/2/`), as in Hugo and Zola. A size of 0 keeps the list on one page.
struct Pagination: Sendable, Hashable {
    /// The list's first page, relative to the site root.
    let base: String
    /// How many items the list has.
    let count: Int
    let size: Int

    var pageCount: Int { size <= 0 || count <= size ? 1 : (count + size - 1) / size }

    /// Page `number` (from 1), relative to the site root.
    func url(_ number: Int) -> String { Routes.page(number, of: base) }

    /// The items of page `number`.
    func range(_ number: Int) -> Range<Int> {
        pageCount == 1 ? 0..<count : ((number - 1) * size)..<min(count, number * size)
    }

    /// The page the item at `index` is on.
    func page(ofItem index: Int) -> Int { pageCount == 1 ? 1 : index / size + 1 }

    /// The list's title on page `number`: as it is on the first, `Bibliography, page 2` on the others.
    static func title(_ title: String, page number: Int, words: LocalWords = .english) -> String {
        number == 1 ? title : words("title-page", title, String(number))
    }
}

extension Pagination {
    /// A section's list: its own `page-size`, else the site's.
    init(section: ResolvedSection, site: ResolvedSite) {
        self.init(
            base: section.url, count: section.entries.count, size: section.config.pageSize ?? site.config.pageSize)
    }

    /// The list of the entries naming a term.
    init(term: SubjectTerm, site: ResolvedSite) {
        self.init(base: Routes.term(term), count: term.entries.count, size: site.config.pageSize)
    }

    /// The bibliography's sources: the site's `page-size` each.
    init(bibliographyOf site: ResolvedSite) {
        self.init(base: Routes.bibliography, count: site.bibliography.references.count, size: site.config.pageSize)
    }
}
