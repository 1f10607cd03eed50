import Foundation

/// Renders Markdown exactly as a site renders its entries' bodies, for `parley render --site`: the site's
/// settings and its sources (for in-text citations' author names), through the same code as the build.
public struct EntryBodyRenderer: Sendable {
    public let config: SiteConfig
    let labels: AuthorLabels

    /// Reads the site's `Content/site.yaml` and bibliography files.
    public static func load(siteRoot: URL) -> Result<EntryBodyRenderer, BuildFailure> {
        let config: SiteConfig
        switch SiteLoader.loadSettings(root: siteRoot) {
        case .success(let loaded): config = loaded
        case .failure(let failure): return .failure(failure)
        }
        var files: [SourceFile] = []
        for name in SiteLoader.bibliographyNames {
            let path = "Content/" + name
            guard FileManager.default.fileExists(atPath: siteRoot.appendingPathComponent(path).path) else { continue }
            switch SiteLoader.readSource(root: siteRoot, path: path) {
            case .success(let file): files.append(file)
            case .failure(let problem): return .failure(BuildFailure([problem]))
            }
        }
        let (bibliography, problems) = BibliographyParser.parse(files)
        if problems.hasErrors { return .failure(BuildFailure(problems)) }
        return .success(EntryBodyRenderer(config: config, labels: AuthorLabels(bibliography)))
    }

    /// The body of an entry file (a front matter, if any, is left out).
    public func render(_ text: String) -> RenderedBody {
        MarkdownRenderer.renderEntryBody(text, site: config, authorLabel: labels.label)
    }
}
