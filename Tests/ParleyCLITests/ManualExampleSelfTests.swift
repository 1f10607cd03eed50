import CCmark
import Foundation
import Testing
import Yams
@testable import ParleyKit
@testable import ParleyTemplates

extension ManualExampleTests {
    @Test func everyCodeBlockHasAnInfoStringTheTestKnows() {
        let unknown = Self.allBlocks.filter { Self.kind(of: $0.info) == nil }
        #expect(
            unknown.isEmpty,
            """
            code blocks whose info string is not one of 'LANG file=PATH [example=NAME]', 'console [example=NAME]', \
            'yaml|markdown|mustache fragment', 'sh', 'text' (LANG: \(Self.languages.sorted().joined(separator: ", "))):
            \(unknown.map { "\($0.place): '\($0.info)'" }.joined(separator: "\n"))
            """)
    }

    @Test func everyFragmentParses() {
        let problems = Self.allBlocks.compactMap(Self.fragmentProblem)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(arguments: examples)
    func theExampleBuildsAndPrintsWhatThePageShows(_ example: Example) throws {
        let problems = try Self.run(example)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n\n"))")
    }

    // The harness itself: each of its checks can fail.

    @Test func infoStringsAreReadAsTheManualWritesThem() {
        #expect(
            Self.kind(of: "yaml file=Content/site.yaml")
                == .file(language: "yaml", path: "Content/site.yaml", example: "main"))
        #expect(
            Self.kind(of: "markdown file=Content/events/a.md example=broken")
                == .file(language: "markdown", path: "Content/events/a.md", example: "broken"))
        #expect(Self.kind(of: "console example=broken") == .console(example: "broken"))
        #expect(Self.kind(of: "mustache fragment") == .fragment(language: "mustache"))
        #expect(Self.kind(of: "sh") == .notRun)
        #expect(Self.kind(of: "text") == .notRun)
        for wrong in [
            "", "yaml", "python", "bash", "json fragment", "yaml file=../outside.yaml", "yaml file=/etc/passwd",
            "console file=x", "yaml file=a file=b", "text file", "sh example=x",
        ] {
            #expect(Self.kind(of: wrong) == nil, "'\(wrong)'")
        }
    }

    @Test func blocksAreFoundAsCommonMarkReadsThem() {
        let page = """
            ---
            title: A page
            ---
            Text.

            ~~~~yaml fragment
            a: 1
            ```
            ~~~~

            - In a list:

              ````console
              $ parley --version
              ````

            Outside the list.

                indented code

            ```text
            not closed until the end
            """
        let blocks = Self.blocks(page: "p.md", text: page)
        #expect(blocks.map(\.info) == ["yaml fragment", "console", "", "text"])
        #expect(blocks.map(\.line) == [6, 13, 19, 21])
        #expect(blocks[0].text == "a: 1\n```\n")
        #expect(blocks[1].text == "$ parley --version\n")
        #expect(Self.kind(of: blocks[2].info) == nil)
    }

    @Test func outputIsComparedLineByLineWithEllipses() {
        #expect(Self.matches("Built 12 pages in 0.31 s", "Built 12 pages in … s"))
        #expect(Self.matches("anything", "…"))
        #expect(!Self.matches("Built 12 pages in 0.31 s", "Built 13 pages in … s"))
        #expect(!Self.matches("ab", "a…b…c"))
        #expect(Self.matches("abc", "a…c"))
        #expect(!Self.matches("ac", "a…ac"))
        #expect(Self.differences(actual: ["a", "b"], expected: ["a"]) != nil)
        #expect(Self.differences(actual: ["a", "b 1 s"], expected: ["a", "b … s"]) == nil)
        #expect(Self.words("parley build -s 'my site'") == ["parley", "build", "-s", "my site"])
        #expect(Self.words("cat a | grep b") == nil)
    }

    @Test func aWrongOutputABrokenSiteAndAForeignCommandAreEachReportedAtTheirLine() throws {
        let page = """
            ---
            title: Scratch
            ---
            ```yaml file=Content/events/first-event.md example=broken
            ---
            title: [a list]
            ---
            ```

            ```console
            $ parley --version
            parley 0.0.0-not-this-one
            $ rm -rf Public
            ```

            ```markdown file=Content/events/second.md example=quiet
            ---
            title: [a list]
            ---
            ```
            """
        let examples = Self.examples(of: Self.blocks(page: "Documentation/Content/scratch.md", text: page))
        #expect(examples.map(\.name) == ["broken", "main", "quiet"])
        let main = try Self.run(examples[1])
        #expect(main.count == 2)
        #expect(
            main.first?.hasPrefix("Documentation/Content/scratch.md:11: '$ parley --version' printed something else")
                == true, "\(main)")
        #expect(main.last?.hasPrefix("Documentation/Content/scratch.md:13: 'rm' is not run") == true, "\(main)")
        // A file block that breaks the site, with no console block showing the failure: the example fails.
        let quiet = try Self.run(examples[2])
        #expect(quiet.count == 1)
        #expect(
            quiet.first?.hasPrefix("Documentation/Content/scratch.md:16: the example site 'quiet' does not build")
                == true, "\(quiet)")
    }

    @Test func theManualHasItsPages() {
        let paths = Set(Self.pages.map(\.path))
        for path in [
            "Documentation/Content/pages/manual.md", "Documentation/Content/reference/template-values.md",
            "Documentation/Content/reference/diagnostics.md",
        ] {
            #expect(paths.contains(path), "\(path)")
        }
    }
}
