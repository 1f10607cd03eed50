import Foundation
import Testing
@testable import ParleyKit

/// The spare's record is read back exactly as it was written, and anything else (cut short, a changed path that
/// leaves the folder, a name with a slash at the top) is no record at all, so that the spare is never taken.
@Suite struct SpareOutputRecordTests {
    static let record = SpareOutput(
        device: 2049, inode: 123_456, time: timespec(tv_sec: 1_765_000_000, tv_nsec: 123_456_789),
        top: ["index.html": 11, "rounds": 12, ".parley-output": 13], changed: ["rounds/a/index.html", "index.html"],
        foldersFile: 42)

    @Test func aRecordIsReadBackAsWritten() {
        #expect(SpareOutput.parse(Data(Self.record.text().utf8)) == Self.record)
        var empty = Self.record
        empty.changed = []
        empty.top = [:]
        #expect(SpareOutput.parse(Data(empty.text().utf8)) == empty)
    }

    /// The list of folders is read back as written, and only by a record that names it.
    @Test func theListOfFoldersIsReadOnlyByItsRecord() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-spare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let spare = folder.appendingPathComponent("output-spare")
        let folders = ["rounds", "rounds/a", "уроки/б"]
        let file = try #require(SpareOutput.writeFolders(folders, for: spare))
        #expect(SpareOutput.loadFolders(spare, file: file) == folders)
        #expect(SpareOutput.loadFolders(spare, file: file + 1) == nil)
        let written = try Data(contentsOf: SpareOutput.foldersURL(spare))
        try written.dropLast(2).write(to: SpareOutput.foldersURL(spare))
        var info = stat()
        _ = stat(SpareOutput.foldersURL(spare).path, &info)
        #expect(SpareOutput.loadFolders(spare, file: UInt64(info.st_ino)) == nil, "a list cut short")
    }

    @Test func aRecordCutShortIsNone() {
        let data = Data(Self.record.text().utf8)
        for length in stride(from: 0, to: data.count, by: 7) {
            #expect(SpareOutput.parse(data.prefix(length)) == nil, "cut at \(length)")
        }
    }

    @Test(arguments: ["../Content/site.yaml", "/etc/passwd", "a//b", "a/./b", "a/../../b", ""])
    func aChangedPathOutsideTheFolderIsNoRecord(path: String) {
        var record = Self.record
        record.changed = [path]
        #expect(SpareOutput.parse(Data(record.text().utf8)) == nil)
    }

    @Test func aTopLevelNameWithASlashIsNoRecord() {
        var record = Self.record
        record.top = ["a/b": 1]
        #expect(SpareOutput.parse(Data(record.text().utf8)) == nil)
    }
}
