import Foundation

/// The site's search index, made by [Pagefind](https://pagefind.app) from the written output: a chunked
/// index a reader's browser downloads piece by piece, and its search interface, in `pagefind/`.
///
/// Parley writes the pages; Pagefind reads them (only the parts marked `data-pagefind-body`, with the
/// `data-pagefind-meta` and `data-pagefind-filter` the templates give) after the build, into a folder beside
/// the old index, which then takes the old one's place: a failed index leaves the last one as it was.
public enum SearchIndex {
    /// The folder in the output, which pages link to (`{{root}}pagefind/pagefind-ui.js`).
    static let folder = Routes.searchIndex
    /// A file Pagefind always writes, by which a folder is known to be its own.
    static let marker = "pagefind-entry.json"

    /// The Pagefind program: `$PARLEY_PAGEFIND`, else `pagefind` on the `PATH`; nil when there is none.
    public static func program(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let path = environment["PARLEY_PAGEFIND"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("pagefind")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// What to tell an editor whose site has `search: true` and whose machine has no Pagefind.
    public static let missingProgram =
        "search is on in site.yaml, but Pagefind is not installed, so the search index was not made "
        + "(the search page finds nothing until it is): install it with 'pip install \"pagefind[bin]\"', "
        + "or name the program in PARLEY_PAGEFIND"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// How long Pagefind may run, in seconds, before it is stopped: `$PARLEY_PAGEFIND_TIMEOUT`, else
    /// ``defaultTimeout``.
    public static func timeout(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double {
        if let text = environment["PARLEY_PAGEFIND_TIMEOUT"], let seconds = Double(text), seconds > 0 { return seconds }
        return defaultTimeout
    }

    /// Ten minutes: Pagefind 1.5.2 indexes the reference site's 40 searchable pages in about a second; a run
    /// this long has hung.
    public static let defaultTimeout = 600.0

    /// Indexes the output folder with `program`, replacing its last index only once the new one is whole and
    /// holds every page marked for search. Returns how many pages were indexed.
    ///
    /// Pagefind runs in a process group of its own, which is ended when it takes longer than `timeout` seconds,
    /// once Pagefind itself has ended (a process it left behind must not outlive it), and when Parley is
    /// interrupted or ends (``endOnSignals()``, ``endAll()``).
    @discardableResult
    public static func build(
        output: URL, program: URL, language: String, timeout: Double = SearchIndex.timeout()
    ) throws(Failure) -> Int {
        let fileManager = FileManager.default
        let current = output.appendingPathComponent(folder)
        let fresh = output.appendingPathComponent(folder + ".new")
        let old = output.appendingPathComponent(folder + ".old")
        removeLeftovers(in: output)
        if fileManager.fileExists(atPath: fresh.path) || fileManager.fileExists(atPath: old.path) {
            let which = fileManager.fileExists(atPath: fresh.path) ? fresh : old
            throw Failure(
                description: "\(which.path) is not a folder Pagefind made, and Parley needs its name; move it away")
        }
        if fileManager.fileExists(atPath: current.path), !isIndex(current) {
            throw Failure(
                description: "\(current.path) is not a search index Parley made; move it away, or turn search off")
        }
        // One language for the whole site: Pagefind would otherwise split the index by each page's `lang`.
        let base = String(language.prefix { $0 != "-" && $0 != "_" }).lowercased()
        // Note markers (`[1]`, `[a]`) are Parley's own: not words of the text.
        let arguments =
            ["--site", output.path, "--output-path", fresh.path, "--silent", "--exclude-selectors", "sup.reference"]
            + (base.isEmpty ? [] : ["--force-language", base])
        let run = try PagefindRun.run(program: program, arguments: arguments, timeout: timeout)
        guard run.status == 0, !run.timedOut else {
            try? fileManager.removeItem(at: fresh)
            if run.timedOut {
                throw Failure(
                    description: "Pagefind did not finish within \(Self.seconds(timeout)) and was stopped "
                        + "(PARLEY_PAGEFIND_TIMEOUT sets the limit, in seconds)")
            }
            let what = run.signal.map { "was ended by signal \($0)" } ?? "failed (status \(run.status))"
            throw Failure(
                description: "Pagefind \(what)" + (run.message.isEmpty ? " with no message" : ": " + run.message))
        }
        let marked = markedPages(in: output)
        if let problem = problem(with: fresh, marked: marked) {
            try? fileManager.removeItem(at: fresh)
            throw Failure(description: problem)
        }
        do {
            if fileManager.fileExists(atPath: current.path) { try fileManager.moveItem(at: current, to: old) }
            try fileManager.moveItem(at: fresh, to: current)
            try? fileManager.removeItem(at: old)
        } catch {
            throw Failure(description: "could not put the new search index in place: \(error.localizedDescription)")
        }
        return pageCount(current) ?? 0
    }

    /// `600 s`, `0.5 s`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// What is wrong with the index Pagefind wrote in `fresh`, if anything: its entry file must be there, parse,
    /// and count the `marked` pages (the output's pages marked `data-pagefind-body`, when there are any).
    static func problem(with fresh: URL, marked: Int) -> String? {
        let entry = fresh.appendingPathComponent(marker)
        let name = folder + ".new/" + marker
        guard let data = FileManager.default.contents(atPath: entry.path) else {
            return "Pagefind ended without writing its entry file \(name)"
        }
        guard !data.isEmpty else { return "Pagefind wrote an empty \(name) (a full disk does this)" }
        guard let count = pageCount(fresh) else { return "Pagefind's \(name) is not the entry file of an index" }
        if marked > 0, count != marked {
            return
                "Pagefind's index holds \(count) \(count == 1 ? "page" : "pages"), but \(marked) \(marked == 1 ? "page is" : "pages are") marked for search (\(name))"
        }
        return nil
    }

    /// The pages in the output that Pagefind should index: those marked `data-pagefind-body` (Pagefind indexes
    /// only those when any page has the mark).
    static func markedPages(in output: URL) -> Int {
        var pages: [String] = []
        let skipped: Set<String> = [folder, folder + ".new", folder + ".old"]
        if let enumerator = FileManager.default.enumerator(atPath: output.path) {
            while let path = enumerator.nextObject() as? String {
                if enumerator.level == 1, skipped.contains(path) {
                    enumerator.skipDescendants()
                    continue
                }
                if path.hasSuffix(".html") { pages.append(output.path + "/" + path) }
            }
        }
        let mark = Array("data-pagefind-body".utf8)
        return pages.parallelMap { path -> Bool in
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
                return false
            }
            return data.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress, bytes.count >= mark.count else { return false }
                var offset = 0
                let last = bytes.count - mark.count
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(mark[0]), last - offset + 1) else { return false }
                    offset = UnsafeRawPointer(found) - base
                    if memcmp(found, mark, mark.count) == 0 { return true }
                    offset += 1
                }
                return false
            }
        }.filter { $0 }.count
    }

    /// Removes what a killed run left in the output: `pagefind.new/` and `pagefind.old/`, when they hold only
    /// what Pagefind writes (or nothing). An old index whose replacement was not put in place is put back.
    public static func removeLeftovers(in output: URL) {
        let fileManager = FileManager.default
        let current = output.appendingPathComponent(folder)
        let fresh = output.appendingPathComponent(folder + ".new")
        let old = output.appendingPathComponent(folder + ".old")
        if !fileManager.fileExists(atPath: current.path), isIndex(old) {
            try? fileManager.moveItem(at: old, to: current)
        }
        for leftover in [fresh, old] where isPagefinds(leftover) { try? fileManager.removeItem(at: leftover) }
    }

    /// Whether a folder holds only what Pagefind writes: its scripts, styles and data files (`pagefind*.js`,
    /// `*.pagefind`, `*.pf_meta`, `pagefind-entry.json`) and its `fragment/`, `index/` and `filter/` folders.
    static func isPagefinds(_ folder: URL) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        return names.allSatisfy { name in
            if ["fragment", "index", "filter"].contains(name) {
                let files =
                    (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path))
                    ?? []
                return files.allSatisfy { $0.contains(".pf_") }
            }
            return name.hasPrefix("pagefind") || name.hasSuffix(".pagefind") || name.contains(".pf_")
        }
    }

    /// Whether the output has an index already.
    public static func exists(in output: URL) -> Bool { isIndex(output.appendingPathComponent(folder)) }

    static func isIndex(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(marker).path)
    }

    static func isEmptyFolder(_ folder: URL) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
    }

    /// The pages an index holds, from its entry file (`"page_count": N` per language); nil when the file is
    /// missing or is not an entry file.
    static func pageCount(_ folder: URL) -> Int? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(marker)),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let languages = json["languages"] as? [String: [String: Any]]
        else { return nil }
        var total = 0
        for language in languages.values {
            guard let count = language["page_count"] as? Int else { return nil }
            total += count
        }
        return total
    }
}

