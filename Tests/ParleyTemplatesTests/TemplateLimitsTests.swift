import Testing
@testable import ParleyTemplates

/// Nesting limits and linear work in the template engine.
@Suite struct TemplateLimitsTests {
    @Test(arguments: [101, 7_000, 100_000])
    func nestingPastTheLimitIsALocatedError(depth: Int) {
        let library = TemplateLibrary([
            "deep": String(repeating: "{{#a}}", count: depth) + String(repeating: "{{/a}}", count: depth)
        ])
        #expect(
            library.diagnostics.map(\.description) == [
                "deep:1:601: sections, blocks and parent tags nest more than 100 deep here (a template may nest them at most 100 deep; close some before opening more)"
            ])
    }

    @Test func nestingUpToTheLimitRenders() throws {
        let library = TemplateLibrary([
            "deep": String(repeating: "{{#a}}", count: 100) + "x" + String(repeating: "{{/a}}", count: 100)
        ])
        #expect(library.diagnostics.isEmpty)
        #expect(try library.render("deep", .map(["a": .bool(true)])) == "x")
    }

    @Test func aPartialThatIncludesItselfOverDataStopsWithAnError() {
        // Untyped data: the partial's recursion is known only when rendering.
        let library = TemplateLibrary(["node": "{{#a}}{{>node}}{{/a}}"])
        #expect(throws: RenderError.self) { try library.render("node", .map(["a": .bool(true)])) }
    }

    @Test func nestingCountsThroughPartialsWhenCompiling() {
        let library = TemplateLibrary([
            "outer": String(repeating: "{{#a}}", count: 60) + "{{>inner}}" + String(repeating: "{{/a}}", count: 60),
            "inner": String(repeating: "{{#a}}", count: 60) + "x" + String(repeating: "{{/a}}", count: 60),
        ])
        #expect(library.diagnostics.isEmpty)
        let (_, problems) = library.compile("outer", root: nil)
        // outer's sections are levels 1–60, the partial 61, inner's 40th section 101.
        #expect(problems.map { "\($0.template):\($0.line):\($0.column)" } == ["inner:1:235"])
    }

    /// The scanner reads each byte a bounded number of times: four times the tags on one line is about four
    /// times the work (counting columns for each tag from the line's start made it sixteen).
    @Test func scanningManyTagsOnOneLineIsLinear() {
        func steps(_ count: Int) -> Int {
            Parser.parse(String(repeating: "{{title}} ", count: count), name: "t", shift: 0).steps
        }
        let small = steps(2_000), large = steps(8_000)
        #expect(small > 0)
        #expect(large <= 5 * small, "\(small) → \(large)")
    }
}
