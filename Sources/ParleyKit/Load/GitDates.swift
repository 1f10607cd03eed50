import Foundation

/// The dates of the files under a site's `Content/` from git: for each path, its first and last commits, read in
/// one `git log` over the whole history (never a process per file).
///
/// Uncommitted changes do not count: a file's date is its last commit's, the date the published site will show.
/// Outside a git work tree, or without git, there are no dates and no error.
enum GitDates {
    /// Runs `git` with these arguments in this folder and returns its standard output, or nil when git is
    /// missing or fails.
    typealias Runner = @Sendable (_ arguments: [String], _ folder: URL) -> Data?

    /// The arguments of the one `git log`: each commit as a NUL and its committer date, then the paths it
    /// changed, relative to the site's folder (which may be a subfolder of the work tree).
    static let arguments = [
        "-c", "core.quotePath=false", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--relative",
        "--", "Content",
    ]

    /// Each committed file's history, by path relative to the site's folder (`Content/rounds/first-round.md`).
    static func read(siteRoot: URL, run: Runner = runGit) -> [String: FileHistory] {
        guard let output = run(arguments, siteRoot) else { return [:] }
        return parse(String(decoding: output, as: UTF8.self))
    }

    /// Reads `git log` output newest commit first: a path's first occurrence is its last commit, its last
    /// occurrence its first.
    static func parse(_ log: String) -> [String: FileHistory] {
        var histories: [String: FileHistory] = [:]
        var current: Timestamp?
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("\u{0}") {
                current = Timestamp.parse(rfc3339: String(line.dropFirst()))
                continue
            }
            guard let current else { continue }
            let path = String(line)
            if var history = histories[path] {
                history.created = current
                histories[path] = history
            } else {
                histories[path] = FileHistory(created: current, updated: current)
            }
        }
        return histories
    }

    /// Runs the `git` found on the `PATH`, with no input and its errors discarded.
    static let runGit: Runner = { arguments, folder in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Read before waiting: a long history fills the pipe, and git would wait for us while we wait for it.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