extension SearchIndex {
    /// Ends every Pagefind process group still running (and whatever Pagefind started in it).
    public static func endAll() { PagefindRun.endAll() }

    /// Makes SIGINT, SIGTERM and SIGHUP end the running Pagefind process groups before they end Parley, as they
    /// would have without this; Parley's normal end does the same (`atexit`).
    public static func endOnSignals() { PagefindRun.installHandlers() }
}

/// One run of Pagefind, in a process group of its own, with a time limit.
enum PagefindRun {
    struct Outcome {
        var status: Int32
        var signal: Int32?
        var timedOut: Bool
        /// What it printed (standard output and error together), trimmed and kept short.
        var message: String
    }

    /// The process groups running, for a signal handler to end: a fixed table, read without a lock.
    nonisolated(unsafe) static let groups: UnsafeMutablePointer<pid_t> = {
        let table = UnsafeMutablePointer<pid_t>.allocate(capacity: slots)
        table.initialize(repeating: 0, count: slots)
        return table
    }()
    static let slots = 16
    static let table = NSLock()

    static func register(_ group: pid_t) {
        table.lock()
        defer { table.unlock() }
        for slot in 0..<slots where groups[slot] == 0 {
            groups[slot] = group
            return
        }
    }

    static func unregister(_ group: pid_t) {
        table.lock()
        defer { table.unlock() }
        for slot in 0..<slots where groups[slot] == group { groups[slot] = 0 }
    }

