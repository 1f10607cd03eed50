import Testing
@testable import ParleyKit

/// CSL-JSON and BibTeX exports: exact output, and CSL-JSON read back to the same fields.
@Suite struct BibliographyExporterTests {
    func load(yaml: String) -> Bibliography {
        let (bibliography, diagnostics) = BibliographyParser.parse([
            SourceFile(path: "Content/bibliography.yaml", text: yaml)
        ])
        #expect(diagnostics.map { DiagnosticFormatter.format($0) } == [])
        return bibliography
    }

    /// Exports, reads the export back as `Content/bibliography.json`, and checks every reference is equal.
    func expectRoundTrip(_ bibliography: Bibliography, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let json = BibliographyExporter.cslJSON(bibliography)
        let (reloaded, diagnostics) = BibliographyParser.parse([
            SourceFile(path: "Content/bibliography.json", text: json)
        ])
        #expect(diagnostics.map { DiagnosticFormatter.format($0) } == [], sourceLocation: sourceLocation)
        #expect(reloaded.references.count == bibliography.references.count, sourceLocation: sourceLocation)
        for (original, copy) in zip(bibliography.references, reloaded.references) {
            var moved = original
            moved.location = copy.location
            #expect(moved == copy, "\(original.id)", sourceLocation: sourceLocation)
            #expect(original.fields == copy.fields, "\(original.id)", sourceLocation: sourceLocation)
        }
        #expect(BibliographyExporter.cslJSON(reloaded) == json, sourceLocation: sourceLocation)
    }

    static let two = """
        references:
          - id: hopkins2022
            type: article-newspaper
            author:
              - family: Hopkins
                given: Valerie
            title: 'Initial talks: {costs} & 100% of $5 #1 under_score ~ ^ \\ end'
            container-title: The New York Times
            ISSN: 0362-4331
            issued: 2022-02-28
            accessed: 2022-03-16
            URL: https://example.org/a_b?c=1%20&d={x}
            page: 4-7
            language: en-US
            note: Archived 14 March 2022.
          - id: dw2022
            type: webpage
            author: [{literal: Deutsche Welle}, {family: García Márquez}, {family: Smith and Sons, given: "J., Jr"}]
            editor: [{family: Doe, given: Jane}]
            title: Переговори
            container-title: DW
            publisher: DW & Co
            issued: {date-parts: [[2022, 3]]}
            DOI: 10.1000/182
            volume: 12
        """

    // MARK: CSL-JSON

