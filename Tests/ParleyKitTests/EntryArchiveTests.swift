import Foundation
import Testing
@testable import ParleyKit

/// The parsed entries a build keeps in `.parley-cache/entries-v3`: what is read back is what was parsed, a new
/// process parses only what changed, and a damaged or stale archive is never trusted.
@Suite struct EntryArchiveTests {
    static func roundTrip(_ result: (Entry?, [Diagnostic])) throws -> (Entry?, [Diagnostic]) {
        var writer = ArchiveWriter()
        EntryArchive.write(result, to: &writer)
        return try writer.bytes.withUnsafeBytes { bytes in
            var reader = ArchiveReader(bytes)
            let back = try EntryArchive.readResult(&reader)
            #expect(reader.isAtEnd)
            return back
        }
    }

    @Test func everyParsedEntryAndDiagnosticReadsBackEqual() throws {
        let (loaded, _) = SiteLoader.load(root: Fixtures.basicSite)
        let site = try #require(loaded)
        let section = try #require(site.config.sections.first)
        var files = site.entries
        // Files with errors and warnings too, so that diagnostics and a missing entry are covered.
        files.append(
            EntryFile(
                source: SourceFile(
                    path: "Content/rounds/bad.md",
                    text: "---\ntitle: Bad\ndate: 2022-13\ntittle: x\n---\nBody [@nobody].\n"),
                section: section.name, slug: "bad"))
        for file in files {
            let section = site.config.section(named: file.section) ?? section
            let parsed = EntryParser.parse(
                file, section: section, options: MarkdownOptions(site: site.config), authorLabel: { "Label of \($0)" })
            let back = try Self.roundTrip(parsed)
            #expect(back.0 == parsed.0, "\(file.source.path)")
            #expect(back.1 == parsed.1, "\(file.source.path)")
        }
        #expect(files.count > 5)
    }

    /// A paragraph is often one long line holding several citations and links: its text is in the record once.
    @Test func aLineWithManyCitationsAndLinksIsWrittenOnce() throws {
        let line =
            String(repeating: "A long sentence of the paragraph. ", count: 30) + "[@a] and [@b], then [[c]] and [@d]."
        let file = EntryFile(
            source: SourceFile(path: "Content/rounds/x.md", text: "---\ntitle: X\n---\n" + line + "\n"),
            section: "rounds", slug: "x")
        let parsed = EntryParser.parse(file, section: SectionConfig(name: "rounds"), options: MarkdownOptions())
        #expect(parsed.0?.body.citations.count == 3 && parsed.0?.body.links.count == 1)
        var writer = ArchiveWriter()
        EntryArchive.write(parsed, to: &writer)
        let html = try #require(parsed.0?.body.html).utf8.count
        #expect(writer.bytes.count < html + line.utf8.count + 1_000)
        #expect(try Self.roundTrip(parsed).0 == parsed.0)
    }

    @Test(arguments: [
        Timestamp(day: EntryDate(year: 2024, month: 5, day: 1)),
        Timestamp(day: EntryDate(year: 2022, month: 2, day: 28), secondsOfDay: 3_600 * 13 + 7, offset: -5 * 3_600),
        Timestamp(day: EntryDate(year: 1999, month: 12, day: 31), secondsOfDay: 0, offset: 0),
    ])
    func timestampsReadBackEqual(_ time: Timestamp) throws {
        var writer = ArchiveWriter()
        EntryArchive.write(time, to: &writer)
        let back = try writer.bytes.withUnsafeBytes { bytes in
            var reader = ArchiveReader(bytes)
            return try EntryArchive.readTimestamp(&reader)
        }
        #expect(back == time)
    }

    @Test(arguments: [0, 1, -1, 63, 64, -65, 127, 128, 300, -300, Int.max, Int.min, 1 << 40])
    func integersReadBackEqual(_ value: Int) throws {
        var writer = ArchiveWriter()
        writer.int(value)
        writer.word(UInt64(bitPattern: Int64(value)))
        let (int, word, atEnd) = try writer.bytes.withUnsafeBytes { bytes in
            var reader = ArchiveReader(bytes)
            return (try reader.int(), try reader.word(), reader.isAtEnd)
        }
        #expect(int == value && word == UInt64(bitPattern: Int64(value)) && atEnd)
    }

    @Test func truncatedBytesThrowInsteadOfReadingPastTheEnd() throws {
        let (loaded, _) = SiteLoader.load(root: Fixtures.basicSite)
        let site = try #require(loaded)
        let file = try #require(site.entries.first)
        let parsed = EntryParser.parse(
            file, section: site.config.section(named: file.section)!, options: MarkdownOptions(site: site.config))
        var writer = ArchiveWriter()
        EntryArchive.write(parsed, to: &writer)
        for length in stride(from: 0, to: writer.bytes.count, by: max(1, writer.bytes.count / 97)) {
            let prefix = Array(writer.bytes.prefix(length))
            prefix.withUnsafeBytes { bytes in
                var reader = ArchiveReader(bytes)
                #expect(throws: ArchiveReader.Malformed.self) { try EntryArchive.readResult(&reader) }
            }
        }
    }

