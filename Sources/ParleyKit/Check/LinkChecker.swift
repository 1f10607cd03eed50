/// Follows every internal link and asset reference of a rendered site, down to its `#fragment`.
struct LinkChecker: Sendable {
    let resolver: SiteURLResolver
    /// Every output path: pages, data files and assets.
    let files: Set<String>
    /// What each HTML page holds, by output path.
    let pages: [String: HTMLLinkScanner.Page]
    /// The HTML pages' paths, in the site's order.
    let order: [String]

    /// - Parameters:
    ///   - pages: the rendered pages (and data files such as `timeline.json`), by output path.
    ///   - assets: the output paths of the copied assets (`assets/site.css`).
    /// Folders of the output that another program fills after the build (the search index), whose links are
    /// not checked.
    let madeElsewhere: [String]

    init(
        pages: [RenderedPage], assets: [String], basePath: String, madeElsewhere: [String] = [],
        progress: BuildProgress? = nil
    ) {
        resolver = SiteURLResolver(basePath: basePath)
        self.madeElsewhere = madeElsewhere
        files = Set(pages.map(\.path)).union(assets)
        let html = pages.filter { $0.path.hasSuffix(".html") }
        order = html.map(\.path)
        progress?.count(html.count)
        let scanned = html.parallelMap { page in
            defer { progress?.advance() }
            return HTMLLinkScanner.scan(page.contents)
        }
        self.pages = Dictionary(zip(order, scanned), uniquingKeysWith: { a, _ in a })
        assetPaths = files.filter { $0.hasPrefix("assets/") }
        pageURLs = Set(order.map(Self.url)).union(files.filter { !$0.hasSuffix(".html") && !$0.hasPrefix("assets/") })
            .subtracting([""])
    }

    /// What a missing asset or page may have meant.
    private let assetPaths: Set<String>
    private let pageURLs: Set<String>

    /// How many URLs the pages hold, checked or not.
    var linkCount: Int { pages.values.reduce(0) { $0 + $1.links.count } }

    /// Every broken link, page by page in the site's order, each page's in document order.
    func brokenLinks() -> [BrokenLink] {
        // A link in a partial may be broken on every page: each missing path is compared with the site's once.
        var closest: [String: String?] = [:]
        return order.flatMap { path in pages[path]!.links.compactMap { check($0, onPage: path, closest: &closest) } }
    }

    func check(_ link: HTMLLinkScanner.Link, onPage page: String) -> BrokenLink? {
        var closest: [String: String?] = [:]
        return check(link, onPage: page, closest: &closest)
    }

    private func check(
        _ link: HTMLLinkScanner.Link, onPage page: String, closest: inout [String: String?]
    ) -> BrokenLink? {
        func broken(_ problem: BrokenLink.Problem, _ suggestion: String? = nil, path: String? = nil) -> BrokenLink {
            BrokenLink(page: page, link: link, problem: problem, suggestion: suggestion, suggestedPath: path)
        }
        switch resolver.resolve(link.value, onPage: page) {
        case .notChecked:
            return nil
        case .aboveRoot:
            return broken(.aboveRoot)
        case .outsideBasePath:
            return broken(.outsideBasePath(basePath: resolver.basePath))
        case .site(let path, _) where madeElsewhere.contains(where: path.hasPrefix):
            return nil
        case .site(let path, let fragment):
            guard let file = file(at: path) else {
                let isAsset = path.hasPrefix("assets/")
                if closest[path] == nil {
                    closest[path] = .some(
                        Suggestion.closest(to: path, in: isAsset ? assetPaths : pageURLs, limit: 1).first)
                }
                let close = closest[path]!
                return broken(
                    isAsset ? .missingAsset(path) : .missingPage(path),
                    close.map { written(link.value, leadingTo: $0, from: page) }, path: close)
            }
            // `#` alone and `#top` lead to the top of any page (HTML's rule), and only HTML pages have ids.
            guard let fragment, !fragment.isEmpty, fragment.lowercased() != "top", let target = pages[file],
                !target.ids.contains(fragment)
            else { return nil }
            let close = Suggestion.closest(to: fragment, in: target.ids, limit: 1).first.map { id in
                String(link.value.prefix { $0 != "#" }) + "#" + id
            }
            return broken(.missingFragment(page: file, fragment: fragment), close)
        }
    }

    /// The output file a path leads to: the file itself, or a folder's `index.html`.
    func file(at path: String) -> String? {
        let file = Routes.file(ofPage: path)
        if files.contains(file) { return file }
        // A folder URL without its slash: servers redirect it to the folder.
        let folder = Routes.file(ofPage: path + "/")
        return file == path && files.contains(folder) ? folder : nil
    }

    /// A page's address as links write it: `rounds/a/index.html` → `rounds/a/`.
    static func url(_ path: String) -> String {
        Routes.page(ofFile: path)
    }

    /// `target` written the way `original` was: an absolute path under the base path, or relative to the page.
    private func written(_ original: String, leadingTo target: String, from page: String) -> String {
        original.hasPrefix("/") ? resolver.basePath + target : SiteURLResolver.relative(from: page, to: target)
    }
}
