import Foundation
import Testing
@testable import ParleyWatch

@Suite struct DirectoryListingTests {
    /// Many long names fill readdir's buffer to its end; copying a record's whole `d_name` out of it crashed
    /// the watcher on the 10,000-entry benchmark site. Every name must come back, exactly.
    @Test func listsEveryNameOfABigFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parley-listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var expected: Set<String> = []
        for index in 0..<3000 {
            let name = String(repeating: "industrial-arbitration-", count: 1 + index % 9) + "\(index)-Київ.md"
            FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: nil)
            expected.insert(name)
        }
        #expect(Set(DirectoryListing.names(atPath: folder.path)) == expected)
        #expect(DirectoryListing.names(atPath: folder.appendingPathComponent("missing").path).isEmpty)
    }
}
