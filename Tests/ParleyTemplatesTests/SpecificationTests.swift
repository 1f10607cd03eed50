import Foundation
import Testing
@testable import ParleyTemplates

/// The official Mustache specification's tests (v1.4: the required modules, inheritance and dynamic names),
/// copied with their MIT licence into `Tests/Fixtures/mustache-spec/`: 184 of 184 must pass.
@Suite struct SpecificationTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var desc: String
        var data: Value
        var template: String
        var partials: [String: String]?
        var expected: String
        var module = ""

        enum CodingKeys: String, CodingKey { case name, desc, data, template, partials, expected }

        var testDescription: String { "\(module): \(name)" }
    }

    struct Module: Decodable { var tests: [Case] }

    static let modules = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance", "~dynamic-names",
    ]

    /// The suite's folder, in the repository's test fixtures.
    static let folder: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/mustache-spec")
    }()

    static let cases: [Case] = modules.flatMap { module -> [Case] in
        let url = folder.appendingPathComponent(module + ".json")
        guard let data = try? Data(contentsOf: url),
            let tests = try? JSONDecoder().decode(Module.self, from: data).tests
        else { return [] }
        return tests.map {
            var test = $0
            test.module = module
            return test
        }
    }

    @Test func theWholeSuiteIsThere() {
        // Fails, rather than passing on nothing, when the fixtures are missing.
        #expect(Self.cases.count == 184, "read \(Self.cases.count) tests from \(Self.folder.path)")
        #expect(
            Dictionary(grouping: Self.cases, by: \.module).mapValues(\.count) == [
                "comments": 12, "delimiters": 14, "interpolation": 42, "inverted": 22, "partials": 12, "sections": 34,
                "~inheritance": 27, "~dynamic-names": 21,
            ])
    }

    @Test(arguments: cases)
    func conforms(_ test: Case) throws {
        var templates = test.partials ?? [:]
        templates["(test)"] = test.template
        let library = TemplateLibrary(templates)
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
        let output = try library.render("(test)", test.data)
        #expect(output == test.expected, "\(test.desc)")
    }
}
