import Foundation
import Testing

/// End to end: the real `parley serve` on a copy of the fixture site, on a free port. An edit reaches an open
/// page as a reload event; a broken citation as the errors, located; the fix as a reload; Ctrl-C stops it.
@Suite struct ServeCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The binary `swift test` built beside the test bundle.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["PARLEY_BIN"] { return URL(fileURLWithPath: path) }
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("parley")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/parley")
    }()

    struct Event: Decodable {
        var generation: Int
        var ok: Bool
        var diagnostics: [Problem]?
    }
    struct Problem: Decodable {
        var file: String
        var line: Int?
        var column: Int?
        var message: String
    }

    static func events(_ body: [UInt8]) -> [Event] {
        String(decoding: body, as: UTF8.self).components(separatedBy: "\n").compactMap { line in
            guard line.hasPrefix("data: ") else { return nil }
            return try? JSONDecoder().decode(Event.self, from: Data(line.dropFirst(6).utf8))
        }
    }

    /// The preview binds to this machine; told to listen elsewhere, it says what that shows to the network.
    @Test(arguments: [("0.0.0.0", true), ("127.0.0.1", false)])
    func listeningBeyondThisMachineIsAWarning(host: String, warns: Bool) throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("parley-serve-\(UUID().uuidString)")
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("Tests/Fixtures/Sites/basic"), to: site)
        defer { try? FileManager.default.removeItem(at: site) }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--site", site.path, "--port", "0", "--host", host]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var printed = ""
        while !printed.contains("Serving") {
            let data = out.fileHandleForReading.availableData
            try #require(!data.isEmpty, "parley serve ended before it served: \(printed)")
            printed += String(decoding: data, as: UTF8.self)
        }
        process.interrupt()
        process.waitUntilExit()
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(warnings.contains("--host \(host) shows the preview to the network") == warns, "\(warnings)")
    }

    @Test func editsReachTheOpenPageAndErrorsShowUntilFixed() async throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("parley-serve-\(UUID().uuidString)")
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("Tests/Fixtures/Sites/basic"), to: site)
        defer { try? FileManager.default.removeItem(at: site) }
        try? FileManager.default.removeItem(at: site.appendingPathComponent("Expected"))

        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--site", site.path, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // "Serving Public/ at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        var printed = ""
        var port: Int?
        while port == nil {
            let data = out.fileHandleForReading.availableData
            try #require(!data.isEmpty, "parley serve ended before it served: \(printed)")
            printed += String(decoding: data, as: UTF8.self)
            if let range = printed.range(of: "http://127.0.0.1:") {
                port = Int(printed[range.upperBound...].prefix { $0.isNumber })
            }
        }
        let connection = try RawHTTPConnection(port: try #require(port))
        try connection.write("GET /_parley/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let first = try await connection.read { Self.events($0.body).count >= 1 }
        let initial = try #require(Self.events(first.body).first)
        #expect(initial.ok)

        let entry = site.appendingPathComponent("Content/rounds/gamma-talks.md")
        let text = try String(contentsOf: entry, encoding: .utf8)
        try (text + "\nAn edit.\n").write(to: entry, atomically: false, encoding: .utf8)
        let edited = try await connection.read { Self.events($0.body).count >= 2 }
        let reload = try #require(Self.events(edited.body).last)
        #expect(reload.ok && reload.generation > initial.generation)
        let page = try String(
            contentsOf: site.appendingPathComponent("Public/rounds/gamma-talks/index.html"), encoding: .utf8)
        #expect(page.contains("An edit."))

        try (text + "\nA claim [@nobody2022].\n").write(to: entry, atomically: true, encoding: .utf8)
        let broken = try await connection.read { Self.events($0.body).contains { !$0.ok } }
        let failure = try #require(Self.events(broken.body).last)
        let problem = try #require(failure.diagnostics?.first)
        #expect(problem.file == "Content/rounds/gamma-talks.md")
        #expect(problem.line != nil && problem.column != nil)
        #expect(problem.message.contains("nobody2022"))
        // The last good build is still served.
        #expect(
            try String(contentsOf: site.appendingPathComponent("Public/rounds/gamma-talks/index.html"), encoding: .utf8)
                == page)

        try text.write(to: entry, atomically: true, encoding: .utf8)
        let fixed = try await connection.read { reply in
            let events = Self.events(reply.body)
            return events.count > 3 && events.last!.ok
        }
        #expect(Self.events(fixed.body).last?.ok == true)

        process.interrupt()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "Ctrl-C did not stop parley serve")
        #expect(process.terminationStatus == 0)
    }

    /// With `search: true`, the preview has the index made after its first build and again after an edit, in the
    /// background: the edit's reload does not wait for it.
    @Test func searchIsIndexedInTheBackgroundAfterBuilds() async throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("parley-serve-\(UUID().uuidString)")
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("Tests/Fixtures/Sites/basic"), to: site)
        defer { try? FileManager.default.removeItem(at: site) }
        try? FileManager.default.removeItem(at: site.appendingPathComponent("Expected"))
        let settings = site.appendingPathComponent("Content/site.yaml")
        try (try String(contentsOf: settings, encoding: .utf8) + "search: true\n").write(
            to: settings, atomically: true, encoding: .utf8)
        try Data("{{<base}}{{$main}}<div id=\"search\"></div>{{/main}}{{/base}}\n".utf8).write(
            to: site.appendingPathComponent("Templates/search.mustache"))
        // A stand-in for Pagefind that counts its runs and takes a while, as a real index of a large site does.
        let pagefind = site.appendingPathComponent("fake-pagefind")
        try Data(
            "#!/bin/sh\necho run >> \"$(dirname \"$0\")/runs\"\nsleep 1\nmkdir -p \"$4\" && printf '{\"languages\":{\"en\":{\"page_count\":5}}}' > \"$4/pagefind-entry.json\"\n"
                .utf8
        )
        .write(to: pagefind)
        chmod(pagefind.path, 0o755)

        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--site", site.path, "--port", "0"]
        process.environment = ProcessInfo.processInfo.environment.merging(["PARLEY_PAGEFIND": pagefind.path]) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var printed = ""
        func waitFor(_ text: String, count: Int = 1) throws {
            while printed.components(separatedBy: text).count - 1 < count {
                let data = out.fileHandleForReading.availableData
                try #require(!data.isEmpty, "parley serve ended: \(printed)")
                printed += String(decoding: data, as: UTF8.self)
            }
        }
        try waitFor("search index: 5 pages")
        #expect(
            FileManager.default.fileExists(
                atPath: site.appendingPathComponent("Public/pagefind/pagefind-entry.json").path))

        let entry = site.appendingPathComponent("Content/rounds/gamma-talks.md")
        try (try String(contentsOf: entry, encoding: .utf8) + "\nAn edit.\n").write(
            to: entry, atomically: false, encoding: .utf8)
        try waitFor("gamma-talks.md")
        // The rebuild's line comes before the index's: the reload did not wait a second for Pagefind.
        #expect(printed.components(separatedBy: "search index: 5 pages").count - 1 == 1, "\(printed)")
        try waitFor("search index: 5 pages", count: 2)
        let runs = try String(contentsOf: site.appendingPathComponent("runs"), encoding: .utf8)
        #expect(runs.split(separator: "\n").count == 2)
        process.interrupt()
    }
}
