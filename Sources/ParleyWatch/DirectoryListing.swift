#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the names in a folder with `readdir`, tolerating folders that vanish or cannot be read.
enum DirectoryListing {
    /// The names in the folder at `path` (without `.` and `..`), or an empty list when it cannot be read.
    static func names(atPath path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(directory) {
            // Read the name in place: a record is only as long as its name, so copying the whole 256-byte
            // `d_name` out of `pointee` can read past the end of readdir's buffer (a crash seen on large folders).
            let name = String(
                cString: UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." {
                names.append(name)
            }
        }
        return names
    }
}
