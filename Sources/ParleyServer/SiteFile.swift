#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open regular file of the site: its headers and its bytes come from the same inode.
final class SiteFile {
    /// The file shrank while it was being read; the response is abandoned and the page reloads after the build anyway.
    struct ReadError: Error {}

    let size: Int
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int
    let inode: UInt64
    private let descriptor: Int32

    /// Opens a file found by `SiteFolder`; nil if it vanished or is no longer a regular file.
    init?(realPath: String) {
        let descriptor = open(realPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
        #if canImport(Darwin)
            modifiedSeconds = Int(info.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
            modifiedSeconds = Int(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }

    deinit {
        close(descriptor)
    }

    /// A strong validator from size, modification time to the nanosecond and inode, plus `variant` (the live-reload script's version for pages).
    func entityTag(variant: String? = nil) -> String {
        var tag =
            "\(String(size, radix: 16))-\(String(modifiedSeconds, radix: 16))."
            + "\(String(modifiedNanoseconds, radix: 16))-\(String(inode, radix: 16))"
        if let variant {
            tag += "-" + variant
        }
        return "\"" + tag + "\""
    }

    /// The `Last-Modified` value.
    var lastModified: String { HTTPDate.format(modifiedSeconds) }

    /// The bytes in `span` (the whole file by default); throws if the file has become shorter.
    func read(_ span: Range<Int>? = nil) throws -> [UInt8] {
        let span = span ?? 0..<size
        var bytes = [UInt8](repeating: 0, count: span.count)
        var done = 0
        while done < span.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, span.count - done, off_t(span.lowerBound + done))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw ReadError() }
            done += count
        }
        return bytes
    }
}
