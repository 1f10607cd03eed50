/// The fourth stage's output: every page as bytes, by its path in the output folder, and the assets to copy.
struct RenderedSite: Sendable {
    /// Pages in a fixed order (the order they are rendered in).
    var pages: [RenderedPage]
    var assets: [AssetFile]
}

/// One output file.
struct RenderedPage: Sendable, Hashable {
    /// The file's path in the output folder: `rounds/first-round/index.html`.
    var path: String
    var contents: String
    /// The template it was rendered with.
    var template: String
    /// The entry whose page it is, as its edition shows it (a translation's title and body, from its own
    /// file); nil for any other page. `parley check` finds a link's place in the entry's file by it.
    var entry: Entry? = nil
}
