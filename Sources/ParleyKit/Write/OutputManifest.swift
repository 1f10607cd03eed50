import Foundation

/// What the marker file of an output folder (`.parley-output`) says: every path Parley wrote there. Everything
/// else in the folder (a `CNAME`, a `.git/` folder of a deploy) is someone else's, and every build keeps it.
struct OutputManifest: Equatable {
    static let header = "parley-output 1"

    /// The files Parley wrote, relative to the folder; nil for a folder from before Parley kept a manifest
    /// (its marker is empty), all of whose files are taken to be Parley's.
    var paths: Set<String>?

    /// The manifest of `output`, or nil when it has no marker.
    static func read(_ output: URL) -> OutputManifest? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(OutputWriter.marker).path)
        else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first.map(String.init) == header else { return OutputManifest(paths: nil) }
        lines.removeFirst()
        return OutputManifest(paths: Set(lines.map(String.init)))
    }

    /// The marker's text for a folder holding `paths`.
    static func text(_ paths: some Collection<String>) -> String {
        var text = header + "\n"
        text.reserveCapacity(paths.count * 40)
        for path in paths.sorted() {
            text += path
            text += "\n"
        }
        return text
    }

    /// Every folder that holds one of `paths`, at any depth (`a/b/c.html` → `a`, `a/b`).
    static func folders(holding paths: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        for path in paths {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        return folders
    }

    /// A file, link or folder in an output folder that Parley did not write.
    struct Foreign: Equatable {
        enum Kind { case file, link, folder }
        var path: String
        var kind: Kind
    }

    /// Everything in `output` that Parley did not write, parents before their contents; nothing for a folder
    /// without a manifest.
    func foreignItems(in output: URL) -> [Foreign] {
        guard let paths else { return [] }
        let folders = Self.folders(holding: paths)
        var found: [Foreign] = []
        func walk(_ relative: String, parleys: Bool) {
            let url = relative.isEmpty ? output : output.appendingPathComponent(relative)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
            for name in names.sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty, name == OutputWriter.marker || OutputWriter.isWorkingName(name) { continue }
                var info = stat()
                guard lstat(url.appendingPathComponent(name).path, &info) == 0 else { continue }
                let kind: Foreign.Kind =
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: .folder
                    case S_IFLNK: .link
                    default: .file
                    }
                if kind == .folder {
                    let ours = parleys && folders.contains(path)
                    if !ours { found.append(Foreign(path: path, kind: .folder)) }
                    walk(path, parleys: ours)
                } else if !(parleys && paths.contains(path)) {
                    found.append(Foreign(path: path, kind: kind))
                }
            }
        }
        walk("", parleys: true)
        return found
    }
}
