import ParleyTemplates

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
    func url(_ number: Int) -> String { number == 1 ? base : base + "page/\(number)/" }

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

    /// The values of page `number` for its template; nil for a list on one page.
    func values(_ number: Int) -> PaginationValues? {
        pageCount == 1 ? nil : PaginationValues(self, number: number)
    }
}

extension Pagination {
    /// A section's list: its own `page-size`, else the site's.
    init(section: ResolvedSection, site: ResolvedSite) {
        self.init(base: section.url, count: section.entries.count, size: section.config.pageSize ?? site.config.pageSize)
    }

    /// The list of the entries naming a term.
    init(term: SubjectTerm, site: ResolvedSite) {
        self.init(base: SubjectPages.url(of: term), count: term.entries.count, size: site.config.pageSize)
    }
}

/// `page.pagination`: where this page is in its list, and the way to the others.
final class PaginationValues: TemplateObject {
    let pagination: Pagination
    let number: Int

    init(_ pagination: Pagination, number: Int) {
        self.pagination = pagination
        self.number = number
    }

    static let templateType = TemplateType("pagination", of: PaginationValues.self, [
        .number("number", "this page's number, from 1") { $0.number },
        .number("count", "how many pages the list has") { $0.pagination.pageCount },
        .number("items", "how many items the whole list has") { $0.pagination.count },
        .number("firstItem", "the number of this page's first item, from 1") { $0.pagination.range($0.number).lowerBound + 1 },
        .number("lastItem", "the number of this page's last item") { $0.pagination.range($0.number).upperBound },
        .text("first", "the list's first page") { $0.pagination.url(1) },
        .text("last", "the list's last page") { $0.pagination.url($0.pagination.pageCount) },
        .text("previous", "the page before this one, if any (for `<link rel=\"prev\">`)") {
            $0.number > 1 ? $0.pagination.url($0.number - 1) : nil
        },
        .text("next", "the page after this one, if any (for `<link rel=\"next\">`)") {
            $0.number < $0.pagination.pageCount ? $0.pagination.url($0.number + 1) : nil
        },
        .list("pages", "every page of the list, in order") { values in
            (1...values.pagination.pageCount).map { PageLink(number: $0, url: values.pagination.url($0), current: $0 == values.number) }
        },
    ])
}

/// One page of a paginated list, in `page.pagination.pages`.
final class PageLink: TemplateObject {
    let number: Int
    let url: String
    let current: Bool

    init(number: Int, url: String, current: Bool) {
        self.number = number
        self.url = url
        self.current = current
    }

    static let templateType = TemplateType("page link", of: PageLink.self, [
        .number("number", "its number, from 1") { $0.number },
        .text("url", "its URL") { $0.url },
        .flag("current", "whether it is this page") { $0.current },
    ])
}