    /// A build in a new process takes every unchanged entry from the archive and parses only the edited one,
    /// and writes what a whole build writes (``BuildCacheTests`` checks that over every kind of edit).
    @Test func aNewProcessParsesOnlyTheChangedEntry() throws {
        let site = BuildCacheTests.copyOfFixture()
        let first = try BuildCacheTests.build(site)
        #expect(first.entriesReused == 0 && first.entriesParsed > 5)
        let archive = site.url.appendingPathComponent(BuildSession.cacheFolderName + "/" + BuildSession.entriesFileName)
        #expect(FileManager.default.fileExists(atPath: archive.path))

        _ = BuildSessionTests.append("Content/rounds/beta-talks.md", "\nA new paragraph.\n")(site)
        let second = try BuildCacheTests.build(site)
        #expect(second.entriesParsed == 1 && second.entriesReused == first.entriesParsed - 1)
        let unchanged = try BuildCacheTests.build(site)
        #expect(unchanged.entriesParsed == 0 && unchanged.pagesRendered == 0)
        let whole = try BuildCacheTests.wholeBuild(of: site)
        #expect(Snapshot.take(site.url.appendingPathComponent("Public")).filter { !$0.key.hasPrefix(".") } == whole)

        // Settings that change how bodies render mean every entry is parsed again.
        _ = BuildSessionTests.append("Content/site.yaml", "smart-punctuation: false\n")(site)
        let resettled = try BuildCacheTests.build(site)
        #expect(
            resettled.entriesReused == 0,
            "\(resettled.entriesReused) entries taken from an archive made with other settings")
        let wholeAgain = try BuildCacheTests.wholeBuild(of: site)
        #expect(
            Snapshot.take(site.url.appendingPathComponent("Public")).filter { !$0.key.hasPrefix(".") } == wholeAgain)
    }

    @Test func aDamagedOrForeignArchiveIsIgnored() throws {
        let site = BuildCacheTests.copyOfFixture()
        let first = try BuildCacheTests.build(site)
        let archive = site.url.appendingPathComponent(BuildSession.cacheFolderName + "/" + BuildSession.entriesFileName)
        let good = try Data(contentsOf: archive)
        let headerLength = ArchivedEntries.header.utf8.count
        var index = good
        index[good.count - 20] ^= 0x20  // inside the index, which the records come before
        var foreign = good
        foreign.replaceSubrange(
            0..<headerLength,
            with: Data(
                ArchivedEntries.header.replacingOccurrences(of: Parley.build, with: Parley.version + "+another-build")
                    .utf8))
        for (name, damaged) in [
            ("empty", Data()), ("truncated", good.prefix(good.count - 9)), ("index changed", index),
            ("another version", foreign), ("garbage", Data("parley-entries 2 garbage".utf8)),
        ] {
            try damaged.write(to: archive)
            #expect(ArchivedEntries.load(from: archive.deletingLastPathComponent()) == nil, "\(name)")
            _ = BuildSessionTests.append("Content/rounds/alpha-talks.md", "\nMore.\n")(site)
            let result = try BuildCacheTests.build(site)
            #expect(
                result.succeeded && result.entriesReused == 0 && result.entriesParsed == first.entriesParsed, "\(name)")
            let whole = try BuildCacheTests.wholeBuild(of: site)
            #expect(
                Snapshot.take(site.url.appendingPathComponent("Public")).filter { !$0.key.hasPrefix(".") } == whole,
                "\(name)")
            #expect(
                ArchivedEntries.load(from: archive.deletingLastPathComponent()) != nil,
                "a sound archive is written again")
        }

        // A damaged record is parsed again; the others are still used.
        var record = try Data(contentsOf: archive)
        record[headerLength + 3] ^= 0x20  // inside the first record
        try record.write(to: archive)
        #expect(ArchivedEntries.load(from: archive.deletingLastPathComponent()) != nil)
        let result = try BuildCacheTests.build(site)
        #expect(result.entriesParsed == 1 && result.entriesReused == first.entriesParsed - 1)
        // The damaged record is not copied into the new archive: the next build takes every entry from it.
        #expect(try BuildCacheTests.build(site).entriesParsed == 0)
        let whole = try BuildCacheTests.wholeBuild(of: site)
        #expect(Snapshot.take(site.url.appendingPathComponent("Public")).filter { !$0.key.hasPrefix(".") } == whole)
    }
}
