/// `robots.txt`: every page may be crawled, and here is the sitemap. Written only when the site has a base URL,
/// since the sitemap's address must be absolute.
///
/// Crawlers read it only at the root of a host: a site published under a path (`https://example.org/talks/`)
/// needs the host's own `robots.txt` to name this sitemap.
enum RobotsPage {
    static let path = Routes.robots

    /// One `Sitemap:` line per edition: `sitemap.xml`, `uk/sitemap.xml`.
    static func page(_ site: ResolvedSite) -> PlannedPage? {
        guard let base = site.config.baseURL else { return nil }
        let sitemaps = site.config.editions.enumerated().map { index, edition in
            "Sitemap: " + base + (index == 0 ? "" : edition.language + "/") + Routes.sitemap + "\n"
        }
        let text = "User-agent: *\nAllow: /\n\n" + sitemaps.joined()
        return .data(path) { text }
    }
}
