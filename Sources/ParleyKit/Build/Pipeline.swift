import Foundation

/// The build, as named steps: load → parse → templates → resolve → render → write.
public enum Pipeline {
    /// What to build and where.
    public struct Options: Sendable {
        /// The site's folder (holding `Content/` and `Templates/`).
        public var siteRoot: URL
        /// Where the site goes; `Public/` in the site's folder by default.
        public var output: URL
        /// Include entries marked `draft: true`.
        public var includeDrafts: Bool
        /// Date entries by their files' commits when the site is in a git work tree (one `git log` per load).
        /// Off for output that must not depend on the repository's history, such as the golden tests'.
        public var gitDates: Bool
        /// The address the site is published at, instead of `site.yaml`'s `base-url` (`parley build --base-url`):
        /// an absolute http or https URL ending in `/` (see ``normalizedBaseURL(_:)``).
        public var baseURL: String?
        /// Where the run tells how far it has got (`parley build`'s progress line and `--verbose`); nil for none.
        public var progress: BuildProgress?
        /// Whether the run says why each page it rendered was rendered (``Outcome/renderReasons``): `--verbose`.
        public var explains: Bool
        /// What watches the output's folders between updates (the preview's), so that an update need not look
        /// at each (``OutputWatch``).
        package var outputWatch: OutputWatch?

        public init(
            siteRoot: URL, output: URL? = nil, includeDrafts: Bool = false, gitDates: Bool = true,
            baseURL: String? = nil,
            progress: BuildProgress? = nil, explains: Bool = false
        ) {
            self.siteRoot = siteRoot.standardizedFileURL
            self.output = (output ?? siteRoot.appendingPathComponent("Public")).standardizedFileURL
            self.includeDrafts = includeDrafts
            self.gitDates = gitDates
            self.baseURL = baseURL
            self.progress = progress
            self.explains = explains
        }

        /// A base URL as `--base-url` takes it: absolute http or https, given a final `/`; nil if it is not one.
        public static func normalizedBaseURL(_ text: String) -> String? {
            guard text.hasPrefix("https://") || text.hasPrefix("http://"), text.count > "https://".count,
                !text.contains(where: { $0.isWhitespace }), BaseURL.problem(text) == nil
            else { return nil }
            return text.hasSuffix("/") ? text : text + "/"
        }

        /// The loaded site with these options' settings in it (a base URL given on the command line wins over
        /// site.yaml's), and the load's problems without the one the override answers.
        func apply(to site: inout LoadedSite, problems: inout [Diagnostic]) {
            guard let baseURL else { return }
            site.config.baseURL = baseURL
            problems.removeAll {
                $0.location.file == "Content/site.yaml" && $0.message.hasPrefix("site.yaml has no 'base-url'")
            }
        }

        /// What the loader runs git with: nil when git dates are off.
        var git: GitDates.Runner? { gitDates ? GitDates.runGit : nil }
    }

    /// What a successful build did.
    public struct Report: Sendable {
        /// Files written to the output folder (pages and assets).
        public var filesWritten: Int
        public var pagesRendered: Int
        /// Warnings found on the way (a build with errors throws instead).
        public var diagnostics: [Diagnostic]
        /// Each step's name and wall time in seconds, in order.
        public var steps: [(name: String, seconds: Double)]
        public var seconds: Double { steps.reduce(0) { $0 + $1.seconds } }
    }

    /// Builds the site, or throws every problem found if there is any error; then the output is untouched.
    public static func build(_ options: Options) throws(BuildFailure) -> Report {
        let outcome = run(options, changed: nil, state: State(keepsRecord: false, keepsSources: false), to: .output)
        if outcome.diagnostics.hasErrors {
            var failure = BuildFailure(outcome.diagnostics)
            failure.outputChanged = outcome.outputChanged
            throw failure
        }
        return Report(
            filesWritten: outcome.filesWritten, pagesRendered: outcome.pagesRendered,
            diagnostics: outcome.diagnostics, steps: outcome.steps)
    }

    /// The first four steps: everything but writing. Throws when any step found an error.
    static func renderSite(_ options: Options) throws(BuildFailure) -> (site: RenderedSite, diagnostics: [Diagnostic]) {
        let result = try renderSiteWithSources(options)
        return (result.site, result.diagnostics)
    }

    /// The steps up to render, and the sources and templates they read (for `parley check`, which points back into them).
    static func renderSiteWithSources(
        _ options: Options
    ) throws(BuildFailure) -> (
        site: RenderedSite, diagnostics: [Diagnostic], sources: LoadedSite, templates: SiteTemplates
    ) {
        let outcome = run(options, changed: nil, state: State(keepsRecord: false), to: .memory)
        guard !outcome.diagnostics.hasErrors, let site = outcome.rendered, let sources = outcome.sources,
            let templates = outcome.templates
        else {
            throw BuildFailure(outcome.diagnostics)
        }
        return (site, outcome.diagnostics, sources, templates)
    }
}

/// Wall time of each named step, told to the run's progress as each starts and ends.
struct StepTimer {
    private(set) var steps: [(name: String, seconds: Double)] = []
    var progress: BuildProgress?

    mutating func time<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        progress?.begin(name)
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            steps.append((name, seconds))
            progress?.end(name, seconds: seconds)
        }
        return try body()
    }
}