    static func endAll() {
        for slot in 0..<slots where groups[slot] > 0 { kill(-groups[slot], SIGKILL) }
    }

    nonisolated(unsafe) private static var installed = false

    static func installHandlers() {
        table.lock()
        defer { table.unlock() }
        guard !installed else { return }
        installed = true
        atexit { PagefindRun.endAll() }
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            #if os(Linux)
                action.__sigaction_handler.sa_handler = { number in
                    PagefindRun.endAll()
                    Glibc.signal(number, SIG_DFL)
                    raise(number)
                }
            #else
                action.__sigaction_u.__sa_handler = { number in
                    PagefindRun.endAll()
                    Darwin.signal(number, SIG_DFL)
                    raise(number)
                }
            #endif
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    /// Runs `program` with `arguments` in a new process group, its output into a temporary file; ends the
    /// group when the program ends or when `timeout` seconds have passed.
    static func run(program: URL, arguments: [String], timeout: Double) throws(SearchIndex.Failure) -> Outcome {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parley-pagefind-\(getpid())-\(UUID().uuidString)")
        defer { unlink(log.path) }
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawnattr_setpgroup(&attributes, 0)
        // The signals Parley handles or ignores are the defaults again in Pagefind.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([program.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        // The table is locked from the start to the registration, so that `endAll` never misses a group.
        table.lock()
        let started = posix_spawn(&pid, program.path, &actions, &attributes, argv, environ)
        table.unlock()
        guard started == 0 else {
            throw SearchIndex.Failure(
                description: "could not start Pagefind (\(program.path)): \(String(cString: strerror(started)))")
        }
        register(pid)
        defer { unregister(pid) }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        var status: Int32 = 0
        var timedOut = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0, errno != EINTR { break }
            if DispatchTime.now().uptimeNanoseconds >= deadline {
                timedOut = true
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                break
            }
            usleep(20_000)
        }
        // Whatever Pagefind left running in its group ends with it.
        kill(-pid, SIGKILL)
        let signalled = status & 0x7f
        let exitStatus = signalled == 0 ? (status >> 8) & 0xff : 128 + signalled
        return Outcome(
            status: exitStatus, signal: signalled != 0 && !timedOut ? signalled : nil, timedOut: timedOut,
            message: Self.message(log))
    }

    /// The last lines a run printed, without control characters, at most 2,000 characters.
    static func message(_ log: URL) -> String {
        let data = FileManager.default.contents(atPath: log.path) ?? Data()
        let text = String(decoding: data.suffix(2000), as: UTF8.self)
        let shown = text.unicodeScalars.map { scalar -> String in
            scalar == "\n" || scalar == "\t"
                || !(scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value))
                ? String(scalar) : String(format: "\\u{%X}", scalar.value)
        }.joined()
        return shown.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
