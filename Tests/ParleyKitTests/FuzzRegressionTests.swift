import Foundation
import Testing
@testable import ParleyKit

/// Every input in Tests/Fixtures/fuzz-regressions/TARGET/ (what `make fuzz` found, and hostile inputs of known
/// shapes: deep nesting, long runs of one character, many tags) run through the same entry point as the fuzz
/// target TARGET: none may trap, and none may take long. The inputs listed in known.txt are findings not yet
/// fixed, skipped here (and left out of `make fuzz`'s seeds) until their line is deleted.
@Suite struct FuzzRegressionTests {
    static let folder = Fixtures.root.appendingPathComponent("fuzz-regressions")

    /// The `TARGET/FILE` lines of known.txt, without their comments.
    static let known: [String] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("known.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            return entry.split(whereSeparator: \.isWhitespace).first.map(String.init)
        }
    }()

    /// Every input as `TARGET/FILE`, sorted.
    static let inputs: [String] = {
        let manager = FileManager.default
        let targets = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        return targets.flatMap { target -> [String] in
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: folder.appendingPathComponent(target).path, isDirectory: &isFolder),
                isFolder.boolValue
            else { return [] }
            let files = (try? manager.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? []
            return files.filter { !$0.hasPrefix(".") }.map { "\(target)/\($0)" }
        }.sorted()
    }()

    /// Each input's run, and how long it took.
    static func replay(_ input: String) throws -> Duration {
        let target = String(input.split(separator: "/")[0])
        let run = try #require(FuzzEntryPoints.targets[target], "\(target) is not a fuzz target")
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(input)))
        return ContinuousClock().measure { run(bytes) }
    }

    @Test("a finding replays without trapping, in bounded time", arguments: inputs.filter { !known.contains($0) })
    func replays(_ input: String) throws {
        // `make fuzz` allows one second per input in a release build with the address sanitizer; a debug build
        // sharing the machine with the other tests is given ten.
        let elapsed = try Self.replay(input)
        #expect(elapsed < .seconds(10), "\(input) took \(elapsed)")
    }

    @Test(
        .disabled("findings not yet fixed: the inputs listed in Tests/Fixtures/fuzz-regressions/known.txt"),
        arguments: known)
    func knownFindings(_ input: String) throws {
        let elapsed = try Self.replay(input)
        #expect(elapsed < .seconds(10), "\(input) took \(elapsed)")
    }

    @Test("every folder is a fuzz target, and known.txt names inputs that exist")
    func folders() throws {
        #expect(!Self.inputs.isEmpty)
        for input in Self.inputs {
            let target = String(input.split(separator: "/")[0])
            #expect(FuzzEntryPoints.targets[target] != nil, "\(target) is not a fuzz target")
        }
        for input in Self.known {
            #expect(Self.inputs.contains(input), "known.txt names \(input), which is not in the folder")
        }
    }
}
