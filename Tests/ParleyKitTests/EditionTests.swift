import Foundation
import Testing
@testable import ParleyKit

/// Language editions: `languages:` in site.yaml, translations beside their entries (`a.uk.md`), each edition's
/// tree of pages under its folder, the switcher and `hreflang` alternates, the words of each language, and
/// every mistake an editor can make with them.
@Suite struct EditionTests {
    /// The project's own templates, with their strings files (`Templates/strings/en.yaml`, `uk.yaml`).
    static let project = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()

    static let settings = """
        title: Talks
        base-url: https://example.org/
        languages:
          - code: en
          - code: uk
            title: Переговори
            untranslated: UNTRANSLATED
            sections:
              rounds: {title: Раунди, singular: Раунд}
        sections:
          - name: rounds
            title: Rounds
            singular: Round
            dated: true
        subjects:
          - name: places
            title: Places
            singular: place

        """

    static let files: [String: String] = [
        "Content/rounds/a.md":
            "---\ntitle: First round\ndate: 2022-02-28\nplaces: [Kyiv, Yalta, Gomel, Yenakiieve, Ivano-Frankivsk]\n---\nThe first round.\n",
        "Content/rounds/a.uk.md": "---\ntitle: Перший раунд\nsummary: Перша зустріч.\n---\nПерший раунд.\n",
        "Content/rounds/b.md": "---\ntitle: Second round\ndate: 2022-03~\n---\nThe second round.\n",
        "Content/terms.uk.yaml":
            "places:\n  Kyiv: Київ\n  Yalta: Ялта\n  Gomel: Гомель\n  Yenakiieve: Єнакієве\n  Ivano-Frankivsk: Івано-Франківськ\n",
    ]

    static func site(untranslated: String = "leave-out", _ more: [String: String] = [:]) -> TemporaryFolder {
        var files = files
        files["Content/site.yaml"] = settings.replacingOccurrences(of: "UNTRANSLATED", with: untranslated)
        for (path, text) in more { files[path] = text }
        return miniSite(files, templatesFrom: project)
    }

    static func render(_ folder: TemporaryFolder) throws -> [String: String] {
        let (site, _) = try Pipeline.renderSite(Pipeline.Options(siteRoot: folder.url, gitDates: false))
        return Dictionary(uniqueKeysWithValues: site.pages.map { ($0.path, $0.contents) })
    }

    @Test func eachEditionHasItsOwnTreeOfPages() throws {
        let pages = try Self.render(Self.site())
        for path in [
            "index.html", "rounds/index.html", "rounds/a/index.html", "rounds/b/index.html", "timeline/index.html",
            "subjects/index.html", "uk/index.html", "uk/rounds/index.html", "uk/rounds/a/index.html",
            "uk/timeline/index.html", "uk/subjects/index.html", "uk/feed.xml", "uk/sitemap.xml", "sitemap.xml",
        ] {
            #expect(pages[path] != nil, "\(path) is missing")
        }
        // Left out: the untranslated entry, and the pages only the default edition has (one 404 per host).
        #expect(pages["uk/rounds/b/index.html"] == nil)
        #expect(pages["uk/404.html"] == nil && pages["uk/robots.txt"] == nil)
        let entry = try #require(pages["uk/rounds/a/index.html"])
        #expect(entry.contains("<html lang=\"uk\">"))
        #expect(entry.contains("<h1>Перший раунд</h1>"))
        #expect(entry.contains("<time datetime=\"2022-02-28\">28 лютого 2022</time>"))
        #expect(entry.contains(">Раунд</a>"))  // the section's name in the edition
        #expect(entry.contains("<dt>Дата</dt>"))  // a label from Templates/strings/uk.yaml
        #expect(entry.contains("href=\"../../../assets/style.css\""))  // one set of assets for every edition
        // The home page and lists of the edition are in its language, and list its entries only.
        let list = try #require(pages["uk/rounds/index.html"])
        #expect(list.contains("Перший раунд") && !list.contains("Second round"))
    }

