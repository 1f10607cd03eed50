import Foundation

/// The site `parley new` writes. Its files are kept in `Sources/parley/Starter/` and built into the program by the
/// EmbedStarter plugin (`StarterFiles`), so that a single `parley` binary carries them.
enum Starter {
    /// Every file of the starter site: its path in the site's folder (such as `Content/site.yaml`) and its bytes.
    static var files: [(path: String, contents: Data)] {
        StarterFiles.files.map { ($0.path, Data(base64Encoded: $0.base64) ?? Data()) }
    }

    /// Writes every file of the starter site into `folder`, with the subfolders they need.
    static func write(to folder: URL) throws {
        let fm = FileManager.default
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url)
        }
    }
}
