import Foundation
import Testing

/// The BibTeX export held to real BibTeX readers: pybtex, and pandoc where it is installed (Debian's, or the
/// one PyPI's `pypandoc-binary` brings into `.tools/venv`), read `bibliography/bibliography.bib` of a site whose
/// sources hold every character TeX and BibTeX treat specially, and each field must read back as written.
///
/// `make test` installs both into `.tools/venv` (`make test-tools`); `PARLEY_PYTHON` names another Python that
/// has pybtex. Without them the test is skipped, unless `PARLEY_REQUIRE_BIBTEX_READERS=1` (set by `.ci/run`).
@Suite struct BibTeXExportTests {
    static let venv = CLITests.repository.appendingPathComponent(".tools/venv")
    static let python: String? = {
        let path =
            ProcessInfo.processInfo.environment["PARLEY_PYTHON"] ?? venv.appendingPathComponent("bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: path),
            let check = try? CLITests.run(URL(fileURLWithPath: path), ["-c", "import pybtex"]), check.status == 0
        else { return nil }
        return path
    }()
    /// pandoc on the PATH, else the one `pypandoc-binary` installs.
    static let pandoc: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/pandoc")
        {
            return "\(folder)/pandoc"
        }
        let lib = venv.appendingPathComponent("lib")
        for version in (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? [] {
            let candidate = lib.appendingPathComponent("\(version)/site-packages/pypandoc/files/pandoc").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()
    static let required = ProcessInfo.processInfo.environment["PARLEY_REQUIRE_BIBTEX_READERS"] == "1"

    /// Sources whose texts hold unbalanced braces, TeX's special characters, quotes, ligatures, non-ASCII text
    /// and line breaks, and ids no BibTeX key may hold.
    nonisolated(unsafe) static let hostile: [[String: Any]] = [
        [
            "id": "braces", "type": "book", "title": "Sets like {a, b and c", "publisher": "Pub}lisher {x} and } more",
            "author": [["literal": "Acme {Group"], ["family": "}Doe", "given": "Jane{"]],
            "note": "50% & $5 #1 a_b ~ ^ \\ back\\slash @home @misc{x, title = {y}}",
        ],
        [
            "id": "a,b{c}", "type": "article-journal", "title": "}}} closing first {{{",
            "container-title": "Journal \"quoted\" 'single' `tick` <a> | --- a--b ,, ?` !` ``x'' \\textbf{no}",
            "publisher-place": "Київ — 😀 e\u{301} \u{A0}nbsp",
            "author": [
                ["family": "de la Cruz", "given": "Ana María"], ["family": "Smith and Sons", "given": "J., Jr"],
                ["family": "O'Brien", "given": "Seán"],
            ],
            "editor": [["family": "AND", "given": "and"]],
        ],
        [
            "id": "%#\"'(),={}", "type": "report", "title": "line one\nline two\n\n  three\ttabbed",
            "publisher": "\\{\\}\\",
            "note": "{\\iffalse}\\fi} %comment\nnext",
        ],
    ]
    /// The key each of those is exported under.
    static let keys = ["braces", "a_b_c_", "__________"]

    /// A name as one text: `family, given`, or the literal or family alone.
    static func name(_ value: Any) -> String {
        let fields = value as? [String: String] ?? [:]
        if let literal = fields["literal"] { return literal }
        let family = [fields["non-dropping-particle"], fields["dropping-particle"], fields["family"]].compactMap { $0 }
            .joined(separator: " ")
        // pandoc reads `{J., Jr}` as a given name and a suffix.
        let given = [fields["given"], fields["suffix"]].compactMap { $0 }.joined(separator: ", ")
        return given.isEmpty ? family : family + ", " + given
    }

    /// What BibTeX can keep of a text: runs of spaces and line breaks as one space, none at the ends.
    static func spaced(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    @Test(
        .enabled(
            if: python != nil || required,
            "pybtex is not installed (make test-tools): the BibTeX export is not compared"))
    func everyFieldReadsBackAsWritten() throws {
        let python = try #require(Self.python, "pybtex is needed: make test-tools installs it into .tools/venv")
        let pandoc = Self.pandoc
        if Self.required {
            #expect(pandoc != nil, "pandoc is needed: make test-tools installs pypandoc-binary into .tools/venv")
        }
        let parent = try NewCommandTests.starterSite(settings: "")
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try JSONSerialization.data(withJSONObject: Self.hostile, options: [.prettyPrinted])
            .write(to: site.appendingPathComponent("Content/bibliography.json"))
        let build = try CLITests.parley("build", in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let bib = site.appendingPathComponent("Public/bibliography/bibliography.bib")
        let read = try CLITests.run(
            URL(fileURLWithPath: python),
            [CLITests.repository.appendingPathComponent("Tests/Tools/bibtex_fields.py").path, bib.path, pandoc ?? ""])
        let exported = (try? String(contentsOf: bib, encoding: .utf8)) ?? ""
        try #require(read.status == 0, "the readers failed on the export: \(read.stderr)\n\(exported)")
        let result = try #require(try JSONSerialization.jsonObject(with: read.stdout) as? [String: Any])

        // pybtex: every entry, each field and name as written.
        let pybtex = try #require(result["pybtex"] as? [String: [String: Any]])
        #expect(pybtex.count == Self.hostile.count + 1, "entries read: \(pybtex.keys.sorted())\n\(exported)")
        var readers: [(String, [String: [String: Any]])] = []
        readers.append(("pybtex", pybtex.mapValues { ($0["fields"] as? [String: Any]) ?? [:] }))
        if let csl = result["pandoc"] as? [[String: Any]] {
            #expect(csl.count == Self.hostile.count + 1, "pandoc read \(csl.count) entries\n\(exported)")
            readers.append(
                ("pandoc", Dictionary(csl.map { (($0["id"] as? String) ?? "", $0) }, uniquingKeysWith: { a, _ in a })))
        }
        // The CSL variable each field is, and its BibTeX name for pybtex.
        let fields: [(csl: String, pybtex: [String: String])] = [
            ("title", [:]), ("publisher", ["report": "institution"]), ("note", [:]),
            ("container-title", ["article-journal": "journal"]), ("publisher-place", ["article-journal": "address"]),
        ]
        for (reader, entries) in readers {
            for (source, key) in zip(Self.hostile, Self.keys) {
                let entry = try #require(entries[key], "\(reader) has no entry '\(key)'\n\(exported)")
                let type = source["type"] as? String ?? ""
                for field in fields {
                    guard let written = source[field.csl] as? String else { continue }
                    let name = reader == "pandoc" ? field.csl : (field.pybtex[type] ?? field.csl)
                    #expect(entry[name] as? String == Self.spaced(written), "\(reader), \(key), \(name)\n\(exported)")
                }
                for role in ["author", "editor"] {
                    guard let written = source[role] as? [Any] else { continue }
                    let names = (entry[role] as? [Any] ?? []).map(Self.name)
                    #expect(names == written.map(Self.name), "\(reader), \(key), \(role)\n\(exported)")
                }
            }
        }
    }
}
