import Foundation

extension OutputWriter {
    /// Where a build stages the new output, and how it puts it in place.
    enum Placement: Equatable {
        /// Beside the output, in its parent folder; the two folders change places in one atomic exchange.
        case beside
        /// Inside the output, in a hidden folder of its own, when the output cannot be exchanged as a whole (it is
        /// a mount point); its top-level items change places one by one (see `exchangeItems`).
        case inside
    }

    /// The placement for `output`: inside when it is a mount point (a tmpfs, a bind mount, a container's volume).
    static func placement(for output: URL) -> Placement {
        isMountPoint(output) ? .inside : .beside
    }

    /// The hidden folder a build of this process stages in.
    static func stagingFolder(for output: URL, _ placement: Placement) -> URL {
        switch placement {
        case .beside:
            output.deletingLastPathComponent().appendingPathComponent(
                ".\(output.lastPathComponent).parley-staging-\(getpid())")
        case .inside: output.appendingPathComponent(".parley-staging-\(getpid())")
        }
    }

    /// Whether a name at the top of an output folder is one of Parley's working folders or records there (which
    /// are never part of a build, nor someone else's files).
    static func isWorkingName(_ name: String) -> Bool {
        name.hasPrefix(".parley-staging-") || name.hasPrefix(".parley-swap-")
    }

