import ArgumentParser
import ParleyKit

/// `--base-url URL`: the address the site is published at, instead of site.yaml's `base-url`.
struct BaseURLOption: ParsableArguments {
    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp(
            "The address the site is published at (an absolute http or https URL), instead of site.yaml's base-url.",
            valueName: "url"))
    var baseURL: String?

    func validate() throws {
        if let baseURL, baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://"),
            let problem = BaseURL.problem(baseURL)
        {
            throw ValidationError("--base-url must be the address of the site's folder, not '\(baseURL)': \(problem)")
        }
        if let baseURL, Pipeline.Options.normalizedBaseURL(baseURL) == nil {
            throw ValidationError(
                "--base-url must be an absolute http or https address, such as https://example.org/reference/, not '\(baseURL)'"
            )
        }
    }

    /// The URL as the build uses it, ending in `/`.
    var normalized: String? { baseURL.flatMap(Pipeline.Options.normalizedBaseURL) }
}
