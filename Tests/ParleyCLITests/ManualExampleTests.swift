import CCmark
import Foundation
import Testing
import Yams
@testable import ParleyKit
@testable import ParleyTemplates

/// The manual's examples are run, so that it cannot drift from what Parley does (`Documentation/README.md`).
///
/// Every fenced code block of `Documentation/Content/**/*.md` and of `README.md` has one of these info strings:
/// - `LANG file=PATH [example=NAME]`: the whole file PATH of the page's example site NAME (`main` by default),
///   which starts as the site `parley new` writes; each such block is laid over it in page order, a later block
///   for the same PATH replacing an earlier one;
/// - `console [example=NAME]`: commands (`$ parley …`, `$ cat …`, `$ ls …`) run in that example site's folder,
///   each followed by exactly what it prints, stdout and stderr together; `…` in an expected line matches any
///   text, and the site's folder is shown as the current folder;
/// - `yaml fragment`, `markdown fragment`, `mustache fragment`: a part of a file, which must parse;
/// - `sh`, `text`: not run.
///
/// Each example site is built with `parley build` after its console blocks have run, and must build unless one of
/// its commands failed (the page shows a failure). Every problem names the page's `file:line` of its block.
@Suite struct ManualExampleTests {
    static let documentation = CLITests.repository.appendingPathComponent("Documentation")
    static let content = documentation.appendingPathComponent("Content")
    static let languages: Set<String> = ["yaml", "markdown", "mustache", "json", "css", "bibtex", "text"]

    // MARK: Reading the pages

    /// A fenced code block of a manual page.
    struct Block: Sendable {
        /// The page, from the repository root (`Documentation/Content/guide/first-site.md`).
        var page: String
        /// The line of the opening fence in the page.
        var line: Int
        var info: String
        var text: String
        var place: String { "\(page):\(line)" }
    }

    /// What a block is, from its info string; nil for an info string the manual may not use.
    enum Kind: Equatable {
        case file(language: String, path: String, example: String)
        case console(example: String)
        case fragment(language: String)
        case notRun
    }

    static func kind(of info: String) -> Kind? {
        let words = info.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first else { return nil }
        if words.count == 1, first == "sh" || first == "text" { return .notRun }
        var options: [String: String] = [:]
        var flags: [String] = []
        for word in words.dropFirst() {
            if let equals = word.firstIndex(of: "=") {
                let (key, value) = (String(word[..<equals]), String(word[word.index(after: equals)...]))
                guard options[key] == nil, !value.isEmpty else { return nil }
                options[key] = value
            } else {
                flags.append(word)
            }
        }
        let example = options["example"] ?? "main"
        switch first {
        case "console":
            guard flags.isEmpty, Set(options.keys).isSubset(of: ["example"]) else { return nil }
            return .console(example: example)
        case _ where languages.contains(first):
            if flags == ["fragment"], options.isEmpty, ["yaml", "markdown", "mustache"].contains(first) {
                return .fragment(language: first)
            }
            guard flags.isEmpty, let path = options["file"], Set(options.keys).isSubset(of: ["file", "example"]),
                isSitePath(path)
            else {
                return nil
            }
            return .file(language: first, path: path, example: example)
        default:
            return nil
        }
    }

    /// A path inside the site folder: relative, with no `..`.
    static func isSitePath(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.hasSuffix("/")
    }

