import Foundation

/// The first stage's output: every source file of the site, read and decoded, and the site's settings.
struct LoadedSite: Sendable {
    /// The site's root folder (holding `Content/` and `Templates/`).
    var root: URL
    var config: SiteConfig
    /// The entries' Markdown files, sorted by path.
    var entries: [EntryFile]
    /// The Mustache templates, sorted by name.
    var templates: [TemplateFile]
    /// Files under `Templates/assets/`, copied as they are to `assets/` in the output.
    var assets: [AssetFile]
    /// `Content/bibliography.yaml` (CSL YAML) and `Content/bibliography.json` (CSL-JSON), those that exist.
    var bibliographyFiles: [SourceFile] = []
    /// The glossaries of subject terms in the site's other languages: `Content/terms.uk.yaml`.
    var glossaries: [SourceFile] = []
    /// The strings files, one per language: `Templates/strings/uk.yaml`.
    var strings: [SourceFile] = []
    /// Slugs of entries that exist but were not loaded: files that could not be read, and, when site.yaml has
    /// errors, entries in folders it does not list. Links to them are not reported as links to nothing: the
    /// cause is reported once, where it is.
    var unloadedSlugs: Set<String> = []
    /// Whether `Content/site.yaml` could not be read or has errors: what it declares is then incomplete, and
    /// nothing is reported for lacking a declaration (the error in site.yaml is the cause, reported once).
    var settingsBroken = false
}

/// An entry's Markdown file and where it belongs.
struct EntryFile: Sendable, Hashable {
    var source: SourceFile
    /// The section (folder under `Content/`) it is in.
    var section: String
    /// Its file name without `.md` (and without the language of a translation): the entry's identity in links
    /// and its URL.
    var slug: String
    /// The language a translation is in (`istanbul-talks.uk.md`); nil for an entry in the default language.
    var language: String? = nil
    /// When git first and last committed the file; nil without git dates, or for a file never committed.
    var history: FileHistory? = nil
}

/// A Mustache template, named by its path under `Templates/` without `.mustache` (`entry`, `partials/nav`).
struct TemplateFile: Sendable, Hashable {
    var name: String
    var source: SourceFile
}

/// A static file copied to the output.
struct AssetFile: Sendable, Hashable {
    /// The path under `Templates/assets/`, `/`-separated.
    var path: String
    var url: URL
}

extension LoadedSite {
    /// The key of everything in the site but what its entries say: the settings, the templates, the sources,
    /// the assets' paths, and each entry file's path, section, slug and dates. Two loads with the same key
    /// differ at most in their entries' texts, so a change to an entry's body alone changes only its page.
    func keyOutsideEntryTexts(includeDrafts: Bool) -> CacheKey {
        KeyHasher.key { h in
            config.combine(into: &h)
            h.combine(includeDrafts)
            h.combine(settingsBroken)
            h.combine(templates.count)
            for template in templates {
                h.combine(template.name)
                h.combine(contents: template.source.text)
            }
            for files in [bibliographyFiles, glossaries, strings] {
                h.combine(files.count)
                for file in files {
                    h.combine(file.path)
                    h.combine(contents: file.text)
                }
            }
            h.combine(assets.count)
            for asset in assets { h.combine(asset.path) }
            h.combine(unloadedSlugs.count)
            for slug in unloadedSlugs.sorted() { h.combine(slug) }
            h.combine(entries.count)
            for entry in entries {
                h.combine(entry.source.path)
                h.combine(entry.section)
                h.combine(entry.slug)
                h.combine(entry.language)
                h.combine(entry.history?.created.description)
                h.combine(entry.history?.updated.description)
            }
        }
    }
}

extension LoadedSite {
    /// The options its entries' bodies are rendered with: its settings, and the ids its templates write.
    var markdownOptions: MarkdownOptions {
        MarkdownOptions(site: config, reserving: Self.literalIDs(in: templates))
    }

    /// The ids the templates write as they are (`id="references"`, not `id="{{id}}"`): an entry's headings must
    /// not take them, or a link to `#references` could land on a heading.
    static func literalIDs(in files: [TemplateFile]) -> Set<String> {
        var ids: Set<String> = []
        for file in files {
            var rest = file.source.text[...]
            while let start = rest.range(of: "id=\"") {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let value = rest[..<end]
                if !value.isEmpty, !value.contains("{{") { ids.insert(String(value)) }
                rest = rest[end...]
            }
        }
        return ids
    }
}
