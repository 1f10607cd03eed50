import Foundation
import Testing

extension CLITests {
    // MARK: render --table

    static let cmarkGFM: URL? = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm", "/opt/homebrew/bin/cmark-gfm"]
        .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    /// Set by `.ci/run`: there the command must be installed (`make deps` installs it), and the test never skips.
    static let requiresCmarkGFM = ProcessInfo.processInfo.environment["PARLEY_REQUIRE_CMARK_GFM"] == "1"

    struct TableCase: Decodable {
        var name: String
        var markdown: String
        var html: String
    }

    /// The GFM specification's table examples and Parley's own cases (`tools/gfm_tables_fixture.py`).
    static let tableCases: [TableCase] = {
        struct Fixture: Decodable { var cases: [TableCase] }
        let data = try! Data(contentsOf: fixtures.appendingPathComponent("gfm-tables.json"))
        return try! JSONDecoder().decode(Fixture.self, from: data).cases
    }()

    @Test(
        .enabled(
            if: cmarkGFM != nil || requiresCmarkGFM,
            "the cmark-gfm command is not installed (make deps, or apt-get install cmark-gfm): not compared"),
        arguments: [[], ["--smart"], ["--unsafe"], ["--hardbreaks"], ["--smart", "--unsafe", "--nobreaks"]])
    func renderTableIsByteIdenticalToCmarkGFM(flags: [String]) throws {
        let gfm = try #require(Self.cmarkGFM, "the cmark-gfm command is needed: apt-get install cmark-gfm")
        #expect(Self.tableCases.count >= 40)
        var mismatches: [String] = []
        for example in Self.tableCases {
            let input = Data(example.markdown.utf8)
            let ours = try Self.run(Self.binary, ["render", "--table"] + flags, input: input)
            let theirs = try Self.run(gfm, ["--extension", "table"] + flags, input: input)
            if ours.stdout != theirs.stdout || ours.status != 0 { mismatches.append(example.name) }
        }
        #expect(mismatches.isEmpty, "cases whose output differs from cmark-gfm's: \(mismatches)")
    }

    /// On the CommonMark specification's examples, `--table` changes nothing but the tables, which are cmark-gfm's.
    @Test(
        .enabled(
            if: cmarkGFM != nil || requiresCmarkGFM,
            "the cmark-gfm command is not installed (make deps, or apt-get install cmark-gfm): not compared"))
    func renderTableChangesOnlyTablesInTheCommonMarkSpecification() throws {
        let gfm = try #require(Self.cmarkGFM, "the cmark-gfm command is needed: apt-get install cmark-gfm")
        var mismatches: [Int] = []
        for example in Self.spec {
            let input = Data(example.markdown.utf8)
            let ours = try Self.run(Self.binary, ["render", "--table"], input: input)
            guard ours.text.contains("<table>") else {
                if try ours.stdout != Self.run(Self.binary, ["render"], input: input).stdout {
                    mismatches.append(example.example)
                }
                continue
            }
            if try ours.stdout != Self.run(gfm, ["--extension", "table"], input: input).stdout {
                mismatches.append(example.example)
            }
        }
        #expect(mismatches.isEmpty, "examples whose output differs: \(mismatches)")
    }

    @Test func renderTableRefusesSourcePositionsAndASite() throws {
        let positions = try Self.parley("render", "--table", "--sourcepos", input: Data("| a |\n| - |\n".utf8))
        #expect(positions.status != 0)
        #expect(positions.stderr.contains("--sourcepos cannot be combined with --table"))
        let site = try Self.parley(
            "render", "--table", "--site", Self.fixtures.appendingPathComponent("Sites/basic").path, input: Data())
        #expect(site.status != 0)
        #expect(try Self.parley("render", input: Data("| a |\n| - |\n".utf8)).text == "<p>| a |\n| - |</p>\n")
    }
}