    /// The fenced code blocks of a page, as CommonMark reads them (libcmark, as Parley renders the page):
    /// backtick and tilde fences of any length, indented and inside lists or quotes. An indented code block has
    /// no info string, so it is reported like any block without an allowed one.
    static func blocks(page: String, text: String) -> [Block] {
        var body = text
        var offset = 0
        if case .success(let split) = FrontMatter.split(SourceFile(path: page, text: text)) {
            body = split.body
            offset = split.bodyLineOffset
        }
        guard let document = body.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return []
        }
        defer { cmark_node_free(document) }
        var blocks: [Block] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
            else {
                continue
            }
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            blocks.append(
                Block(
                    page: page, line: Int(cmark_node_get_start_line(node)) + offset,
                    info: info.trimmingCharacters(in: .whitespaces), text: literal))
        }
        return blocks
    }

    /// Every page of the manual, and the README, by its path from the repository root.
    static let pages: [(path: String, text: String)] = {
        guard let walk = FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil) else { return [] }
        var pages: [(String, String)] = []
        for case let url as URL in walk where url.pathExtension == "md" {
            let path = "Documentation/Content/" + url.path.dropFirst(content.path.count + 1)
            pages.append((path, (try? String(contentsOf: url, encoding: .utf8)) ?? ""))
        }
        // The README's quick start is held to the same rules.
        let readme = CLITests.repository.appendingPathComponent("README.md")
        pages.append(("README.md", (try? String(contentsOf: readme, encoding: .utf8)) ?? ""))
        return pages.sorted { $0.0 < $1.0 }
    }()

    static let allBlocks: [Block] = pages.flatMap { blocks(page: $0.path, text: $0.text) }

    // MARK: Examples

    /// One example site of a page: its file blocks and console blocks, in page order.
    struct Example: Sendable, CustomTestStringConvertible {
        var page: String
        var name: String
        var blocks: [Block]
        var testDescription: String { "\(page) example \(name)" }
    }

    static func examples(of blocks: [Block]) -> [Example] {
        var examples: [Example] = []
        for block in blocks {
            let name: String
            switch kind(of: block.info) {
            case .file(_, _, let example)?, .console(let example)?: name = example
            default: continue
            }
            if let index = examples.firstIndex(where: { $0.page == block.page && $0.name == name }) {
                examples[index].blocks.append(block)
            } else {
                examples.append(Example(page: block.page, name: name, blocks: [block]))
            }
        }
        return examples
    }

    static let examples: [Example] = examples(of: allBlocks)

    /// A command of a console block, with what the page says it prints.
    struct Command {
        var line: Int
        var command: String
        var expected: [String]
    }

    static func commands(of block: Block) -> (commands: [Command], problems: [String]) {
        var commands: [Command] = []
        var problems: [String] = []
        let lines = block.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("$ ") {
                commands.append(Command(line: block.line + 1 + index, command: String(line.dropFirst(2)), expected: []))
            } else if commands.isEmpty {
                if !line.isEmpty {
                    problems.append(
                        "\(block.page):\(block.line + 1 + index): a console block starts with a command: '$ …'")
                }
            } else {
                commands[commands.count - 1].expected.append(line)
            }
        }
        for index in commands.indices {
            while commands[index].expected.last?.isEmpty == true { commands[index].expected.removeLast() }
        }
        return (commands, problems)
    }

    /// The words of a command line: split at spaces, with '…' and "…" quoting.
    static func words(_ command: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in command {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                if "|&;<>`$()*?".contains(character) { return nil }
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        if inWord { words.append(current) }
        return words
    }

    /// Whether a printed line is what the page shows: exactly, or with each '…' matching any text.
    static func matches(_ actual: String, _ expected: String) -> Bool {
        guard expected.contains("…") else { return actual == expected }
        let parts = expected.components(separatedBy: "…")
        guard let first = parts.first, let last = parts.last, actual.hasPrefix(first) else { return false }
        var rest = actual.dropFirst(first.count)
        for part in parts.dropFirst().dropLast() {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return rest.hasSuffix(last) && rest.count >= last.count
    }

    /// The differences between what a command printed and what the page shows, line by line.
    static func differences(actual: [String], expected: [String]) -> String? {
        if actual.count == expected.count, zip(actual, expected).allSatisfy({ matches($0, $1) }) { return nil }
        let firstDifferent =
            Array(zip(actual, expected)).firstIndex { !matches($0.0, $0.1) } ?? min(actual.count, expected.count)
        return "first difference at output line \(firstDifferent + 1)\n--- the page shows:\n"
            + expected.joined(separator: "\n")
            + "\n--- it printed:\n" + actual.joined(separator: "\n")
    }

    /// Runs one example in a new folder; every problem found, each naming its page and line.
    static func run(_ example: Example, parley: URL = CLITests.binary) throws -> [String] {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("parley-manual-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let created = try CLITests.run(parley, ["new", "site"], in: parent)
        guard created.status == 0 else { return ["\(example.page): parley new failed: \(created.stderr)"] }
        let site = parent.appendingPathComponent("site").resolvingSymlinksInPath()
        var problems: [String] = []
        // Every file block first, in page order; then the console blocks, in page order.
        for block in example.blocks {
            guard case .file(_, let path, _)? = kind(of: block.info) else { continue }
            let url = site.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(block.text.utf8).write(to: url)
        }
        var failed = false
        let environment = ["NO_COLOR": "1", "LC_ALL": "C.UTF-8", "TZ": "UTC"]
        for block in example.blocks where kind(of: block.info) == .console(example: example.name) {
            let (commands, syntax) = commands(of: block)
            problems += syntax
            for command in commands {
                let place = "\(block.page):\(command.line)"
                guard let words = words(command.command), let program = words.first else {
                    problems.append(
                        "\(place): '\(command.command)' is not a command the manual's test runs (no pipes, redirections or variables)"
                    )
                    continue
                }
                let executable: URL
                switch program {
                case "parley":
                    guard words.dropFirst().first != "serve" else {
                        problems.append("\(place): 'parley serve' does not end by itself: show it in a 'sh' block")
                        continue
                    }
                    executable = parley
                case "cat", "ls": executable = URL(fileURLWithPath: "/usr/bin/env")
                default:
                    problems.append(
                        "\(place): '\(program)' is not run by the manual's test: only parley, cat and ls (show other commands in a 'sh' block)"
                    )
                    continue
                }
                let arguments = program == "parley" ? Array(words.dropFirst()) : words
                let result = try runMerged(executable, arguments, in: site, environment: environment)
                if result.status != 0 { failed = true }
                let printed = result.output
                    .replacingOccurrences(of: site.path + "/", with: "")
                    .replacingOccurrences(of: site.path, with: ".")
                var lines = printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                while lines.last?.isEmpty == true { lines.removeLast() }
                if let difference = differences(actual: lines, expected: command.expected) {
                    problems.append(
                        "\(place): '$ \(command.command)' printed something else than the page shows: \(difference)")
                }
            }
        }
        // The site the page shows builds, unless the page shows it failing.
        if !failed {
            let build = try runMerged(parley, ["build"], in: site, environment: environment)
            if build.status != 0 {
                let first = example.blocks.first.map(\.place) ?? example.page
                problems.append("\(first): the example site '\(example.name)' does not build:\n\(build.output)")
            }
        }
        return problems
    }

    /// Runs a program with its standard output and error into one pipe, in the order it writes them.
    static func runMerged(
        _ executable: URL, _ arguments: [String], in folder: URL, environment: [String: String]
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// The problems of a fragment block: one that does not parse.
    static func fragmentProblem(_ block: Block) -> String? {
        guard case .fragment(let language)? = kind(of: block.info) else { return nil }
        switch language {
        case "yaml":
            do { _ = try Yams.compose(yaml: block.text) } catch {
                return "\(block.place): the YAML fragment does not parse: \(error)"
            }
        case "markdown":
            guard block.text.hasPrefix("---") else { return nil }
            switch FrontMatter.split(SourceFile(path: block.page, text: block.text)) {
            case .failure(let problem):
                return "\(block.place): the Markdown fragment's front matter: \(problem.message)"
            case .success(let split):
                do {
                    let node = try Yams.compose(yaml: split.yaml)
                    if let node, node.mapping == nil {
                        return
                            "\(block.place): the Markdown fragment's front matter is not a set of 'field: value' lines"
                    }
                } catch {
                    return "\(block.place): the Markdown fragment's front matter does not parse: \(error)"
                }
            }
        case "mustache":
            if case .failure(let problem) = ParleyTemplates.Parser.parse(block.text, name: "fragment") {
                return
                    "\(block.place): the Mustache fragment does not parse: line \(problem.line), column \(problem.column): \(problem.message)"
            }
        default: break
        }
        return nil
    }
}
