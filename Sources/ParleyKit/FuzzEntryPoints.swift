import Foundation

/// The readers of untrusted text, each as a function of any bytes: the entry points of the fuzz targets
/// (`make fuzz`, Fuzz/README.md) and of the tests that replay what fuzzing found (FuzzRegressionTests). A target
/// may report problems as diagnostics, but must never trap, leak or take long.
package enum FuzzEntryPoints {
    /// Every target by name; the name is also the folder of its seeds and its findings.
    package static let targets: [String: @Sendable ([UInt8]) -> Void] = [
        "yaml": yaml,
        "edtf": edtf,
        "citations": citations,
        "wikilinks": wikiLinks,
        "tables": tables,
        "footnotes": footnotes,
        "templates": templates,
        "settings": settings,
        "bibliography-yaml": { bibliography($0, path: "Content/bibliography.yaml") },
        "bibliography-json": { bibliography($0, path: "Content/bibliography.json") },
    ]

    /// The text of a file as the loader reads it; bytes that are not UTF-8 (which the loader refuses, located)
    /// are read with U+FFFD in their place, so that the reader behind still sees the rest.
    static func text(_ bytes: [UInt8], path: String) -> SourceFile {
        switch SourceFile.decode(Data(bytes), path: path) {
        case .success(let file): file
        case .failure: SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// An entry file: its front matter through the YAML reader (every built-in field), its body through
    /// the Markdown renderer.
    static func yaml(_ bytes: [UInt8]) {
        let source = text(bytes, path: "Content/rounds/fuzz.md")
        let file = EntryFile(source: source, section: "rounds", slug: "fuzz")
        _ = EntryParser.parse(
            file, section: SectionConfig(name: "rounds", dated: true),
            options: MarkdownOptions(site: SiteConfig(title: "t")))
        var reader = YAMLReader(file: source, lineOffset: 0, context: "fuzz")
        if let mapping = reader.mapping(from: source.text) {
            _ = reader.fields(of: mapping, known: FieldDeclaration.builtInNames)
        }
    }

    /// An EDTF date or interval, and its words in English and Ukrainian.
    static func edtf(_ bytes: [UInt8]) {
        let source = text(bytes, path: "-")
        guard case .success(let date) = EDTFDate.parse(source.text) else { return }
        _ = date.text(.english)
        _ = date.text(ukrainian)
        _ = date.description
    }

    private static let ukrainian = LocalWords(language: "uk")

    /// The citation scanner on the text as one literal, then a whole body with citations to known sources.
    static func citations(_ bytes: [UInt8]) {
        let source = text(bytes, path: "-")
        _ = CitationScanner(source.text).matches()
        _ = MarkdownHTML.body(
            source.text, options: MarkdownOptions(site: SiteConfig(title: "t")), authorLabel: { "Author of \($0)" })
    }

    /// A body with wiki links (`[[slug]]`) and links to entries' files, as a site renders it.
    static func wikiLinks(_ bytes: [UInt8]) {
        let source = text(bytes, path: "-")
        _ = MarkdownHTML.body(source.text, options: MarkdownOptions(site: SiteConfig(title: "t")))
    }

    /// Pipe tables, as `parley render --table` and a site write them; the raw bytes, not only valid UTF-8.
    static func tables(_ bytes: [UInt8]) {
        var options = MarkdownOptions()
        options.tables = true
        _ = MarkdownHTML.fragment(bytes: bytes, options: options)
        options.tableAlignmentAsStyle = true
        options.smart = true
        _ = MarkdownHTML.fragment(text(bytes, path: "-").text, options: options)
    }

    /// Footnotes and explanatory notes (`[^id]`), with their definitions, in a body.
    static func footnotes(_ bytes: [UInt8]) {
        let source = text(bytes, path: "-")
        var options = MarkdownOptions(site: SiteConfig(title: "t"))
        options.smart = true
        _ = MarkdownHTML.body(source.text, options: options, lineOffset: 3, file: "Content/rounds/fuzz.md")
    }

    /// Templates, parsed and compiled against every kind of page: the bytes up to the first NUL are the entry
    /// page's template, each part after one a partial (`p1`, `p2`, …), so that partials can include each other.
    static func templates(_ bytes: [UInt8]) {
        let parts = bytes.split(separator: 0, omittingEmptySubsequences: false)
        let files = parts.enumerated().map { index, part in
            let name = index == 0 ? "entry" : "p\(index)"
            return TemplateFile(name: name, source: text(Array(part), path: "Templates/\(name).mustache"))
        }
        _ = TemplateParser.parse(files, required: ["entry"], fields: nil, strings: ["home", "next"])
        _ = LoadedSite.literalIDs(in: files)
    }

    /// `Content/site.yaml`.
    static func settings(_ bytes: [UInt8]) {
        _ = SiteConfigLoader.parse(text(bytes, path: "Content/site.yaml"))
    }

    /// A bibliography file (CSL YAML or CSL-JSON, by the path's extension), then its exports.
    static func bibliography(_ bytes: [UInt8], path: String) {
        let (bibliography, _) = BibliographyParser.parse([text(bytes, path: path)])
        _ = BibliographyExporter.cslJSON(bibliography)
        _ = BibliographyExporter.bibTeX(bibliography)
    }
}
