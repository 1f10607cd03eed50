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
        let file = try FileOutput(path: path)
        try file.write(bytes)
        try file.close()
    }
}

/// A file written in pieces, for files too large to assemble in memory first (the build cache's archive).
/// Errors say why, not where: callers name the file as the user knows it.
final class FileOutput {
    private var descriptor: Int32

    /// Creates or truncates the file at `path`.
    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure() }
    }

    deinit { if descriptor >= 0 { Foundation.close(descriptor) } }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    func write(_ raw: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < raw.count {
            let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.failure()
            }
            offset += written
        }
    }

    func close() throws {
        let result = Foundation.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw Self.failure() }
    }

    private static func failure() -> WriteError {
        WriteError(description: String(cString: strerror(errno)))
    }
}

/// A file that could not be written or read, with the path as the user knows it and why.
struct WriteError: Error, CustomStringConvertible, LocalizedError {
    var description: String
    var errorDescription: String? { description }
}
