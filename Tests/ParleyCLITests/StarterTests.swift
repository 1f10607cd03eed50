import Foundation
import Testing
@testable import ParleyKit

/// The starter site is built into the program (the EmbedStarter plugin): `parley new` writes every file of
/// Sources/parley/Starter, dot files included, byte for byte, with nothing read from beside the binary.
@Suite struct StarterTests {
    static let starter = CLITests.repository.appendingPathComponent("Sources/parley/Starter")

    /// Every regular file under `folder`, by path relative to it, dot files included.
    static func files(under folder: URL) throws -> [String: Data] {
        let prefix = folder.standardizedFileURL.path + "/"
        var files: [String: Data] = [:]
        let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        for case let file as URL in walk!
        where try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            files[String(file.standardizedFileURL.path.dropFirst(prefix.count))] = try Data(contentsOf: file)
        }
        return files
    }

    @Test func newWritesEveryFileOfTheStarterFolder() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parley-starter-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let created = try CLITests.parley("new", "site", in: parent)
        #expect(created.status == 0, "\(created.stderr)")

        let source = try Self.files(under: Self.starter)
        var written = try Self.files(under: parent.appendingPathComponent("site"))
        #expect(source.keys.contains { $0.hasPrefix(".") }, "the starter has a dot file to carry")
        #expect(written.removeValue(forKey: ".gitignore") != nil)
        #expect(Set(written.keys) == Set(source.keys))
        for (path, contents) in source where path != ".github/workflows/publish.yml" {
            #expect(written[path] == contents, "\(path) differs from Sources/parley/Starter/\(path)")
        }
    }

    @Test func versionPrintsTheBuildsVersion() throws {
        let run = try CLITests.parley("--version")
        #expect(run.status == 0)
        #expect(run.text.hasPrefix("parley \(Parley.version) (build "), "\(run.text)")
        #expect(!Parley.version.hasPrefix("v") && !Parley.version.isEmpty)
        #expect(Parley.repository.split(separator: "/").count == 2)
    }
}
