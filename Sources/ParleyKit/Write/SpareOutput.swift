import Foundation

/// The output as it was before the last cached build, kept in the build cache folder so that the next cached
/// build can stage its new output by changing only what differs (double buffering), instead of hard-linking every
/// file of the site again: at 10,000 entries that is a few files against twelve thousand folders.
///
/// The spare is the previous output folder itself, moved aside by the exchange that put the current one in place;
/// its record (`output-spare.record` beside it) says which output it belongs to and which paths differ between
/// the two (``changed``), and a list of the output's folders (`output-spare.folders`) is written again only when
/// they change. A build takes the spare only when nothing but Parley has changed the output since that
/// exchange: the output is the same folder, every top-level item is the same file (Pagefind's folders aside, which
/// the search step replaces after every build), and no folder below has changed since a moment taken after the
/// last of the build's own changes and before the exchange (a file added, removed or renamed changes its folder's
/// `ctime`, which no one can set back). Anything else, and the build stages from the output as a whole build does,
/// and the spare is replaced.
///
/// A reader holding the previous output open (a folder descriptor, not a path) sees it unchanged until the build
/// after next takes it as its spare.
struct SpareOutput: Equatable {
    static let header = "parley-spare 2"

    /// The output folder's device and inode when the record was written.
    var device: UInt64
    var inode: UInt64
    /// A time after every change the build made, before the exchange: a folder below the top changed at or
    /// after it was changed by someone else.
    var time: timespec
    /// Every top-level item of the output but Pagefind's and Parley's working ones, by name, with its inode.
    var top: [String: UInt64]
    /// The paths (files) that differ between the spare and the output: what the build that made the output
    /// wrote or removed.
    var changed: [String]
    /// The inode of the list of the output's folders (``loadFolders(_:file:)``), which the record names so that
    /// a list that is not its own is never taken for it.
    var foldersFile: UInt64
    /// Every folder of the output below the top, but inside Pagefind's, when they have been read.
    var folders: [String]?

    /// The spare of a site's output: in its build cache folder (`.parley-cache/output-spare`), or, when that is
    /// on another file system than the output, beside the output (`.Public.parley-spare`): it must be on the
    /// output's to change places with it.
    static func folder(siteRoot: URL, output: URL) -> URL {
        let cache = siteRoot.appendingPathComponent(".parley-cache")
        let parent = output.deletingLastPathComponent()
        var cacheInfo = stat(), parentInfo = stat()
        if stat(parent.path, &parentInfo) == 0,
            stat(cache.path, &cacheInfo) == 0 || stat(siteRoot.path, &cacheInfo) == 0,
            cacheInfo.st_dev == parentInfo.st_dev
        {
            return cache.appendingPathComponent("output-spare")
        }
        return parent.appendingPathComponent(".\(output.lastPathComponent).parley-spare")
    }

    static func recordURL(_ spare: URL) -> URL {
        spare.deletingLastPathComponent().appendingPathComponent(spare.lastPathComponent + ".record")
    }

    static func foldersURL(_ spare: URL) -> URL {
        spare.deletingLastPathComponent().appendingPathComponent(spare.lastPathComponent + ".folders")
    }

    /// The list of folders of the spare's output, when the file is the one the record names (`file`, its inode).
    static func loadFolders(_ spare: URL, file: UInt64) -> [String]? {
        let path = foldersURL(spare).path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, UInt64(info.st_ino) == file, let data = try? handle.readToEnd() else {
            return nil
        }
        let fields = Self.fields(data)
        guard fields.last == "end", !fields.dropLast().contains(where: \.isEmpty) else { return nil }
        return Array(fields.dropLast())
    }

