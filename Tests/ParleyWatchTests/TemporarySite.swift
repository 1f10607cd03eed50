import Foundation

// File-scope wrappers: inside TemporarySite, `write` and `rename` name its own methods.
private func systemWrite(_ descriptor: Int32, _ bytes: [UInt8], _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private func systemRename(_ path: String, _ newPath: String) -> Int32 {
    rename(path, newPath)
}

/// A site root in a fresh temporary folder, with helpers that change files the ways editors do.
struct TemporarySite {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-watch-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func url(_ path: String) -> URL {
        root.appendingPathComponent(path)
    }

    /// Writes in place (open, truncate, write, close), creating parent folders as needed.
    func write(_ path: String, _ text: String) throws {
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Not FileManager.createFile or Data.write(.atomic): those write a temporary file and rename it.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard systemWrite(descriptor, bytes, bytes.count) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }

    func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(at: url(path), withIntermediateDirectories: true)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url(path))
    }

    /// Renames with rename(2), replacing the destination atomically as editors' safe saves do.
    func rename(_ path: String, to newPath: String) throws {
        guard systemRename(url(path).path, url(newPath).path) == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    func delete() {
        try? FileManager.default.removeItem(at: root)
    }
}
