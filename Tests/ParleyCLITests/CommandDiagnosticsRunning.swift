import Foundation
import Testing

extension CommandDiagnosticsDocumentationTests {
    /// Runs a case in a fresh temporary folder and returns what the command printed, normalised.
    static func output(of item: Case) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("parley-commands-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer {
            _ = try? CLITests.run(URL(fileURLWithPath: "/bin/chmod"), ["-R", "u+rwX", root.path])
            try? FileManager.default.removeItem(at: root)
        }
        let work = Work(root: root)
        try item.prepare(work)
        let folder = item.inSite ? work.site : root
        var environment = item.environment
        if environment["HOME"] == "HOME" { environment["HOME"] = root.appendingPathComponent("home").path }
        let text: String
        if item.serve {
            text = try serve(item.command, in: folder, environment: environment)
        } else if !item.modes.isEmpty {
            let root = getuid() == 0
            // `nobody` may write the temporary folder, but not read what is made unreadable.
            if root { _ = try CLITests.run(URL(fileURLWithPath: "/bin/chmod"), ["-R", "a+rwX", work.root.path]) }
            for (path, mode) in item.modes {
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: work.url(path).path)
            }
            let (program, arguments) =
                root
                ? (
                    URL(fileURLWithPath: "/usr/bin/setpriv"),
                    ["--reuid=65534", "--regid=65534", "--clear-groups", CLITests.binary.path] + item.command
                )
                : (CLITests.binary, item.command)
            text = try ManualExampleTests.runMerged(program, arguments, in: folder, environment: environment).output
        } else {
            text = try ManualExampleTests.runMerged(CLITests.binary, item.command, in: folder, environment: environment)
                .output
        }
        return normalise(text, folder: folder)
    }

    /// Runs `parley serve` until it says where it serves (or a minute has passed), then stops it with SIGINT.
    static func serve(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let collected = Collected()
        pipe.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !collected.text.contains("(Ctrl-C to stop)"), process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
        process.waitUntilExit()
        pipe.fileHandleForReading.readabilityHandler = nil
        collected.append(pipe.fileHandleForReading.readDataToEndOfFile())
        return collected.text
    }

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) {
            lock.lock()
            data.append(more)
            lock.unlock()
        }
        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The temporary folder as the current one (`.`) and its parent as `..`; timings, clock times and ports as `…`.
    static func normalise(_ text: String, folder: URL) -> String {
        let here = folder.path, parent = folder.deletingLastPathComponent().path
        var text = text.replacingOccurrences(of: here + "/", with: "")
            .replacingOccurrences(of: here, with: ".")
            .replacingOccurrences(of: parent + "/", with: "../")
            .replacingOccurrences(of: parent, with: "..")
        for (pattern, replacement) in [
            (#" in [0-9.]+ (s|ms)\b"#, " in … $1"), (#"(?m)^[0-9]{2}:[0-9]{2}:[0-9]{2} "#, "… "),
            (#"(https?://[^/:\s]+):[0-9]+/"#, "$1:…/"), (#"\.parley-(journal|staging|update)-[0-9]+"#, ".parley-$1-…"),
        ] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    static func block(_ command: [String], _ output: String) -> String {
        let shown = command.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        let output = output.trimmingCharacters(in: .newlines)
        return "```text\n$ parley \(shown)\n\(output.isEmpty ? "" : output + "\n")```\n"
    }

    /// The page's generated part.
    static func reference() throws -> String {
        var text =
            "\nEach situation below is made in a folder of its own, shown as the current folder; the command runs in it, and what it prints is shown as it is, with timings as `…`.\n\n"
        text += try cases.map { item in
            "### \(item.title)\n\n\(item.about)\n\n\(item.made)\n\n" + block(item.command, try output(of: item))
        }.joined(separator: "\n")
        return text
    }
}
