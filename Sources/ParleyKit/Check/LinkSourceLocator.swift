import Foundation
import ParleyTemplates

/// Finds where in the site's source a broken link was written, so that the editor is sent to the line to fix,
/// never to the generated page.
///
/// In order: a plain Markdown link (or image) of the page's entry, matched by its destination; on sites with
/// `unsafe-html`, the URL's text in the entry's file (a raw HTML link); the URL in the page's template, its
/// parents and partials, where each `{{…}}` tag of an attribute matches any text and the most specific match
/// wins (the first, if several are as specific); and last the generated page itself, with a hint.
struct LinkSourceLocator {
    /// Where a link was found, and how sure that is.
    struct Found {
        var location: SourceLocation
        var sourceLine: String?
        /// False when the location is the generated page: no source could be found.
        var inSource: Bool
    }

    private let site: LoadedSite
    /// Where the output folder is, as a path prefix relative to the site root (`Public/`), for the fallback.
    private let outputPrefix: String
    /// Each entry file by its path, for the raw HTML of sites with `unsafe-html`.
    private let entryFiles: [String: EntryFile]
    private let templates: [String: TemplateFile]
    /// The templates as the build parsed them, for the partials and parents each names.
    private let library: TemplateLibrary
    /// The other editions' folders (`uk/`), and each edition's pages by their URLs in its folder.
    private let editionFolders: [String]
    private let pagesByEdition: [String: Set<String>]
    private var templateLinks: [String: [HTMLLinkScanner.Link]] = [:]

