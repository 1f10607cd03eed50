import Foundation
import Testing

/// The publish workflow `parley new` writes: present, publishing with the Parley action, and beside a site that
/// passes the checks it runs.
@Suite struct NewSiteWorkflowTests {
    @Test func aNewSiteHasAPublishWorkflowAndPassesItsChecks() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("parley-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let created = try CLITests.parley("new", "site", in: parent)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.text.contains(".github/workflows/publish.yml"))

        let site = parent.appendingPathComponent("site")
        let workflow = try String(
            contentsOf: site.appendingPathComponent(".github/workflows/publish.yml"), encoding: .utf8)
        // What the workflow does, step by step.
        for line in [
            "branches: [main]", "pull_request:", "workflow_dispatch:",
            "uses: actions/checkout@v6", "fetch-depth: 0",
            "uses: parley-ssg/parley@v1",
            "uses: actions/cache@v5", ".parley-cache", "Public",
            "uses: actions/configure-pages@v6",
            "run: parley build ${BASE_URL:+--base-url \"$BASE_URL\"}",
            "run: parley check --strict --format github ${BASE_URL:+--base-url \"$BASE_URL\"}",
            "uses: actions/upload-pages-artifact@v5", "uses: actions/deploy-pages@v5",
            "pages: write", "id-token: write",
        ] {
            #expect(workflow.contains(line), "the workflow has no '\(line)'")
        }
        // Only pushes to main and manual runs publish: both Pages steps and the deploy job skip pull requests.
        #expect(workflow.components(separatedBy: "if: github.event_name != 'pull_request'").count - 1 == 3)

        // The site builds and passes what the workflow checks, with a Pages address as the base URL.
        let base = "https://owner.github.io/repository/"
        let build = try CLITests.parley("build", "--base-url", base, in: site)
        #expect(build.status == 0 && build.stderr.isEmpty, "\(build.stderr)")
        let check = try CLITests.parley("check", "--strict", "--format", "github", "--base-url", base, in: site)
        #expect(check.status == 0, "\(check.text)\(check.stderr)")
        #expect(check.text.isEmpty, "no annotations: \(check.text)")
        let feed = try String(contentsOf: site.appendingPathComponent("Public/feed.xml"), encoding: .utf8)
        #expect(feed.contains(base + "events/first-event/"))
        // The workflow is the site's, not a page of it.
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/.github").path))
    }
}
