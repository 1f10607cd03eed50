import ParleyTemplates

extension Pagination {
    /// The values of page `number` for its template; nil for a list on one page.
    func values(_ number: Int) -> PaginationValues? {
        pageCount == 1 ? nil : PaginationValues(self, number: number)
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

    static let templateType = TemplateType(
        "pagination", of: PaginationValues.self,
        [
            .number("number", "this page's number, from 1") { $0.number },
            .number("count", "how many pages the list has") { $0.pagination.pageCount },
            .number("items", "how many items the whole list has") { $0.pagination.count },
            .number("firstItem", "the number of this page's first item, from 1") {
                $0.pagination.range($0.number).lowerBound + 1
            },
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
                (1...values.pagination.pageCount).map {
                    PageLink(number: $0, url: values.pagination.url($0), current: $0 == values.number)
                }
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

    static let templateType = TemplateType(
        "page link", of: PageLink.self,
        [
            .number("number", "its number, from 1") { $0.number },
            .text("url", "its URL") { $0.url },
            .flag("current", "whether it is this page") { $0.current },
        ])
}