    /// Whether `url` is a mount point: on another device than its parent, or listed in `/proc/self/mountinfo`
    /// (a bind mount of the same file system is on the same device).
    static func isMountPoint(_ url: URL) -> Bool {
        var info = stat(), parentInfo = stat()
        guard stat(url.path, &info) == 0, stat(url.deletingLastPathComponent().path, &parentInfo) == 0 else {
            return false
        }
        if info.st_dev != parentInfo.st_dev || info.st_ino == parentInfo.st_ino { return true }
        guard let text = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return false }
        let path = url.resolvingSymlinksInPath().standardizedFileURL.path
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { continue }
            // Spaces, tabs, newlines and backslashes in a mount point are written as octal escapes.
            var point = String(fields[4])
            for (escape, character) in [("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")] {
                point = point.replacingOccurrences(of: escape, with: character)
            }
            if point == path { return true }
        }
        return false
    }

    /// Makes `staging` a copy of `output` in hard links, folder by folder, leaving out `skipped` (paths relative to
    /// the output) and Parley's working folders; a file that cannot be linked is copied. Returns how many items
    /// were linked, and adds every folder below the top to `folders`.
    @discardableResult
    static func linkTree(
        of output: URL, into staging: URL, skipping skipped: Set<String>, folders: inout Set<String>
    ) throws -> Int {
        let source = open(output.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard source >= 0 else { throw WriteError(description: "\(output.path): \(String(cString: strerror(errno)))") }
        defer { close(source) }
        let target = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard target >= 0 else { throw WriteError(description: "\(staging.path): \(String(cString: strerror(errno)))") }
        defer { close(target) }
        var count = 0
        try linkFolder(
            source, target, relative: "", skipped: skipped, output: output, staging: staging.path, count: &count,
            folders: &folders)
        return count
    }

    private static func linkFolder(
        _ source: Int32, _ target: Int32, relative: String, skipped: Set<String>, output: URL, staging: String,
        count: inout Int,
        folders: inout Set<String>
    ) throws {
        let copy = dup(source)
        guard copy >= 0, let folder = fdopendir(copy) else {
            throw WriteError(description: "\(output.path)/\(relative): \(String(cString: strerror(errno)))")
        }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if relative.isEmpty, isWorkingName(name) || name == marker && skipped.contains(marker) { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            if skipped.contains(path) { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard fstatat(source, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                type = info.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            if type == UInt8(DT_DIR) {
                guard mkdirat(target, name, 0o755) == 0 || errno == EEXIST else {
                    throw WriteError(description: "\(path): \(String(cString: strerror(errno)))")
                }
                folders.insert(path)
                let inner = openat(source, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard inner >= 0 else {
                    throw WriteError(
                        description: "\(output.lastPathComponent)/\(path): \(String(cString: strerror(errno)))")
                }
                defer { close(inner) }
                let innerTarget = openat(target, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard innerTarget >= 0 else {
                    throw WriteError(description: "\(path): \(String(cString: strerror(errno)))")
                }
                defer { close(innerTarget) }
                try linkFolder(
                    inner, innerTarget, relative: path, skipped: skipped, output: output, staging: staging,
                    count: &count,
                    folders: &folders)
            } else if linkat(source, name, target, name, 0) != 0 {
                // Across file systems, or where links are not allowed: a copy of the bytes.
                let reason = errno
                guard reason == EXDEV || reason == EPERM || reason == EMLINK, type == UInt8(DT_REG) else {
                    throw WriteError(
                        description: "\(output.lastPathComponent)/\(path): \(String(cString: strerror(reason)))")
                }
                try FileManager.default.copyItem(atPath: output.path + "/" + path, toPath: staging + "/" + path)
            }
            count += 1
        }
    }
}

extension OutputWriter {
    /// One step of an exchange item by item: a top-level item of the new output exchanged with the old one of
    /// its name (`x`), moved in where there was none (`n`), or an old item with no new one moved out into the
    /// staging folder (`r`); with the inode of what the step puts in place, by which an undo knows it was done.
    struct ItemStep: Equatable {
        var kind: Character
        var inode: UInt64
        var name: String
    }

    /// Puts a new output staged inside the output (`staging`, for an output that is a mount point) in place by
    /// its top-level items, each in one atomic exchange or rename, the marker last. Before the first, a record
    /// of every step (`.parley-swap-PID` in the output, names and inodes separated by NUL bytes) is written; a
    /// step that fails undoes those before it, and a build killed half-way is undone by the next start from the
    /// record (`undoItems`). A reader sees each top-level folder whole, but for a moment some of them new and
    /// others old.
    static func exchangeItems(staging: URL, output: URL) throws {
        let fm = FileManager.default
        let newItems = try fm.contentsOfDirectory(atPath: staging.path)
        let oldItems = Set(try fm.contentsOfDirectory(atPath: output.path).filter { !isWorkingName($0) })
        var steps: [ItemStep] = []
        func inode(_ url: URL) throws -> UInt64 {
            var info = stat()
            guard lstat(url.path, &info) == 0 else {
                throw WriteError(description: "\(url.lastPathComponent): \(String(cString: strerror(errno)))")
            }
            return UInt64(info.st_ino)
        }
        for name in newItems.sorted() where name != marker {
            steps.append(
                ItemStep(
                    kind: oldItems.contains(name) ? "x" : "n", inode: try inode(staging.appendingPathComponent(name)),
                    name: name))
        }
        for name in oldItems.subtracting(newItems).sorted() where name != marker {
            steps.append(ItemStep(kind: "r", inode: try inode(output.appendingPathComponent(name)), name: name))
        }
        if newItems.contains(marker) {
            steps.append(
                ItemStep(
                    kind: oldItems.contains(marker) ? "x" : "n",
                    inode: try inode(staging.appendingPathComponent(marker)), name: marker))
        }
        let record = output.appendingPathComponent(".parley-swap-\(getpid())")
        try FileBytes.write(recordText(steps, staging: staging.lastPathComponent), to: record.path)
        var done: [ItemStep] = []
        for step in steps {
            let ok = perform(step, staging: staging, output: output)
            if !ok {
                let reason = String(cString: strerror(errno))
                let failed = "\(output.lastPathComponent)/\(step.name): \(reason)"
                var undone = true
                for step in done.reversed() where !undo(step, staging: staging, output: output) { undone = false }
                if undone {
                    unlink(record.path)
                    throw WriteError(description: failed)
                }
                throw RollbackFailed(description: failed + "; and not every item done before could be put back")
            }
            done.append(step)
            if done.count == 1 { KillPoint.reached("item-exchanged") }
        }
        unlink(record.path)
        try? fm.removeItem(at: staging)  // now the previous output's items
    }

    private static func perform(_ step: ItemStep, staging: URL, output: URL) -> Bool {
        let new = staging.appendingPathComponent(step.name).path,
            current = output.appendingPathComponent(step.name).path
        switch step.kind {
        case "x": return exchange?(AT_FDCWD, new, AT_FDCWD, current, 2 /* RENAME_EXCHANGE */) == 0
        case "n": return renameNoReplace(new, current)
        default: return renameNoReplace(current, new)
        }
    }

    /// Undoes a step if it was done (the item in place has the step's inode); whether the item is as before.
    private static func undo(_ step: ItemStep, staging: URL, output: URL) -> Bool {
        let new = staging.appendingPathComponent(step.name).path,
            current = output.appendingPathComponent(step.name).path
        var info = stat()
        switch step.kind {
        case "x":
            guard lstat(current, &info) == 0, UInt64(info.st_ino) == step.inode else { return true }
            return exchange?(AT_FDCWD, new, AT_FDCWD, current, 2) == 0
        case "n":
            guard lstat(current, &info) == 0, UInt64(info.st_ino) == step.inode else { return true }
            return renameNoReplace(current, new)
        default:
            guard lstat(current, &info) != 0, lstat(new, &info) == 0, UInt64(info.st_ino) == step.inode else {
                return true
            }
            return renameNoReplace(new, current)
        }
    }

    /// `rename` that never replaces what is at `to` (`RENAME_NOREPLACE`, where the system has it).
    private static func renameNoReplace(_ from: String, _ to: String) -> Bool {
        if let exchange, exchange(AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */) == 0 { return true }
        if exchange != nil, errno != EINVAL, errno != ENOSYS { return false }
        var info = stat()
        guard lstat(to, &info) != 0 else {
            errno = EEXIST
            return false
        }
        return rename(from, to) == 0
    }

    static let recordHeader = "parley-swap 1"

    static func recordText(_ steps: [ItemStep], staging: String) -> String {
        var text = recordHeader + "\0" + staging + "\0"
        for step in steps { text += "\(step.kind)\0\(step.inode)\0\(step.name)\0" }
        return text + "end\0"
    }

    /// Undoes, from its record, an exchange item by item that a killed build left half-done, then removes the
    /// record and the staging folder. A record that is not whole was cut short before the first step: only
    /// removed. Names are only ever those of top-level items, inside the output or its staging folder.
    static func undoItems(record: URL, output: URL) throws(BuildFailure) {
        let fm = FileManager.default
        let fields = (fm.contents(atPath: record.path) ?? Data()).split(separator: 0, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        var steps: [ItemStep] = []
        var staging: URL?
        if fields.count >= 4, fields[0] == recordHeader, fields.last == "", fields[fields.count - 2] == "end",
            fields[1].hasPrefix(".parley-staging-"), !fields[1].contains("/")
        {
            staging = output.appendingPathComponent(fields[1])
            var index = 2
            while index + 2 < fields.count - 2 {
                let kind = fields[index], name = fields[index + 2]
                guard ["x", "n", "r"].contains(kind), let inode = UInt64(fields[index + 1]),
                    !name.isEmpty, name != ".", name != "..", !name.contains("/"), !isWorkingName(name)
                else {
                    steps = []
                    break
                }
                steps.append(ItemStep(kind: Character(kind), inode: inode, name: name))
                index += 3
            }
        }
        if let staging {
            var undone = true
            for step in steps.reversed() where !undo(step, staging: staging, output: output) { undone = false }
            guard undone else {
                var failure = BuildFailure([
                    .error(
                        "\(output.lastPathComponent)/ is partly the output of a build that was stopped, and cannot be put back: \(String(cString: strerror(errno)))",
                        at: SourceLocation(file: output.path),
                        hint:
                            "fix the cause, or build with --no-cache after removing \(output.lastPathComponent)/\(record.lastPathComponent)"
                    )
                ])
                failure.outputChanged = true
                throw failure
            }
            try? fm.removeItem(at: staging)
        }
        try? fm.removeItem(at: record)
    }
}
