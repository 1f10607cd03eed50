import Foundation
import Testing
@testable import ParleyTemplates

/// A list shown a page at a time: each page's value is a part of a shared whole whose items name the whole.
// Unchecked: built once by each test, then only read.
final class Shelf: TemplateObject, @unchecked Sendable {
    let keyMemo: KeyMemo?
    let name: String
    var books: [Book] = []
    let whole: Shelf?
    var keyWhole: (any TemplateObject)? { whole }

    init(name: String, books: [Book] = [], part whole: Shelf? = nil) {
        self.name = name
        self.books = books
        self.whole = whole
        keyMemo = whole == nil ? KeyMemo() : nil
    }

    static let templateType = TemplateType(
        "shelf", of: Shelf.self,
        [
            .text("name", "its name") { $0.name },
            .list("books", "its books") { $0.books },
        ])
}

final class Book: TemplateObject, @unchecked Sendable {
    let keyMemo: KeyMemo? = KeyMemo()
    var title: String
    unowned let shelf: Shelf

    init(title: String, shelf: Shelf) {
        self.title = title
        self.shelf = shelf
    }

    static let templateType = TemplateType(
        "book", of: Book.self,
        [
            .text("title", "its title") { $0.title },
            .object("shelf", "the shelf it is on") { $0.shelf },
        ])
}

/// Counts what a key is made of, and keeps it.
struct CountingHasher: ValueHasher {
    var words = 0
    var state: UInt64 = 1469598103934665603
    init() {}
    mutating func combine(_ word: UInt64) {
        words += 1
        state = (state ^ word) &* 1099511628211
    }
    mutating func combine(_ text: String) {
        words += 1
        for byte in text.utf8 { state = (state ^ UInt64(byte)) &* 1099511628211 }
    }
    mutating func combine(_ key: CacheKey) {
        combine(key.high)
        combine(key.low)
    }
    var finalized: CacheKey { CacheKey(high: state, low: ~state) }
}

@Suite struct PartKeyTests {
    static func shelf(_ count: Int) -> Shelf {
        let shelf = Shelf(name: "History")
        shelf.books = (0..<count).map { Book(title: "Book \($0)", shelf: shelf) }
        return shelf
    }

    static let template: CompiledTemplate = {
        let library = TemplateLibrary([
            "page":
                "{{name}}: {{#books}}{{title}} ({{shelf.name}}, {{#shelf.books}}{{title}} {{/shelf.books}}) {{/books}}"
        ])
        return library.compile("page", root: Shelf.templateType).0
    }()

    static func key(_ value: Shelf) -> (key: CacheKey, words: Int) {
        var hasher = CountingHasher()
        template.hash(.object(value), into: &hasher)
        return (hasher.finalized, hasher.words)
    }

    /// Each page of a long list walks its own items and the whole once per template: not the whole once per
    /// item, as when every item's shelf (not open around it) had to be walked again (quadratic in the list).
    @Test func aPageOfALongListIsKeyedInTimeLinearInTheList() {
        let whole = Self.shelf(1000)
        let pages = stride(from: 0, to: 1000, by: 10).map {
            Shelf(name: "History", books: Array(whole.books[$0..<($0 + 10)]), part: whole)
        }
        let first = Self.key(pages[0]).words
        let later = pages.dropFirst().map { Self.key($0).words }
        // The first page walks the whole (a few words per book); the others find its key kept.
        #expect(first < 10 * 1000, "\(first)")
        #expect(later.allSatisfy { $0 < 200 }, "\(later.max() ?? 0)")
    }

    /// What the page shows of the whole through its items (every title on the shelf) is in its key.
    @Test func aChangeOutsideThePageThatThePageShowsChangesItsKey() {
        let whole = Self.shelf(30)
        let page = Shelf(name: "History", books: Array(whole.books[0..<10]), part: whole)
        let before = Self.key(page).key
        let changed = Self.shelf(30)
        changed.books[25].title = "Another book"
        let changedPage = Shelf(name: "History", books: Array(changed.books[0..<10]), part: changed)
        #expect(Self.key(changedPage).key != before)
        let same = Self.shelf(30)
        #expect(Self.key(Shelf(name: "History", books: Array(same.books[0..<10]), part: same)).key == before)
    }
}
