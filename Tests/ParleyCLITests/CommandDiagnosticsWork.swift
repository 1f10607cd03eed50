import Foundation
import Testing

extension CommandDiagnosticsDocumentationTests {
    /// A temporary folder holding `site/`, the folder commands run in unless a case says otherwise.
    struct Work {
        let root: URL
        var site: URL { root.appendingPathComponent("site") }

        /// The site `parley new` writes, in `site/`.
        func newSite() throws {
            let made = try CLITests.parley("new", "site", in: root)
            guard made.status == 0 else { throw Failure("parley new failed: \(made.stderr)") }
        }

        /// A build of `site/` that must succeed.
        func build(_ arguments: String..., environment: [String: String] = [:]) throws {
            let built = try CLITests.run(CLITests.binary, ["build"] + arguments, in: site, environment: environment)
            guard built.status == 0 else { throw Failure("the preparing build failed: \(built.stderr)") }
        }

        func url(_ path: String) -> URL { site.appendingPathComponent(path) }

        func write(_ text: String, to path: String) throws {
            try FileManager.default.createDirectory(
                at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url(path), atomically: false, encoding: .utf8)
        }

        func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

        /// Replaces the first `old` of a file with `new`.
        func edit(_ path: String, _ old: String, _ new: String) throws {
            let text = try read(path)
            guard let range = text.range(of: old) else { throw Failure("\(path) has no '\(old)'") }
            try write(text.replacingCharacters(in: range, with: new), to: path)
        }

        func link(_ path: String, to destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: url(path).path, withDestinationPath: destination)
        }

        func move(_ path: String, to other: String) throws {
            try FileManager.default.moveItem(at: url(path), to: url(other))
        }
        func remove(_ path: String) throws { try FileManager.default.removeItem(at: url(path)) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
