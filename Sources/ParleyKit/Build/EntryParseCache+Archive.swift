import Foundation

/// The parsed entries a build leaves in the cache folder (`.parley-cache/entries-v1`), so that the next
/// build, in a new process, parses only the files that changed.
///
/// The file is a header line (format and Parley's version), then the number of files and each file's path,
/// key and parse (``EntryArchive``), then a hash of all of these. A missing, truncated, damaged or foreign file is ignored and
/// every entry is parsed. An entry is taken from it only when its key, which covers the file's text, section,
/// git dates and the settings it was parsed with, is the one the file has now.
struct ArchivedEntries: @unchecked Sendable {
    // Unchecked Sendable: `data` is never changed after `load`, and is only read, from any thread.
    struct Record {
        var key: UInt64
        var range: Range<Int>
    }

    static let fileName = "entries-v1"
    static var header: String { "parley-entries 1 parley=\(Parley.version)\n" }

    private let data: Data
    let records: [String: Record]

    /// The parse of one record; nil when it does not decode.
    func result(_ record: Record) -> (Entry?, [Diagnostic])? {
        data.withUnsafeBytes { buffer in
            var reader = ArchiveReader(UnsafeRawBufferPointer(rebasing: buffer[record.range]))
            guard let result = try? EntryArchive.readResult(&reader), reader.isAtEnd else { return nil }
            return result
        }
    }

    /// A record's bytes as they are in the file, when it holds `path` with this key.
    func bytes(of path: String, key: UInt64) -> [UInt8]? {
        guard let record = records[path], record.key == key else { return nil }
        return data.withUnsafeBytes { Array($0[record.range]) }
    }

    /// The archive in `folder`, if there is a sound one from this version of Parley.
    static func load(from folder: URL) -> ArchivedEntries? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName), options: .alwaysMapped) else { return nil }
        let header = Array(Self.header.utf8)
        guard data.count >= header.count + 8, data.starts(with: header) else { return nil }
        return data.withUnsafeBytes { buffer -> ArchivedEntries? in
            var reader = ArchiveReader(UnsafeRawBufferPointer(rebasing: buffer[..<(buffer.count - 8)]), from: header.count)
            var hasher = KeyHasher()
            var records: [String: Record] = [:]
            do {
                let count = try reader.count()
                hasher.combine(count)
                records.reserveCapacity(count)
                for _ in 0..<count {
                    let path = try reader.string()
                    let key = try reader.word()
                    let length = try reader.count()
                    let range = reader.offset..<reader.offset + length
                    try reader.skip(length)
                    hasher.combine(path)
                    hasher.combine(key)
                    hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: buffer[range]))
                    records[path] = Record(key: key, range: range)
                }
                guard reader.isAtEnd else { return nil }
                var trailer = ArchiveReader(UnsafeRawBufferPointer(rebasing: buffer[(buffer.count - 8)...]))
                guard try trailer.word() == hasher.finalized else { return nil }
            } catch {
                return nil
            }
            return ArchivedEntries(data: data, records: records)
        }
    }

    /// Writes every file's parse to `folder`, a batch of entries at a time, each entry encoded on its own core,
    /// through a temporary file and a rename so that a killed build never leaves half an archive.
    static func save(
        _ results: [(path: String, key: UInt64, result: (Entry?, [Diagnostic]))], to folder: URL, previous: ArchivedEntries? = nil
    ) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(fileName + ".tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(temporary) }
        var closed = false
        defer { if !closed { close(descriptor); unlink(temporary.path) } }
        func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 { if errno == EINTR { continue }; throw failure(temporary) }
                    offset += written
                }
            }
        }

        let sorted = results.sorted { $0.path < $1.path }
        var hasher = KeyHasher()
        var head = ArchiveWriter()
        head.int(sorted.count)
        hasher.combine(sorted.count)
        try write(Array(header.utf8) + head.bytes)
        var start = 0
        while start < sorted.count {
            let batch = Array(sorted[start..<min(start + 512, sorted.count)])
            let encoded = batch.parallelMap { item -> [UInt8] in
                if let previous, let bytes = previous.bytes(of: item.path, key: item.key) { return bytes }
                var writer = ArchiveWriter()
                EntryArchive.write(item.result, to: &writer)
                return writer.bytes
            }
            var chunk = ArchiveWriter()
            for (item, record) in zip(batch, encoded) {
                chunk.string(item.path)
                chunk.word(item.key)
                chunk.int(record.count)
                chunk.bytes(record)
                hasher.combine(item.path)
                hasher.combine(item.key)
                record.withUnsafeBytes { hasher.combine(bytes: $0) }
            }
            try write(chunk.bytes)
            start += batch.count
        }
        var trailer = ArchiveWriter()
        trailer.word(hasher.finalized)
        try write(trailer.bytes)
        closed = true
        guard close(descriptor) == 0 else { unlink(temporary.path); throw failure(temporary) }
        guard rename(temporary.path, folder.appendingPathComponent(fileName).path) == 0 else {
            unlink(temporary.path)
            throw failure(folder.appendingPathComponent(fileName))
        }
    }

    private static func failure(_ url: URL) -> OutputWriter.WriteError {
        OutputWriter.WriteError(description: "\(url.path): \(String(cString: strerror(errno)))")
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