    @Test func everyPageLinksToItsOtherEditions() throws {
        let pages = try Self.render(Self.site())
        let english = try #require(pages["rounds/a/index.html"])
        let ukrainian = try #require(pages["uk/rounds/a/index.html"])
        // hreflang alternates: absolute, the page itself among them.
        for page in [english, ukrainian] {
            #expect(page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/rounds/a/\">"))
            #expect(page.contains("<link rel=\"alternate\" hreflang=\"uk\" href=\"https://example.org/uk/rounds/a/\">"))
            // The default edition stands for readers of any other language.
            #expect(
                page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/rounds/a/\">"))
        }
        // The switcher keeps the reader on the same entry.
        #expect(english.contains("<a href=\"../../uk/rounds/a/\" hreflang=\"uk\" lang=\"uk\">Українська</a>"))
        #expect(ukrainian.contains("<a href=\"../../../rounds/a/\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(ukrainian.contains("aria-current=\"true\">Українська</a>"))
        // An entry the edition does not have: the switcher leads to that edition's home page, and no alternate.
        let untranslated = try #require(pages["rounds/b/index.html"])
        #expect(untranslated.contains("<a href=\"../../uk/\" hreflang=\"uk\" lang=\"uk\">Українська</a>"))
        #expect(!untranslated.contains("hreflang=\"uk\" href="))
        // The sitemaps list each page's editions; robots.txt names both sitemaps.
        let sitemap = try #require(pages["uk/sitemap.xml"])
        #expect(sitemap.contains("<loc>https://example.org/uk/rounds/a/</loc>"))
        #expect(
            sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/rounds/a/\"/>"))
        #expect(
            pages["robots.txt"]?.contains(
                "Sitemap: https://example.org/sitemap.xml\nSitemap: https://example.org/uk/sitemap.xml\n") == true)
    }

    @Test func anUntranslatedEntryCanBeShownAsWrittenWithANotice() throws {
        let pages = try Self.render(Self.site(untranslated: "show-original"))
        let page = try #require(pages["uk/rounds/b/index.html"])
        #expect(page.contains("Second round"))
        #expect(page.contains("Цей запис ще не перекладено українською"))
        // The entry as written, in its language.
        #expect(page.contains("<article class=\"entry\" data-pagefind-body lang=\"en\">"))
        #expect(page.contains("бл. березня 2022"))  // the edition's words for the shared date
        #expect(pages["uk/rounds/a/index.html"]?.contains("не перекладено") == false)
    }

    @Test func theUkrainianIndexFollowsTheUkrainianAlphabet() throws {
        let pages = try Self.render(Self.site())
        let index = try #require(pages["uk/subjects/index.html"])
        let names = ["Гомель", "Єнакієве", "Івано-Франківськ", "Київ", "Ялта"]
        let positions = names.map { index.range(of: ">" + $0 + "</a>")?.lowerBound }
        #expect(!positions.contains(nil), "every term is listed")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // A term's page is at the same address in every edition, so the switcher finds it.
        #expect(pages["uk/subjects/places/kyiv/index.html"]?.contains("<h1>Київ</h1>") == true)
    }

    @Test func aNameTheGlossaryGivesTwoTermsTakesTheFirstOnesAddress() throws {
        // "Kiev" and "Kyiv" are one place in Ukrainian: its page is where the first, in name order, has its own.
        let folder = Self.site([
            "Content/rounds/b.md": "---\ntitle: Second round\ndate: 2022-03~\nplaces: [Kiev]\n---\nThe second round.\n",
            "Content/rounds/b.uk.md": "---\ntitle: Другий раунд\n---\nДругий раунд.\n",
            "Content/terms.uk.yaml":
                "places:\n  Kyiv: Київ\n  Kiev: Київ\n  Yalta: Ялта\n  Gomel: Гомель\n  Yenakiieve: Єнакієве\n  Ivano-Frankivsk: Івано-Франківськ\n",
        ])
        let pages = try Self.render(folder)
        #expect(pages["uk/subjects/places/kiev/index.html"]?.contains("<h1>Київ</h1>") == true)
        #expect(pages["uk/subjects/places/kyiv/index.html"] == nil)
    }

    @Test func aSiteInUkrainianListsTitlesInTheUkrainianAlphabet() throws {
        let folder = miniSite(
            [
                "Content/site.yaml":
                    "title: Переговори\nlanguage: uk\nsections:\n  - name: rounds\n    title: Раунди\n",
                "Content/rounds/a.md": "---\ntitle: Єдність\n---\nТекст.\n",
                "Content/rounds/b.md": "---\ntitle: Атака\n---\nТекст.\n",
                "Content/rounds/c.md": "---\ntitle: Життя\n---\nТекст.\n",
            ], templatesFrom: Self.project)
        let list = try #require(try Self.render(folder)["rounds/index.html"])
        let positions = ["Атака", "Єдність", "Життя"].map { list.range(of: ">" + $0 + "</a>")?.lowerBound }
        #expect(!positions.contains(nil) && positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func aTranslationCannotSayWhatItsEntrySays() throws {
        let folder = Self.site([
            "Content/rounds/a.uk.md": "---\ntitle: Перший раунд\ndate: 2022-03-01\nplaces: [Київ]\n---\nТекст.\n"
        ])
        let result = diagnostics(building: folder.url)
        #expect(!result.succeeded)
        #expect(
            result.report.contains(
                "Content/rounds/a.uk.md:3:1: error: a translation takes its 'date' from its entry, Content/rounds/a.md")
        )
        #expect(
            result.report.contains(
                "Content/rounds/a.uk.md:4:1: error: a translation takes its subject terms ('places')"))
    }

    @Test func aTranslationNeedsItsEntry() throws {
        let folder = Self.site(["Content/rounds/c.uk.md": "---\ntitle: Третій\n---\nТекст.\n"])
        let result = diagnostics(building: folder.url)
        #expect(!result.succeeded)
        #expect(
            result.report.contains(
                "Content/rounds/c.uk.md: error: this is a translation of 'c', but there is no entry 'c.md' to translate"
            ))
    }

    @Test func aFileInALanguageTheSiteLacksIsNamed() throws {
        let folder = Self.site(["Content/rounds/a.fr.md": "---\ntitle: Premier\n---\nTexte.\n"])
        let result = diagnostics(building: folder.url)
        #expect(
            result.report.contains(
                "Content/rounds/a.fr.md: error: 'a.fr.md' looks like a translation into 'fr', which is not one of the site's languages"
            ))
    }

    @Test func aMissingStringIsAnErrorAtTheFileThatLacksIt() throws {
        let english = try String(
            contentsOf: Self.project.appendingPathComponent("Templates/strings/uk.yaml"), encoding: .utf8)
        let without = english.split(separator: "\n").filter { !$0.hasPrefix("date:") && !$0.hasPrefix("status:") }
            .joined(separator: "\n")
        let folder = Self.site(["Templates/strings/uk.yaml": without])
        let result = diagnostics(building: folder.url)
        #expect(!result.succeeded)
        #expect(
            result.report.contains(
                "Templates/strings/uk.yaml:1:1: error: the uk edition has no strings 'date', 'status', which Templates/strings/en.yaml"
            ))
    }

    @Test func aLanguageWithoutParleysWordsNeedsThemAll() throws {
        let folder = miniSite(
            [
                "Content/site.yaml": Self.settings.replacingOccurrences(of: "code: uk", with: "code: de")
                    .replacingOccurrences(of: "UNTRANSLATED", with: "leave-out"),
                "Content/rounds/a.md": "---\ntitle: A\ndate: 2022\n---\nA.\n",
                "Templates/strings/de.yaml": try String(
                    contentsOf: Self.project.appendingPathComponent("Templates/strings/en.yaml"), encoding: .utf8),
            ], templatesFrom: Self.project)
        let result = diagnostics(building: folder.url)
        #expect(!result.succeeded)
        #expect(
            result.report.contains(
                "Templates/strings/de.yaml: error: Parley has no words of its own in 'de', and Templates/strings/de.yaml lacks \(LocalWords.keys.count) of them"
            ))
    }

    @Test func aTermTheGlossaryDoesNotNameIsAWarningWhereItIsNamed() throws {
        let folder = Self.site(["Content/terms.uk.yaml": "places:\n  Kyiv: Київ\n  Kyjiw: Київ\n"])
        let result = diagnostics(building: folder.url)
        #expect(result.succeeded)
        #expect(
            result.report.contains(
                "Content/rounds/a.md:4:16: warning: Content/terms.uk.yaml gives no uk name for the places term 'Yalta'")
        )
        #expect(result.report.contains("Content/terms.uk.yaml:3:3: warning: no entry names the places term 'Kyjiw'"))
    }

    @Test func theEditionsSettingsAreChecked() throws {
        let folder = Self.site()
        let settings = Self.settings.replacingOccurrences(of: "UNTRANSLATED", with: "leave-out-please")
            .replacingOccurrences(of: "rounds: {title: Раунди", with: "round: {title: Раунди")
            .replacingOccurrences(of: "  - code: uk", with: "  - code: UK")
        folder.write(["Content/site.yaml": settings + Fixtures.basicFields])
        let result = diagnostics(building: folder.url)
        #expect(result.report.contains("error: 'UK' is not a language tag"))
        let folder2 = Self.site()
        folder2.write([
            "Content/site.yaml": Self.settings.replacingOccurrences(of: "UNTRANSLATED", with: "leave-out-please")
                .replacingOccurrences(of: "rounds: {title: Раунди", with: "round: {title: Раунди")
                + Fixtures.basicFields
        ])
        let report = diagnostics(building: folder2.url).report
        #expect(report.contains("error: 'untranslated' must be 'leave-out' or 'show-original', not 'leave-out-please'"))
        #expect(
            report.contains("error: there is no section 'round' to name") && report.contains("did you mean 'rounds'?"))
        let folder3 = Self.site()
        folder3.write([
            "Content/site.yaml": Self.settings.replacingOccurrences(of: "UNTRANSLATED", with: "leave-out")
                .replacingOccurrences(of: "  - code: en\n", with: "  - code: en\n    untranslated: show-original\n")
                + Fixtures.basicFields
        ])
        #expect(
            diagnostics(building: folder3.url).report.contains(
                "error: 'untranslated' is for the site's other languages, not its default, 'en'"))
    }

    @Test func aSiteInOneLanguageHasNoSwitcherAndNoEditionFolders() throws {
        let folder = miniSite(
            [
                "Content/site.yaml":
                    "title: Talks\nbase-url: https://example.org/\nsections:\n  - name: rounds\n    dated: true\n",
                "Content/rounds/a.md": "---\ntitle: A\ndate: 2022\n---\nA.\n",
            ], templatesFrom: Self.project)
        let pages = try Self.render(folder)
        #expect(!pages.keys.contains { $0.hasPrefix("uk/") })
        #expect(pages["rounds/a/index.html"]?.contains("class=\"languages\"") == false)
        #expect(pages["rounds/a/index.html"]?.contains("hreflang") == false)
    }
}