    /// Writes the list of folders of an output; returns the inode of the file, or nil when it cannot be written.
    static func writeFolders(_ folders: [String], for spare: URL) -> UInt64? {
        var text = ""
        text.reserveCapacity(folders.count * 48)
        for folder in folders {
            text += folder
            text += "\0"
        }
        text += "end\0"
        // The cache folder, which the preview of a site never built has not made yet.
        try? FileManager.default.createDirectory(
            at: spare.deletingLastPathComponent(), withIntermediateDirectories: true)
        let path = foldersURL(spare).path, temporary = path + ".\(getpid())"
        var info = stat()
        do { try FileBytes.write(text, to: temporary) } catch {
            unlink(temporary)
            return nil
        }
        guard stat(temporary, &info) == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            return nil
        }
        return UInt64(info.st_ino)
    }

    /// The NUL-ended fields of a record or list; a last one not ended is given as an empty field.
    static func fields(_ data: Data) -> [String] {
        var fields: [String] = []
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            for index in bytes.indices where bytes[index] == 0 {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            if start < bytes.count { fields.append("") }
        }
        return fields
    }

    /// Whether a top-level name of an output is left out of the comparison: Parley's working names, and Pagefind's
    /// folders, which the search step replaces in the output after the build.
    static func isLeftOut(_ name: String) -> Bool {
        OutputWriter.isWorkingName(name) || name == Routes.searchIndex || name == Routes.searchIndex + ".new"
            || name == Routes.searchIndex + ".old"
    }

    // MARK: The record

    func text() -> String {
        var text =
            Self.header + "\0\(device)\0\(inode)\0\(time.tv_sec)\0\(time.tv_nsec)\0\(foldersFile)\0\(top.count)\0"
        for (name, inode) in top.sorted(by: { $0.key < $1.key }) { text += "\(name)\0\(inode)\0" }
        text += "\(changed.count)\0"
        for path in changed { text += path + "\0" }
        return text + "end\0"
    }

    /// A record's contents; nil for anything that is not a whole record. The paths it changes are checked to
    /// stay inside the folder (no empty, `.` or `..` part).
    static func parse(_ data: Data) -> SpareOutput? {
        let fields = fields(data)
        guard fields.count >= 9, fields[0] == header, fields.last == "end",
            let device = UInt64(fields[1]), let inode = UInt64(fields[2]),
            let seconds = Int(fields[3]), let nanoseconds = Int(fields[4]), let foldersFile = UInt64(fields[5])
        else { return nil }
        var index = 6
        func count() -> Int? {
            guard index < fields.count - 1, let number = Int(fields[index]), number >= 0, number < fields.count else {
                return nil
            }
            index += 1
            return number
        }
        func field() -> String? {
            guard index < fields.count - 1, !fields[index].isEmpty else { return nil }
            index += 1
            return fields[index - 1]
        }
        guard let topCount = count() else { return nil }
        var top: [String: UInt64] = [:]
        for _ in 0..<topCount {
            guard let name = field(), name != ".", name != "..", !name.contains("/"),
                let inode = field().flatMap(UInt64.init)
            else { return nil }
            top[name] = inode
        }
        guard let changedCount = count() else { return nil }
        var changed: [String] = []
        for _ in 0..<changedCount {
            guard let path = field(),
                !path.split(separator: "/", omittingEmptySubsequences: false)
                    .contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
            else { return nil }
            changed.append(path)
        }
        guard index == fields.count - 1 else { return nil }
        return SpareOutput(
            device: device, inode: inode, time: timespec(tv_sec: seconds, tv_nsec: nanoseconds),
            top: top, changed: changed, foldersFile: foldersFile)
    }

    static func == (a: SpareOutput, b: SpareOutput) -> Bool {
        a.device == b.device && a.inode == b.inode && a.time.tv_sec == b.time.tv_sec && a.time.tv_nsec == b.time.tv_nsec
            && a.top == b.top && a.changed == b.changed && a.foldersFile == b.foldersFile && a.folders == b.folders
    }

    // MARK: Taking and keeping

    /// The top-level items of `folder` (by a descriptor on it) but those left out, with their inodes.
    static func topItems(of folder: Int32) -> [String: UInt64]? {
        let copy = dup(folder)
        guard copy >= 0, let stream = fdopendir(copy) else { return nil }
        defer { closedir(stream) }
        var items: [String: UInt64] = [:]
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || isLeftOut(name) { continue }
            items[name] = UInt64(entry.pointee.d_ino)
        }
        return items
    }

    /// Takes the spare of `output` if it is still the output as it was before, less ``changed``: removes its
    /// record and moves it to `staging`. Returns the record, or nil (and takes nothing) when there is no spare to
    /// take; a spare that does not fit is removed. `trusting`, the folders below the output's top are not looked
    /// at (an ``OutputWatch`` saw none of them change).
    static func take(_ spare: URL, output: URL, to staging: URL, trusting: Bool = false) -> SpareOutput? {
        let recordURL = recordURL(spare)
        let fm = FileManager.default
        guard fm.fileExists(atPath: spare.path) || fm.fileExists(atPath: recordURL.path) else { return nil }
        guard let record = fits(spare, output: output, trusting: trusting), unlink(recordURL.path) == 0,
            rename(spare.path, staging.path) == 0
        else {
            discard(spare)
            return nil
        }
        return record
    }

    /// The record, when the spare fits the output (see the type's description).
    static func fits(_ spare: URL, output: URL, trusting: Bool = false) -> SpareOutput? {
        guard let data = FileManager.default.contents(atPath: recordURL(spare).path), var record = parse(data) else {
            return nil
        }
        let written = record.time
        var spareInfo = stat(), outputInfo = stat()
        guard lstat(spare.path, &spareInfo) == 0, spareInfo.st_mode & S_IFMT == S_IFDIR,
            lstat(output.path, &outputInfo) == 0, outputInfo.st_mode & S_IFMT == S_IFDIR,
            UInt64(outputInfo.st_dev) == record.device, UInt64(outputInfo.st_ino) == record.inode,
            spareInfo.st_dev == outputInfo.st_dev
        else { return nil }
        let folder = open(output.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        defer { close(folder) }
        guard topItems(of: folder) == record.top else { return nil }
        if trusting { return record }
        // Every folder below, unchanged since the recorded moment; in two halves, one per core.
        guard let folders = loadFolders(spare, file: record.foldersFile) else { return nil }
        record.folders = folders
        let halves = 2
        let unchanged = Array(0..<halves).parallelMap { half -> Bool in
            var index = half
            var info = stat()
            while index < folders.count {
                guard fstatat(folder, folders[index], &info, AT_SYMLINK_NOFOLLOW) == 0,
                    info.st_mode & S_IFMT == S_IFDIR,
                    (info.st_ctim.tv_sec, info.st_ctim.tv_nsec) < (written.tv_sec, written.tv_nsec)
                else { return false }
                index += halves
            }
            return true
        }
        return unchanged.allSatisfy { $0 } ? record : nil
    }

    /// A time later than every change made to any file before it is called (file systems whose clocks tick
    /// coarsely give changes close together the same time): a probe file in `folder` is changed until its time
    /// moves on. Nil when no probe can be written there.
    static func moment(in folder: URL) -> timespec? {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(".parley-moment-\(getpid())").path
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else { return nil }
        defer {
            close(file)
            unlink(path)
        }
        var first = stat(), now = stat()
        guard fstat(file, &first) == 0 else { return nil }
        for _ in 0..<200 {
            guard futimens(file, nil) == 0, fstat(file, &now) == 0 else { return nil }
            if (now.st_ctim.tv_sec, now.st_ctim.tv_nsec) > (first.st_ctim.tv_sec, first.st_ctim.tv_nsec) {
                return now.st_ctim
            }
            usleep(200)
        }
        return nil
    }

    /// The record of a spare for the output staged in `staging` (before the exchange that puts it in place: the
    /// folder keeps its inode, its items theirs), or for the output itself, which differs from the spare by
    /// `changed`, has the folders listed in the file `foldersFile` (its inode) below its top, and which the build
    /// has finished changing. Nil when no time can be taken.
    static func record(for staging: URL, timeIn cache: URL, changed: [String], foldersFile: UInt64) -> SpareOutput? {
        let folder = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        defer { close(folder) }
        var info = stat()
        guard fstat(folder, &info) == 0, let top = topItems(of: folder), let time = moment(in: cache) else {
            return nil
        }
        return SpareOutput(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), time: time, top: top,
            changed: changed, foldersFile: foldersFile)
    }

    /// Keeps `previous` (the folder the exchange moved the previous output into) as the spare described by
    /// `record`. The record is written last.
    static func keep(_ previous: URL, as spare: URL, record: SpareOutput) {
        let recordURL = recordURL(spare)
        discard(spare)
        guard rename(previous.path, spare.path) == 0 else {
            try? FileManager.default.removeItem(at: previous)
            return
        }
        let temporary = recordURL.path + ".\(getpid())"
        do { try FileBytes.write(record.text(), to: temporary) } catch {
            unlink(temporary)
            return
        }
        if rename(temporary, recordURL.path) != 0 { unlink(temporary) }
    }

    /// Makes a spare one that is never taken (its record goes), before the output changes in a way it does not
    /// record.
    static func invalidate(_ spare: URL) {
        unlink(recordURL(spare).path)
    }

    /// Removes a spare and its record (the record first: a spare without one is never taken). `meanwhile`, the
    /// folder is moved aside and removed on a thread of its own, for a process that goes on running (the preview,
    /// whose first save should not wait for twelve thousand folders to go); what a process that ended left is
    /// removed by the next ``discard(_:meanwhile:)``.
    static func discard(_ spare: URL, meanwhile: Bool = false) {
        unlink(recordURL(spare).path)
        let fm = FileManager.default
        let parent = spare.deletingLastPathComponent(), prefix = spare.lastPathComponent + ".old-"
        // Spares being removed or made by processes that ended (`.old-PID-…`, `.new-PID`).
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] {
            for kind in [prefix, spare.lastPathComponent + ".new-"] where name.hasPrefix(kind) {
                let pid = name.dropFirst(kind.count).prefix { $0 != "-" }
                if let number = Int32(pid), number != getpid(), kill(number, 0) != 0, errno == ESRCH {
                    try? fm.removeItem(at: parent.appendingPathComponent(name))
                }
            }
        }
        guard fm.fileExists(atPath: spare.path) else { return }
        guard meanwhile else {
            try? fm.removeItem(at: spare)
            return
        }
        let aside = parent.appendingPathComponent(prefix + "\(getpid())-\(UUID().uuidString.prefix(8))")
        guard rename(spare.path, aside.path) == 0 else {
            try? fm.removeItem(at: spare)
            return
        }
        Thread.detachNewThread { try? FileManager.default.removeItem(at: aside) }
    }
}
