/// One page of the site before it is rendered: where it goes, and how to make it.
///
/// Making a page builds its values (or a data file's text) and its key; rendering is left for later, so that a
/// rebuild renders only the pages whose key changed. A page's key is made from what the page is made of and
/// nothing kept beside it: for a page, its template (with every partial and parent) and every value the
/// template reads; for a data file, its bytes.
struct PlannedPage: Sendable {
    /// The file's path in the output folder.
    var path: String
    /// The template it is rendered with (`""` for data files such as `timeline.json`).
    var template: String
    /// The entry whose page it is (see ``RenderedPage/entry``).
    var entry: Entry?
    private let make: @Sendable () -> Made

    fileprivate enum Made {
        case page(any PageRoot, SiteTemplates)
        case data(String)
    }

    /// A page of kind `template`, rendered from the values `values` makes.
    static func page(
        _ path: String, _ template: String, _ templates: SiteTemplates, values: @escaping @Sendable () -> any PageRoot
    ) -> PlannedPage {
        PlannedPage(path: path, template: template, entry: nil) { .page(values(), templates) }
    }

    /// A data file (the feed, the sitemap, `timeline.json`…).
    static func data(_ path: String, _ text: @escaping @Sendable () -> String) -> PlannedPage {
        PlannedPage(path: path, template: "", entry: nil) { .data(text()) }
    }

    /// The page made, ready to give its key and its bytes.
    func prepare() -> Prepared { Prepared(made: make()) }

    func rendered() -> RenderedPage {
        RenderedPage(path: path, contents: prepare().render(), template: template, entry: entry)
    }

    /// A page whose values are made.
    struct Prepared {
        fileprivate let made: Made

        /// Equal keys mean equal bytes.
        var key: CacheKey {
            switch made {
            case .page(let values, let templates): templates.key(values)
            case .data(let text): KeyHasher.contents(text)
            }
        }

        func render() -> String {
            switch made {
            case .page(let values, let templates): templates.render(values)
            case .data(let text): text
            }
        }

        /// The same as UTF-8 bytes, for writing the file without making a `String`.
        func renderBytes() -> [UInt8] {
            switch made {
            case .page(let values, let templates): templates.renderBytes(values)
            case .data(let text): Array(text.utf8)
            }
        }
    }
}