    @Test func cslJSONGolden() {
        #expect(
            BibliographyExporter.cslJSON(load(yaml: Self.two)) == #"""
                [
                  {
                    "id": "hopkins2022",
                    "type": "article-newspaper",
                    "author": [
                      {
                        "family": "Hopkins",
                        "given": "Valerie"
                      }
                    ],
                    "title": "Initial talks: {costs} & 100% of $5 #1 under_score ~ ^ \\ end",
                    "container-title": "The New York Times",
                    "ISSN": "0362-4331",
                    "issued": {
                      "date-parts": [[2022, 2, 28]]
                    },
                    "accessed": {
                      "date-parts": [[2022, 3, 16]]
                    },
                    "URL": "https://example.org/a_b?c=1%20&d={x}",
                    "page": "4-7",
                    "language": "en-US",
                    "note": "Archived 14 March 2022."
                  },
                  {
                    "id": "dw2022",
                    "type": "webpage",
                    "author": [
                      {
                        "literal": "Deutsche Welle"
                      },
                      {
                        "family": "García Márquez"
                      },
                      {
                        "family": "Smith and Sons",
                        "given": "J., Jr"
                      }
                    ],
                    "editor": [
                      {
                        "family": "Doe",
                        "given": "Jane"
                      }
                    ],
                    "title": "Переговори",
                    "container-title": "DW",
                    "publisher": "DW & Co",
                    "issued": {
                      "date-parts": [[2022, 3]]
                    },
                    "DOI": "10.1000/182",
                    "volume": 12
                  }
                ]

                """#)
        #expect(BibliographyExporter.cslJSON(.empty) == "[]\n")
    }

    @Test func theRealBibliographyRoundTrips() {
        let (bibliography, diagnostics) = BibliographyParser.parse([BibliographyParserTests.realBibliography])
        #expect(diagnostics.isEmpty)
        #expect(bibliography.references.count == 8)
        expectRoundTrip(bibliography)
    }

    @Test func everyKindOfValueRoundTrips() {
        expectRoundTrip(load(yaml: Self.two))
        expectRoundTrip(
            load(
                yaml: #"""
                    references:
                      - id: 2022
                        title: "Quotes \" and \\ backslash, tab\tnew\nline, emoji 😀, slash /"
                        translated-title: Заголовок
                        agency: [Reuters, AFP]
                        archive-url: https://web.archive.org/x
                        archive-date: 2022
                        quote: "“Curly”"
                        translated-quote: ''
                        edition: 1.10
                        issue: -2.5e+3
                        number: "7"
                        categories: [war, true, 3, null]
                        custom: {nested: {deeper: [[1, {a: b}], []]}, empty: {}}
                        author: [{family: van Gogh, given: Vincent, non-dropping-particle: van, static-ordering: false}]
                        accessed: {date-parts: [["2022", "03", "16"]]}
                        URL: https://example.org
                    """#))
    }

    @Test func jsonStringsEscapeOnlyWhatJSONRequires() {
        #expect(BibliographyExporter.jsonString("a/b é 😀 \"q\" \\ \n\t\u{01}") == #""a/b é 😀 \"q\" \\ \n\t\u0001""#)
    }

    // MARK: BibTeX

    @Test func bibTeXGolden() {
        #expect(
            BibliographyExporter.bibTeX(load(yaml: Self.two)) == ##"""
                @article{hopkins2022,
                  author = {Hopkins, Valerie},
                  title = {{Initial talks: \{costs\} \& 100\% of \$5 \#1 under\_score \textasciitilde{} \textasciicircum{} \textbackslash{} end}},
                  journal = {The New York Times},
                  pages = {4--7},
                  year = {2022},
                  month = feb,
                  date = {2022-02-28},
                  url = {https://example.org/a_b?c=1%20&d=%7Bx%7D},
                  urldate = {2022-03-16},
                  issn = {0362-4331},
                  language = {en-US},
                  note = {Archived 14 March 2022.}
                }

                @online{dw2022,
                  author = {{Deutsche Welle} and {García Márquez} and {Smith and Sons}, {J., Jr}},
                  editor = {Doe, Jane},
                  title = {{Переговори}},
                  booktitle = {DW},
                  publisher = {DW \& Co},
                  volume = {12},
                  year = {2022},
                  month = mar,
                  date = {2022-03},
                  doi = {10.1000/182}
                }

                """##)
        #expect(BibliographyExporter.bibTeX(.empty) == "")
    }

    @Test func bibTeXTypes() {
        let types: [String?: String] = [
            "article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
            "book": "book", "chapter": "incollection", "webpage": "online", "post-weblog": "online",
            "report": "techreport", "thesis": "phdthesis", "paper-conference": "inproceedings",
            "entry-encyclopedia": "misc", nil: "misc",
        ]
        for (csl, bibTeX) in types { #expect(BibliographyExporter.bibTeXType(csl) == bibTeX) }
        let report = Reference(id: "r", type: "report", title: "R", publisher: "RAND", location: .init(file: "x"))
        #expect(
            BibliographyExporter.bibTeXEntry(report) == "@techreport{r,\n  title = {{R}},\n  institution = {RAND}\n}\n")
    }

    /// BibTeX counts every brace, `\{` too: whatever the text, every field must be balanced (never below zero).
    @Test func everyTeXTextIsBalancedForBibTeX() {
        func balanced(_ tex: String) -> Bool {
            var depth = 0
            for character in tex {
                if character == "{" { depth += 1 }
                if character == "}" { depth -= 1 }
                if depth < 0 { return false }
            }
            return depth == 0
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("{}{}\\%&$#_~^'\"`<>-,@ a\nÉ\u{A0}")
        for _ in 0..<2000 {
            let text = String(
                (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(
                balanced(BibliographyExporter.tex(text)), "\(text.debugDescription) → \(BibliographyExporter.tex(text))"
            )
        }
        #expect(BibliographyExporter.tex("Sets like {a, b and c") == "Sets like \\{a, b and c\\iffalse\\}\\fi{}")
        #expect(BibliographyExporter.tex("} a {") == "\\iffalse\\{\\fi{}\\} a \\{\\iffalse\\}\\fi{}")
        #expect(
            BibliographyExporter.tex("a--b ,, it's \"q\"\n  x\u{A0}y")
                == "a-{}-b ,{}, it\\textquotesingle{}s \\textquotedbl{}q\\textquotedbl{} x~y")
    }

    /// A key holds none of the characters BibTeX, biber or `\cite` read otherwise, and stays unique.
    @Test func bibTeXKeysAreSafeAndUnique() {
        let references = ["hopkins2022", "agency/report", "a,b", "a_b", "a b{c}%", "київ:2022"].map {
            Reference(id: $0, title: "T", location: .init(file: "x"))
        }
        #expect(
            BibliographyExporter.bibTeXKeys(references) == [
                "hopkins2022", "agency/report", "a_b_2", "a_b", "a_b_c__", "київ:2022",
            ])
    }
}