/// Dates, sources and citations in Ukrainian: every EDTF form, with the grammar the language needs.
@Suite struct LocalWordsTests {
    static let uk = LocalWords(language: "uk")

    @Test(arguments: [
        ("2022-02-28", "28 лютого 2022"),
        ("2022-03", "березень 2022"),
        ("2022", "2022"),
        ("2022-03~", "бл. березня 2022"),
        ("2022-03?", "березень 2022 (непевно)"),
        ("2022-03%", "бл. березня 2022 (непевно)"),
        ("2022-03-XX", "березень 2022 (день невідомий)"),
        ("2022-XX", "2022 (місяць невідомий)"),
        ("2022-XX-XX", "2022 (місяць і день невідомі)"),
        ("2022-21", "весна 2022"),
        ("2022-24~", "бл. зими 2022"),
        ("202X", "2020-ті"),
        ("20XX", "2000–2099"),
        ("2022-05-09/2022-05-15", "9–15 травня 2022"),
        ("2022-02-28/2022-03-03", "28 лютого – 3 березня 2022"),
        ("2022-03/2022-05", "березень–травень 2022"),
        ("2021-12-28/2022-01-03", "28 грудня 2021 – 3 січня 2022"),
        ("2022-03~/2022-05~", "бл. березня–травня 2022"),
        ("2022-03-01?/2022-03-10", "1–10 березня 2022 (початок: непевний)"),
        ("2022-09/..", "з вересня 2022"),
        ("../2022-03", "до березня 2022"),
        ("2022-09/", "з вересня 2022 (кінець невідомий)"),
        ("/2022-03-05", "до 5 березня 2022 (початок невідомий)"),
        ("202X/..", "з 2020-х"),
    ])
    func ukrainianDates(edtf: String, words: String) throws {
        let date = try EDTFDate.parse(edtf).get()
        #expect(date.text(Self.uk) == words)
    }

