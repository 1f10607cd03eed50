#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files below a folder, read with `opendir`/`readdir` and the entry types they give: Foundation's
/// enumerator made a dictionary of attributes for every file, half of a cached build's load step.
///
/// **Links.** A symbolic link that stays inside the site is followed: a linked file is listed (and read, or
/// copied, through the link: its bytes, never the link), a linked folder is walked. A link that leads out of
/// the site, to nothing, or round in a loop is an error naming it, and is not listed: Parley never publishes a
/// file from outside the site. A folder that cannot be read is an error too, never a silent gap.
enum FolderWalk {
    /// Relative paths of the files below `folder`, unsorted, and the problems met; a folder whose name `skips`
    /// accepts is not entered, and a file whose name it accepts is left out. `display` is how messages name
    /// `folder` (`Templates`), and `siteRoot` the site's folder, with links resolved.
    static func files(
        under folder: String, display: String, siteRoot: String, skipping skips: (String) -> Bool,
        open: (String) -> OpaquePointer? = { opendir($0) }
    ) -> (files: [String], problems: [Diagnostic]) {
        withoutActuallyEscaping(skips) { skips in
            withoutActuallyEscaping(open) { open in
                var walk = Walk(display: display, siteRoot: siteRoot, skips: skips, open: open)
                let root = realPath(folder) ?? folder
                walk.walk(folder, prefix: "", chain: [root])
                return (walk.files, walk.problems)
            }
        }
    }

    /// The path with every link resolved, or nil (and `errno` says why).
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `real` (a resolved path) is `root` or inside it.
    static func isInside(_ real: String, _ root: String) -> Bool {
        real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// Checks a link at `path` (shown as `shown`): nil and a problem when it leads out of the site, to nothing,
    /// or round in a loop; else its resolved path.
    static func follow(_ path: String, shown: String, siteRoot: String) -> Result<String, Diagnostic> {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        let target = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        guard let real = realPath(path) else {
            let loop = errno == ELOOP
            return .failure(
                .error(
                    loop
                        ? "'\(shown)' is a symbolic link that leads round in a loop (to '\(target)')"
                        : "'\(shown)' is a symbolic link to '\(target)', which does not exist",
                    at: SourceLocation(file: shown), hint: "point the link at a file of the site, or remove it"))
        }
        guard isInside(real, siteRoot) else {
            return .failure(
                .error(
                    "'\(shown)' is a symbolic link to '\(target)', outside the site: Parley never publishes a file from outside the site's folder",
                    at: SourceLocation(file: shown),
                    hint:
                        "copy what it points to into the site, or remove the link (links that stay inside the site are fine)"
                ))
        }
        return .success(real)
    }

    private struct Walk {
        let display: String
        let siteRoot: String
        let skips: (String) -> Bool
        let open: (String) -> OpaquePointer?
        var files: [String] = []
        var problems: [Diagnostic] = []

        /// `chain` holds the resolved paths of the folders being walked, to stop a link back to one of them or
        /// to a folder that holds them.
        mutating func walk(_ folder: String, prefix: String, chain: Set<String>) {
            let shownFolder = prefix.isEmpty ? display + "/" : display + "/" + prefix
            guard let directory = open(folder) else {
                problems.append(
                    .error(
                        "cannot read the folder '\(shownFolder)': \(String(cString: strerror(errno)))",
                        at: SourceLocation(file: shownFolder),
                        hint: "give it read and search permission (chmod u+rx), or move it out of the site"))
                return
            }
            defer { closedir(directory) }
            let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            while let entry = readdir(directory) {
                // The name is read in place: a record is only as long as its name (see ParleyWatch's DirectoryListing).
                let name = String(
                    cString: UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
                if name == "." || name == ".." || skips(name) { continue }
                let path = folder + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {  // file systems that do not fill in the type
                    var info = stat()
                    if lstat(path, &info) == 0 {
                        switch info.st_mode & S_IFMT {
                        case S_IFDIR: type = UInt8(DT_DIR)
                        case S_IFLNK: type = UInt8(DT_LNK)
                        default: type = UInt8(DT_REG)
                        }
                    }
                }
                if type == UInt8(DT_LNK) {
                    let shown = display + "/" + prefix + name
                    switch FolderWalk.follow(path, shown: shown, siteRoot: siteRoot) {
                    case .failure(let problem):
                        problems.append(problem)
                    case .success(let real):
                        var info = stat()
                        guard stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                            files.append(prefix + name)
                            continue
                        }
                        // A link to a folder being walked, or to one that holds it, would go round for ever.
                        guard !chain.contains(where: { FolderWalk.isInside($0, real) }) else {
                            problems.append(
                                .error(
                                    "'\(shown)' is a symbolic link to a folder that holds it, a loop",
                                    at: SourceLocation(file: shown), hint: "point the link elsewhere, or remove it"))
                            continue
                        }
                        walk(path, prefix: prefix + name + "/", chain: chain.union([real]))
                    }
                } else if type == UInt8(DT_DIR) {
                    walk(path, prefix: prefix + name + "/", chain: chain)
                } else {
                    files.append(prefix + name)
                }
            }
        }
    }
}
