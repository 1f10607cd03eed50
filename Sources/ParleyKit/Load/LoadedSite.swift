import Foundation

/// The first stage's output: every source file of the site, read and decoded, and the site's settings.
public struct LoadedSite: Sendable {
    /// The site's root folder (holding `Content/` and `Templates/`).
    public var root: URL
    public var config: SiteConfig
    /// The entries' Markdown files, sorted by path.
    public var entries: [EntryFile]
    /// The Mustache templates, sorted by name.
    public var templates: [TemplateFile]
    /// Files under `Templates/assets/`, copied as they are to `assets/` in the output.
    public var assets: [AssetFile]
    /// `Content/bibliography.yaml` (CSL YAML) and `Content/bibliography.json` (CSL-JSON), those that exist.
    public var bibliographyFiles: [SourceFile] = []
    /// Slugs of entries that exist but were not loaded: files that could not be read, and, when site.yaml has
    /// errors, entries in folders it does not list. Links to them are not reported as links to nothing: the
    /// cause is reported once, where it is.
    public var unloadedSlugs: Set<String> = []
    /// Whether `Content/site.yaml` could not be read or has errors: what it declares is then incomplete, and
    /// nothing is reported for lacking a declaration (the error in site.yaml is the cause, reported once).
    public var settingsBroken = false
}

extension LoadedSite {
    /// The options its entries' bodies are rendered with: its settings, and the ids its templates write.
    var markdownOptions: MarkdownOptions {
        MarkdownOptions(site: config, reserving: TemplateParser.literalIDs(in: templates))
    }
}

/// An entry's Markdown file and where it belongs.
public struct EntryFile: Sendable, Hashable {
    public var source: SourceFile
    /// The section (folder under `Content/`) it is in.
    public var section: String
    /// Its file name without `.md`: the entry's identity in links and its URL.
    public var slug: String
    /// When git first and last committed the file; nil without git dates, or for a file never committed.
    public var history: FileHistory? = nil
}

/// A Mustache template, named by its path under `Templates/` without `.mustache` (`entry`, `partials/nav`).
public struct TemplateFile: Sendable, Hashable {
    public var name: String
    public var source: SourceFile
}

/// A static file copied to the output.
public struct AssetFile: Sendable, Hashable {
    /// The path under `Templates/assets/`, `/`-separated.
    public var path: String
    public var url: URL
}
