/// One page of the site before it is rendered: where it goes, the key of everything it depends on, and how to
/// render it. A rebuild renders only the pages whose key changed.
struct PlannedPage: Sendable {
    /// The file's path in the output folder.
    var path: String
    /// The template it is rendered with (`""` for data files such as `timeline.json`).
    var template: String
    /// Equal keys mean equal bytes; 0 when the build does not track keys.
    var key: UInt64
    var render: @Sendable () -> String

    func rendered() -> RenderedPage { RenderedPage(path: path, contents: render(), template: template) }

    /// A small data file made up front (the feed, the sitemap, robots.txt): its key is the hash of its bytes,
    /// which cannot miss an input.
    static func data(_ path: String, _ text: String, keyed: Bool) -> PlannedPage {
        PlannedPage(path: path, template: "", key: keyed ? KeyHasher.contents(text) : 0) { text }
    }
}

/// What a rebuild knows about its inputs, for page keys: the parts of a page's inputs that are too costly to
/// hash on every rebuild are given as keys made when they were parsed.
struct RenderInputs: Sendable {
    /// Each entry's key, by slug: it changes whenever the entry's file, its section or the parse settings do.
    var entries: [String: UInt64]
    /// Each source's key, by id.
    var references: [String: UInt64]
    /// The text of every template, by name, for the key of a template with its partials and parents.
    var templates: [String: String]
    /// The bibliography files, for the pages that show every field of every source (the exports).
    var bibliography: UInt64 = 0
}
