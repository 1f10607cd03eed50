#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files below a folder, read with `opendir`/`readdir` and the entry types they give: Foundation's
/// enumerator made a dictionary of attributes for every file, half of a cached build's load step.
enum FolderWalk {
    /// Relative paths of the files (not folders) below `folder`, unsorted; a folder whose name `skips` accepts
    /// is not entered, and a file whose name it accepts is left out. A symbolic link is listed as a file, never
    /// entered, so a link that loops cannot trap the walk.
    static func files(under folder: String, skipping skips: (String) -> Bool) -> [String] {
        var result: [String] = []
        walk(folder, prefix: "", skips: skips, into: &result)
        return result
    }

    private static func walk(_ folder: String, prefix: String, skips: (String) -> Bool, into result: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(directory) {
            // The name is read in place: a record is only as long as its name (see ParleyWatch's DirectoryListing).
            let name = String(cString: UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." || skips(name) { continue }
            let path = folder + "/" + name
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {  // file systems that do not fill in the type
                var info = stat()
                isFolder = lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder {
                walk(path, prefix: prefix + name + "/", skips: skips, into: &result)
            } else {
                result.append(prefix + name)
            }
        }
    }
}