    /// `pages` are those the build rendered, each entry's page knowing its entry (the render plan says which).
    init(site: LoadedSite, templates library: TemplateLibrary, pages: [RenderedPage], outputPrefix: String) {
        self.site = site
        self.outputPrefix = outputPrefix
        entryFiles = Dictionary(site.entries.map { ($0.source.path, $0) }, uniquingKeysWith: { a, _ in a })
        templates = Dictionary(site.templates.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.library = library
        let folders = site.config.editions.dropFirst().map { site.config.edition($0).editionPath }.filter {
            !$0.isEmpty
        }
        editionFolders = folders.sorted { $0.count > $1.count }
        var byEdition: [String: Set<String>] = [:]
        for page in pages {
            let folder = editionFolders.first { page.path.hasPrefix($0) } ?? ""
            let url = String(page.path.dropFirst(folder.count))
            byEdition[folder, default: []].insert(Routes.page(ofFile: url))
        }
        pagesByEdition = byEdition
    }

    /// Where `broken`, on `page` (nil when the build made no such page), was written.
    mutating func locate(_ broken: BrokenLink, page: RenderedPage?) -> Found {
        if let entry = page?.entry, let found = locateInEntry(broken.link, entry: entry, page: broken.page) {
            return found
        }
        if let found = locateInTemplates(broken.link, template: page?.template ?? "") { return found }
        let line = SourceFile(path: "", text: page?.contents ?? "").line(broken.link.line)
        return Found(
            location: SourceLocation(
                file: outputPrefix + broken.page, line: broken.link.line, column: broken.link.column),
            sourceLine: line, inSource: false)
    }

    // MARK: Entries

    /// A link of the entry's body, as written in its file (a translation's own file on its edition's pages).
    private func locateInEntry(_ link: HTMLLinkScanner.Link, entry: Entry, page: String) -> Found? {
        let wanted = Self.decoded(link.value)
        let isImage = link.attribute != "href"
        // On another edition's page, or wherever else the body is shown, its relative addresses are rewritten
        // for that page (see BodyLinks.Placement): match each as the page shows it.
        let folder = editionFolders.first { page.hasPrefix($0) } ?? ""
        let url = Routes.page(ofFile: String(page.dropFirst(folder.count)))
        let editionPages = pagesByEdition[folder] ?? []
        let placement =
            folder.isEmpty
            ? nil
            : BodyLinks.Placement(own: url, edition: folder, shown: url, hasPage: { editionPages.contains($0) })
        if let match = entry.body.markdownLinks.first(where: { written in
            guard written.isImage == isImage else { return false }
            if Self.decoded(written.destination) == wanted { return true }
            guard let placement, let shown = BodyLinks.relocated(written.destination, to: placement) else {
                return false
            }
            return Self.decoded(shown) == wanted
        }) {
            return Found(location: match.location, sourceLine: match.sourceLine, inSource: true)
        }
        // Raw HTML passes through only with unsafe-html; then the URL is in the file as written.
        guard site.config.unsafeHTML, link.value.count > 1, let source = entryFiles[entry.path]?.source,
            let (line, column) = Self.position(of: link.value, in: source.text)
        else { return nil }
        return Found(
            location: SourceLocation(file: source.path, line: line, column: column), sourceLine: source.line(line),
            inSource: true)
    }

    // MARK: Templates

    private mutating func locateInTemplates(_ link: HTMLLinkScanner.Link, template: String) -> Found? {
        var best: (score: Int, file: TemplateFile, link: HTMLLinkScanner.Link)?
        for name in closure(of: template) {
            guard let file = templates[name] else { continue }
            if templateLinks[name] == nil {
                templateLinks[name] = HTMLLinkScanner.scan(Self.maskingTags(file.source.text)).links
            }
            for written in templateLinks[name]! where written.attribute == link.attribute {
                guard let score = Self.score(pattern: written.value, matching: link.value), score > 0,
                    score > (best?.score ?? 0)
                else { continue }
                best = (score, file, written)
            }
        }
        guard let best else { return nil }
        return Found(
            location: SourceLocation(file: best.file.source.path, line: best.link.line, column: best.link.column),
            sourceLine: best.file.source.line(best.link.line), inSource: true)
    }

    /// A template and the partials and parents it names, recursively, each once, in the order they appear.
    private func closure(of template: String) -> [String] {
        var result: [String] = []
        var pending = [template]
        while let name = pending.first {
            pending.removeFirst()
            guard !result.contains(name), templates[name] != nil else { continue }
            result.append(name)
            pending += library.references(of: name)
        }
        return result
    }

    /// The tag marker: one per character of a `{{…}}` tag, so that positions stay those of the file.
    static let tagMarker: Unicode.Scalar = "\u{1}"

    /// The template with the characters of every Mustache tag replaced by the marker (line breaks kept), so
    /// that a tag reads as a wildcard inside an attribute and no `<` of `{{<base}}` reads as a tag.
    static func maskingTags(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "{", i + 1 < scalars.count, scalars[i + 1] == "{" else {
                result.append(scalars[i])
                i += 1
                continue
            }
            let closing = i + 2 < scalars.count && scalars[i + 2] == "{" ? 3 : 2
            var end = i + closing
            while end + closing <= scalars.count, !scalars[end..<end + closing].allSatisfy({ $0 == "}" }) { end += 1 }
            end = min(end + closing, scalars.count)
            for scalar in scalars[i..<end] { result.append(scalar == "\n" ? "\n" : tagMarker) }
            i = end
        }
        return String(result)
    }

    /// How many literal characters of a template's attribute value (`{{root}}assets/site.css`, masked) match
    /// `url`, or nil when it cannot have produced `url`.
    static func score(pattern: String, matching url: String) -> Int? {
        let segments = pattern.unicodeScalars.split(separator: tagMarker, omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
        guard segments.count > 1 else { return pattern == url ? pattern.unicodeScalars.count : nil }
        var rest = url[...]
        guard let first = segments.first, rest.hasPrefix(first) else { return nil }
        rest = rest.dropFirst(first.count)
        for segment in segments.dropFirst().dropLast() where !segment.isEmpty {
            guard let range = rest.range(of: segment) else { return nil }
            rest = rest[range.upperBound...]
        }
        guard let last = segments.last, rest.hasSuffix(last) else { return nil }
        return segments.reduce(0) { $0 + $1.unicodeScalars.count }
    }

    // MARK: Helpers

    private static func decoded(_ url: String) -> String { url.removingPercentEncoding ?? url }

    /// The line and column (from 1, in Unicode scalars) of the first occurrence of `text`.
    static func position(of text: String, in source: String) -> (Int, Int)? {
        guard let range = source.range(of: text) else { return nil }
        let before = source.unicodeScalars[..<range.lowerBound]
        let line = before.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        return (line, before[lineStart...].count + 1)
    }
}
