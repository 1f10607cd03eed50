import Foundation
@testable import ParleyServer

/// A built site in a temporary folder, with a secret beside it that must never be served.
final class SiteFixture: Sendable {
    /// The bytes of the file outside the output folder; no response may ever contain them.
    static let secret = "TOP-SECRET-7d41c9-never-served"

    /// The PNG signature plus a few bytes: enough to be recognisably binary.
    static let pngBytes: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]

    static let index =
        "<!DOCTYPE html>\n<html><head><title>Home</title></head>\n<body>\n<h1>Home</h1>\n<a href=\"a/b/\">b</a>\n</body>\n</html>\n"
    static let notFound = "<!DOCTYPE html>\n<html><body><h1>Lost in the archive</h1></body></html>\n"
    static let style = "body { color: #222; }\n"
    static let json = "{\"entries\": [\"first-round\"]}\n"
    static let bib = "@book{smith2020,\n  title = {A Book},\n}\n"

    let base: URL
    let output: URL

    /// Creates the site; `built: false` leaves out `index.html`, as before a first successful build.
    init(built: Bool = true) throws {
        let manager = FileManager.default
        base = manager.temporaryDirectory.appendingPathComponent("parley-server-\(UUID().uuidString)")
        output = base.appendingPathComponent("Public")
        try manager.createDirectory(at: output, withIntermediateDirectories: true)
        try Self.secret.write(to: base.appendingPathComponent("secret"), atomically: false, encoding: .utf8)
        try Self.secret.write(to: base.appendingPathComponent("secret.txt"), atomically: false, encoding: .utf8)

        if built {
            try write("index.html", Self.index)
        }
        try write("a/b/index.html", "<html><body><p>Deep page</p></BODY></html>\n")
        try write("about.html", "<html><body><p>About</p></body></html>\n")
        try write("fragment.html", "<p>No body tag at all</p>\n")
        try write("404.html", Self.notFound)
        try write("assets/style.css", Self.style)
        try write("assets/logo.png", bytes: Self.pngBytes)
        try write("refs.bib", Self.bib)
        try write("data.json", Self.json)
        try write(".parley-output", Self.secret)
        try write(".git/config", Self.secret)
        try write("empty/.keep", "")
        try write("a/.hidden.html", Self.secret)
        // Links: one leading out of the folder, one to a file inside it, one to a dotfile inside it.
        try manager.createSymbolicLink(
            atPath: output.appendingPathComponent("outside.txt").path, withDestinationPath: "../secret.txt")
        try manager.createSymbolicLink(
            atPath: output.appendingPathComponent("a/escape").path, withDestinationPath: base.path)
        try manager.createSymbolicLink(
            atPath: output.appendingPathComponent("linked.css").path, withDestinationPath: "assets/style.css")
        try manager.createSymbolicLink(
            atPath: output.appendingPathComponent("dotlink.txt").path, withDestinationPath: ".parley-output")
    }

    deinit {
        try? FileManager.default.removeItem(at: base)
    }

    /// Writes a text file inside the output folder, creating its folders.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Writes bytes to a file inside the output folder, creating its folders.
    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = output.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// The bytes of a file inside the output folder.
    func read(_ relative: String) throws -> Data {
        try Data(contentsOf: output.appendingPathComponent(relative))
    }

    /// A server for this site with a fresh hub, on a free port when run live.
    func server(hub: PreviewHub = PreviewHub()) -> PreviewServer {
        PreviewServer(outputFolder: output, host: "127.0.0.1", port: 0, hub: hub)
    }
}
