import Foundation

/// The parsed entries a build leaves in the cache folder (`.parley-cache/entries-v3`), so that the next
/// build, in a new process, parses only the files that changed.
///
/// The file is a header line (format and Parley's version); the records (``EntryArchive``), one after
/// another; an index of every file's path, key, record hash and record length, with a hash of the index; and
/// last, where the index starts. A
/// missing, truncated or foreign file, or one whose index does not match its hash, is ignored and every entry
/// is parsed. A record is used only when its file's key, which covers the file's text, section, git dates and
/// the settings it was parsed with, is the one the file has now, and when its bytes match their hash; a record
/// that does not is parsed again. Records are checked and decoded as they are used, on every core.
struct ArchivedEntries: @unchecked Sendable {
    // Unchecked Sendable: `data` is never changed after `load`, and is only read, from any thread.
    struct Record {
        var key: CacheKey
        var hash: CacheKey
        var range: Range<Int>
    }

    static let fileName = "entries-v3"
    static var header: String { "parley-entries 8 parley=\(Parley.build)\n" }

    fileprivate let data: Data
    let records: [String: Record]

    /// The parse of one record; nil when its bytes do not match their hash or do not decode.
    func result(_ record: Record) -> (Entry?, [Diagnostic])? {
        data.withUnsafeBytes { buffer in
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[record.range])
            guard Self.hash(bytes) == record.hash else { return nil }
            var reader = ArchiveReader(bytes)
            guard let result = try? EntryArchive.readResult(&reader), reader.isAtEnd else { return nil }
            return result
        }
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> CacheKey { KeyHasher.bytes(bytes) }

    /// The archive in `folder`, if there is a sound one from this version of Parley. Only the index is read
    /// here; the file is mapped, not copied, and each record is checked when it is used.
    static func load(from folder: URL) -> ArchivedEntries? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName), options: .alwaysMapped) else {
            return nil
        }
        let header = Array(Self.header.utf8)
        guard data.count > header.count, data.starts(with: header) else { return nil }
        return data.withUnsafeBytes { buffer -> ArchivedEntries? in
            var records: [String: Record] = [:]
            do {
                guard buffer.count >= header.count + 8 else { return nil }
                var trailer = ArchiveReader(buffer, from: buffer.count - 8)
                let indexStart = Int(truncatingIfNeeded: try trailer.word())
                guard indexStart >= header.count, indexStart <= buffer.count - 8 else { return nil }
                var reader = ArchiveReader(
                    UnsafeRawBufferPointer(rebasing: buffer[..<(buffer.count - 8)]), from: indexStart)
                let count = try reader.count()
                var index = KeyHasher()
                index.combine(count)
                records.reserveCapacity(count)
                var offset = header.count
                for _ in 0..<count {
                    let (path, key, hash, length) = (
                        try reader.string(), try reader.key(), try reader.key(), try reader.int()
                    )
                    guard length >= 0, length <= indexStart - offset else { return nil }
                    index.combine(path)
                    index.combine(key)
                    index.combine(hash)
                    index.combine(length)
                    records[path] = Record(key: key, hash: hash, range: offset..<offset + length)
                    offset += length
                }
                guard offset == indexStart, try reader.key() == index.finalized, reader.isAtEnd else { return nil }
            } catch {
                return nil
            }
            return ArchivedEntries(data: data, records: records)
        }
    }

    /// Writes every file's parse to `folder` through a temporary file and a rename, so that a killed build never
    /// leaves half an archive. The record of an entry that this build took from `previous` (so its bytes were
    /// checked) is written from there as it is; the others are encoded, a batch at a time, each on its own core.
    static func save(
        _ results: [(path: String, key: CacheKey, result: (Entry?, [Diagnostic]))], to folder: URL,
        previous: (archive: ArchivedEntries, used: Set<String>)? = nil
    ) throws {
        let sorted = results.sorted { $0.path < $1.path }
        func reusable(_ item: (path: String, key: CacheKey, result: (Entry?, [Diagnostic]))) -> Record? {
            guard let previous, previous.used.contains(item.path), let record = previous.archive.records[item.path],
                record.key == item.key
            else { return nil }
            return record
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(fileName + ".tmp")
        do {
            let file = try FileOutput(path: temporary.path)
            var offset = header.utf8.count
            try file.write(Array(header.utf8))
            var head = ArchiveWriter()
            var index = KeyHasher()
            head.int(sorted.count)
            index.combine(sorted.count)
            // A batch at a time, so that no more than a batch of records is held in memory.
            var start = 0
            while start < sorted.count {
                let batch = sorted[start..<min(start + 512, sorted.count)]
                let records = batch.map(reusable)
                let encoded = zip(batch, records).map { ($0, $1) }.parallelMap { item, record -> [UInt8]? in
                    guard record == nil else { return nil }
                    var writer = ArchiveWriter()
                    EntryArchive.write(item.result, to: &writer)
                    return writer.bytes
                }
                for ((item, record), bytes) in zip(zip(batch, records), encoded) {
                    let (hash, length): (CacheKey, Int)
                    if let bytes {
                        try file.write(bytes)
                        (hash, length) = (bytes.withUnsafeBytes(Self.hash), bytes.count)
                    } else if let record, let previous {
                        try previous.archive.data.withUnsafeBytes {
                            try file.write(UnsafeRawBufferPointer(rebasing: $0[record.range]))
                        }
                        (hash, length) = (record.hash, record.range.count)
                    } else {
                        continue
                    }
                    offset += length
                    head.string(item.path)
                    head.key(item.key)
                    head.key(hash)
                    head.int(length)
                    index.combine(item.path)
                    index.combine(item.key)
                    index.combine(hash)
                    index.combine(length)
                }
                start += batch.count
            }
            head.key(index.finalized)
            head.word(UInt64(offset))
            try file.write(head.bytes)
            try file.close()
        } catch {
            unlink(temporary.path)
            throw WriteError(description: "\(temporary.path): \(error)")
        }
        guard rename(temporary.path, folder.appendingPathComponent(fileName).path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw WriteError(description: "\(folder.appendingPathComponent(fileName).path): \(reason)")
        }
    }
}

extension EntryParseCache {
    /// Takes the entries a previous build saved in `folder`, for the next parse.
    func loadArchive(from folder: URL) {
        archive = ArchivedEntries.load(from: folder)
    }

    /// Saves the entries of the last parse to `folder`, unless the archive there already holds them all.
    func saveArchive(to folder: URL) throws {
        guard !archiveIsCurrent else { return }
        try ArchivedEntries.save(results, to: folder, previous: savedArchive)
        savedArchive = nil
        archiveIsCurrent = true
    }
}