    @Test func englishIsAsBefore() throws {
        #expect(try EDTFDate.parse("2022-03~").get().text == "c. March 2022")
        #expect(try EDTFDate.parse("2022-03-01?/2022-03-10").get().text == "1–10 March 2022 (start uncertain)")
        #expect(try EDTFDate.parse("2022-09/").get().text == "from September 2022 (end unknown)")
    }

    @Test func aSourceInUkrainian() {
        let reference = Reference(
            id: "hopkins2022", authors: [Name(family: "Hopkins", given: "Valerie")], title: "Initial talks",
            containerTitle: "The New York Times", issued: EntryDate(year: 2022, month: 2, day: 28),
            accessed: EntryDate(year: 2022, month: 3, day: 16), language: "en", location: SourceLocation(file: "x"))
        let html = ReferenceFormatter.html(reference, siteLanguage: "uk", smart: true, words: Self.uk)
        #expect(
            html
                == "Hopkins, Valerie (28 лютого 2022). «Initial talks». <i>The New York Times</i> (мова: англійська). Процитовано 16 березня 2022."
        )
    }

    @Test func aSourceInThePagesLanguageShowsNoTranslations() {
        let reference = Reference(
            id: "roshchina2022", title: "Переговори почалися", language: "uk",
            translatedTitle: "Negotiations began", location: SourceLocation(file: "x"))
        #expect(ReferenceFormatter.html(reference, siteLanguage: "uk", words: Self.uk) == "\"Переговори почалися\".")
        #expect(
            ReferenceFormatter.html(reference, siteLanguage: "en")
                == "\"Переговори почалися\" [Negotiations began] (in Ukrainian).")
    }

    @Test func aNoteInTheEditionsLanguageFromCSLM() throws {
        let file = SourceFile(
            path: "Content/bibliography.yaml",
            text: """
                references:
                  - id: a
                    title: A
                    note: Retrieved 7 March 2022.
                    multi:
                      _keys:
                        note:
                          uk: Процитовано 7 березня 2022.

                """)
        let (bibliography, problems) = BibliographyParser.parse([file])
        #expect(problems.isEmpty)
        let reference = try #require(bibliography.reference("a"))
        #expect(
            ReferenceFormatter.html(reference, siteLanguage: "uk", words: Self.uk).contains(
                "Процитовано 7 березня 2022."))
        #expect(ReferenceFormatter.html(reference, siteLanguage: "en").contains("Retrieved 7 March 2022."))
    }

    @Test func citationsNameAuthorsInTheLanguage() {
        var reference = Reference(
            id: "r", authors: [Name(family: "Reevell", given: "Patrick"), Name(family: "Hutchinson", given: "Bill")],
            location: SourceLocation(file: "x"))
        #expect(reference.authorLabel(words: Self.uk) == "Reevell і Hutchinson")
        reference.authors.append(Name(family: "Smith", given: "A"))
        #expect(reference.authorLabel(words: Self.uk) == "Reevell та ін.")
    }
}
