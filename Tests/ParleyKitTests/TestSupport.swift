import Foundation
@testable import ParleyKit

/// Paths and helpers shared by the tests.
enum Fixtures {
    /// `Tests/Fixtures`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let basicSite = root.appendingPathComponent("Sites/basic")
    static let invalid = root.appendingPathComponent("Invalid")

    /// Re-record golden files instead of comparing: `PARLEY_RECORD=1 swift test`.
    static var recording: Bool { ProcessInfo.processInfo.environment["PARLEY_RECORD"] == "1" }
}

/// A fresh temporary folder, removed when the value is dropped.
final class TemporaryFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `files` (path → text) below the folder.
    func write(_ files: [String: String]) {
        for (path, text) in files { write(path, Data(text.utf8)) }
    }

    func write(_ path: String, _ data: Data) {
        let file = url.appendingPathComponent(path)
        try! FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! data.write(to: file)
    }

    /// Copies a folder's contents here.
    func copy(from source: URL) {
        for path in Snapshot.files(in: source) {
            write(path, try! Data(contentsOf: source.appendingPathComponent(path)))
        }
    }
}

/// Every file below a folder, by relative path: for comparing whole output trees byte for byte.
enum Snapshot {
    static func take(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for path in files(in: folder) { result[path] = try? Data(contentsOf: folder.appendingPathComponent(path)) }
        return result
    }

    static func files(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
        else { return [] }
        var paths: [String] = []
        let base = folder.resolvingSymlinksInPath().path
        for case let url as URL in enumerator {
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true { continue }
            paths.append(String(url.resolvingSymlinksInPath().path.dropFirst(base.count + 1)))
        }
        return paths.sorted()
    }
}

/// A mini-site for focused tests: the basic fixture's templates and settings, with the given content.
func miniSite(_ files: [String: String], templatesFrom: URL = Fixtures.basicSite) -> TemporaryFolder {
    let folder = TemporaryFolder()
    folder.copy(from: templatesFrom.appendingPathComponent("Templates"))
    for path in Snapshot.files(in: folder.url) {
        let from = folder.url.appendingPathComponent(path)
        let to = folder.url.appendingPathComponent("Templates/" + path)
        try! FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! FileManager.default.moveItem(at: from, to: to)
    }
    folder.write([
        "Content/site.yaml":
            (try? String(contentsOf: templatesFrom.appendingPathComponent("Content/site.yaml"), encoding: .utf8)) ?? ""
    ])
    var files = files
    // The fixture's templates show the fields it declares: a site of its own declares them too.
    if let settings = files["Content/site.yaml"], !settings.contains("\nfields:") {
        files["Content/site.yaml"] = settings + (settings.hasSuffix("\n") ? "" : "\n") + Fixtures.basicFields
    }
    folder.write(files)
    return folder
}

extension Fixtures {
    /// The fields the basic fixture declares site-wide and its templates show, for sites that use its templates.
    static let basicFields = """
        fields:
          - name: location
            type: text
          - name: participants
            type: list
          - name: status
            type: text
          - name: proposed-by
            type: list

        """
}

/// The diagnostics of building a site folder (without writing), formatted as the CLI prints them.
func diagnostics(building root: URL) -> (succeeded: Bool, report: String, diagnostics: [Diagnostic]) {
    do {
        let result = try Pipeline.renderSite(Pipeline.Options(siteRoot: root))
        return (true, DiagnosticFormatter.report(result.diagnostics), result.diagnostics)
    } catch {
        return (false, DiagnosticFormatter.report(error.diagnostics), error.diagnostics)
    }
}
