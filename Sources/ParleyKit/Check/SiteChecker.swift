import Foundation
import ParleyTemplates

/// `parley check`: the whole build without writing, then every internal link, asset reference and `#fragment`
/// of the rendered pages, each problem located in the source file that must change.
public enum SiteChecker {
    /// What a check found.
    public struct Report: Sendable {
        /// Every problem: the build's own, then the broken links, sorted by file and line.
        public var diagnostics: [Diagnostic]
        /// HTML pages whose links were checked.
        public var pagesChecked: Int
        /// URLs found in those pages (external ones included, though they are not followed).
        public var linksChecked: Int
        /// False when the site has errors that stop it from rendering: then its links could not be checked.
        public var linksWereChecked: Bool

        /// Whether the site may be published: no errors, and with `strict`, no warnings either.
        public func passes(strict: Bool) -> Bool {
            strict ? diagnostics.isEmpty : !diagnostics.hasErrors
        }
    }

    public static func check(_ options: Pipeline.Options) -> Report {
        let rendered: RenderedSite
        var diagnostics: [Diagnostic]
        let sources: LoadedSite
        let templates: SiteTemplates
        do {
            (rendered, diagnostics, sources, templates) = try Pipeline.renderSiteWithSources(options)
        } catch {
            return Report(diagnostics: error.diagnostics, pagesChecked: 0, linksChecked: 0, linksWereChecked: false)
        }
        let (checker, broken) = options.progress.step("links") {
            let checker = LinkChecker(
                pages: rendered.pages, assets: rendered.assets.map { "assets/" + $0.path },
                basePath: sources.config.basePath,
                madeElsewhere: sources.config.search ? [Routes.searchIndex + "/"] : [],
                progress: options.progress)
            return (checker, checker.brokenLinks())
        }
        if !broken.isEmpty {
            diagnostics += locate(
                broken, in: rendered, sources: sources, templates: templates.library, options: options)
        }
        return Report(
            diagnostics: diagnostics.sorted(), pagesChecked: checker.order.count, linksChecked: checker.linkCount,
            linksWereChecked: true)
    }

    static func locate(
        _ broken: [BrokenLink], in rendered: RenderedSite, sources: LoadedSite, templates: TemplateLibrary,
        options: Pipeline.Options
    ) -> [Diagnostic] {
        var locator = LinkSourceLocator(
            site: sources, templates: templates, pages: rendered.pages, outputPrefix: outputPrefix(options))
        let pages = Dictionary(rendered.pages.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })

        struct Group {
            var first: BrokenLink
            var found: LinkSourceLocator.Found
            var pages: [String]
        }
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for link in broken {
            let found = locator.locate(link, page: pages[link.page])
            let key = "\(found.location)\u{0}\(link.problemKey)"
            if let at = index[key] {
                if !groups[at].pages.contains(link.page) { groups[at].pages.append(link.page) }
            } else {
                index[key] = groups.count
                groups.append(Group(first: link, found: found, pages: [link.page]))
            }
        }
        return groups.map { group in
            var message = group.first.message
            let inEntry = group.found.location.file.hasPrefix("Content/")
            if group.pages.count > 1 {
                message += " (on \(group.pages.count) pages, e.g. \(BrokenLink.display(group.pages[0])))"
            } else if group.found.inSource, !inEntry {
                message += " (on \(BrokenLink.display(group.pages[0])))"
            }
            var link = group.first
            // A template writes one URL for pages at every depth: suggest the path after {{root}}, not one page's URL.
            if group.found.inSource, !inEntry, let path = link.suggestedPath, !link.link.value.hasPrefix("/") {
                link.suggestion = "{{root}}" + path
            }
            var hint = link.hint
            if !group.found.inSource {
                hint +=
                    "\nthis is the page 'parley build' would write; the link is not written as such in an entry or in "
                    + "the page's templates, so it comes from a value a template shows"
            }
            return Diagnostic(
                link.severity, at: group.found.location, message, hint: hint, sourceLine: group.found.sourceLine)
        }
    }

    /// The output folder relative to the site root (`Public/`), or its full path when it is elsewhere.
    static func outputPrefix(_ options: Pipeline.Options) -> String {
        let root = options.siteRoot.path, output = options.output.path
        return output.hasPrefix(root + "/") ? String(output.dropFirst(root.count + 1)) + "/" : output + "/"
    }
}
