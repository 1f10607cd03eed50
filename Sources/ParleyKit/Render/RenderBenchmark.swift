import Foundation

/// The template micro-benchmark `make bench` runs (through `parley-bench`): how long one entry page of a
/// site takes to render, on one core, with the site's own templates.
package enum RenderBenchmark {
    package struct Result: Sendable {
        /// Entry pages rendered in each pass.
        package var pages: Int
        /// Microseconds per page to make its values and render them (what a build does for each entry page).
        package var valuesAndRender: Double
        /// Microseconds per page to render values already made: the template engine alone.
        package var renderOnly: Double
        /// Microseconds per page to make its key from the values the template reads.
        package var key: Double
        /// The bytes of one pass's pages.
        package var bytes: Int
    }

    /// Loads, parses and resolves the site at `root`, then renders every entry page `passes` times after one
    /// pass to warm up, and keeps each measurement's fastest pass.
    package static func entryPages(site root: URL, passes: Int = 5) throws -> Result {
        let (loaded, problems) = SiteLoader.load(root: root, git: nil)
        guard let loaded else { throw BuildFailure(problems) }
        let (parsed, parseProblems) = SiteParser.parse(loaded)
        let (templates, templateProblems) = TemplateParser.compile(loaded, for: parsed)
        let (site, resolveProblems) = SiteResolver.resolve(parsed)
        let errors = (problems + parseProblems + templateProblems + resolveProblems).filter(\.isError)
        guard errors.isEmpty else { throw BuildFailure(errors) }
        let context = PageContext(site: site, templates: templates)
        let formatted = SiteRenderer.formattedReferences(site)
        let planned = site.entries.map {
            SiteRenderer.entryPage($0, site: site, context: context, formatted: formatted)
        }

        func seconds(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        var bytes = 0
        var whole = Double.infinity, render = Double.infinity, key = Double.infinity
        let prepared = planned.map { $0.prepare() }
        for pass in 0...passes {
            var total = 0
            let w = seconds { for page in planned { total &+= page.prepare().renderBytes().count } }
            let r = seconds { for page in prepared { total &+= page.renderBytes().count } }
            var keys = 0
            let k = seconds { for page in prepared { keys ^= page.key.hashValue } }
            if pass > 0 {
                whole = min(whole, w)
                render = min(render, r)
                key = min(key, k)
            }
            bytes = total / 2
            _ = keys
        }
        let count = Double(max(planned.count, 1))
        return Result(
            pages: planned.count, valuesAndRender: whole / count * 1e6, renderOnly: render / count * 1e6,
            key: key / count * 1e6, bytes: bytes)
    }
}
