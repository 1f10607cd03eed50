import Foundation

/// Writes a file's bytes with plain `open`/`write`/`close`: no `fsync` and no copy into `Data`.
///
/// A static site is rebuilt from its sources, so there is nothing to gain from forcing each of its ten
/// thousand files to the disk; the folder swap (or the rename of each updated file) is what keeps the output
/// whole if a build stops half-way.
enum FileBytes {
    /// Creates or truncates `path` and writes `text`'s UTF-8 bytes to it; an error says why, not where.
    static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            offset += written
        }
    }

    /// The system's reason, without the path: callers name the file as the user knows it.
    private static func failure() -> OutputWriter.WriteError {
        OutputWriter.WriteError(description: String(cString: strerror(errno)))
    }
}
