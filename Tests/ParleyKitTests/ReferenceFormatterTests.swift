import Testing
@testable import ParleyKit

/// The house style, field by field, present and absent.
@Suite struct ReferenceFormatterTests {
    static let here = SourceLocation(file: "Content/bibliography.yaml", line: 1, column: 1)

    func html(_ reference: Reference, site: String = "en") -> String {
        ReferenceFormatter.html(reference, siteLanguage: site)
    }

    func source(_ title: String? = "Title", _ change: (inout Reference) -> Void = { _ in }) -> Reference {
        var reference = Reference(id: "x", title: title, location: Self.here)
        change(&reference)
        return reference
    }

    static let hopkins = Name(family: "Hopkins", given: "Valerie")
    static let hutchinson = Name(family: "Hutchinson", given: "Bill")

    // MARK: Golden strings

    @Test func aNewspaperArticleWithEveryField() {
        let reference = Reference(
            id: "full", type: "article-newspaper",
            authors: [Name(family: "Roshchina", given: "Olena"), Self.hopkins],
            editors: [Name(family: "Smith", given: "Jane")],
            title: "Переговори почалися", containerTitle: "Українська правда", publisher: "Online Media",
            issued: EntryDate(year: 2022, month: 2, day: 28), accessed: EntryDate(year: 2022, month: 3, day: 16),
            url: "https://www.pravda.com.ua/news/2022/02/28/7328/", issn: "0362-4331", language: "uk",
            page: "4-7", note: "Updated hourly.",
            archiveURL: "https://web.archive.org/web/20220314/https://www.pravda.com.ua/news/2022/02/28/7328/",
            archiveDate: EntryDate(year: 2022, month: 3, day: 14),
            translatedTitle: "Negotiations began", translatedContainerTitle: "Ukrainska Pravda",
            quote: "Деталі: переговори тривають.", translatedQuote: "Details: the talks go on.",
            agency: ["Reuters", "Agence France-Presse"], location: Self.here)
        #expect(
            html(reference) == """
                Roshchina, Olena; Hopkins, Valerie (28 February 2022). "<a href="https://www.pravda.com.ua/news/2022/02/28/7328/">Переговори почалися</a>" [Negotiations began]. \
                In Smith, Jane (ed.). <i>Українська правда</i> [Ukrainska Pravda] (in Ukrainian). Online Media. Reuters, Agence France-Presse. \
                pp. 4–7. ISSN 0362-4331. \
                <a href="https://web.archive.org/web/20220314/https://www.pravda.com.ua/news/2022/02/28/7328/">Archived from the original</a> on 14 March 2022. \
                Retrieved 16 March 2022. Updated hourly. “Деталі: переговори тривають.” [Details: the talks go on.]
                """)
    }

    @Test func noAuthorPutsTheDateAfterTheContainerAndAgency() {
        let reference = source("Ukraine and Russia hold third round of talks") {
            $0.containerTitle = "Deutsche Welle"
            $0.agency = ["Reuters", "Agence France-Presse", "Deutsche Presse-Agentur"]
            $0.issued = EntryDate(year: 2022, month: 3, day: 7)
            $0.archiveURL = "https://web.archive.org/x"
            $0.archiveDate = EntryDate(year: 2022, month: 3, day: 14)
        }
        #expect(
            html(reference) == """
                "Ukraine and Russia hold third round of talks". <i>Deutsche Welle</i>. Reuters, Agence France-Presse, Deutsche Presse-Agentur. \
                7 March 2022. <a href="https://web.archive.org/x">Archived from the original</a> on 14 March 2022.
                """)
    }

    @Test func oneAuthor() {
        let reference = source("Initial talks between Russia and Ukraine yield no resolution") {
            $0.authors = [Self.hopkins]
            $0.containerTitle = "The New York Times"
            $0.issn = "0362-4331"
            $0.issued = EntryDate(year: 2022, month: 2, day: 28)
        }
        #expect(
            html(reference) == """
                Hopkins, Valerie (28 February 2022). "Initial talks between Russia and Ukraine yield no resolution". <i>The New York Times</i>. ISSN 0362-4331.
                """)
    }

    @Test func twoAuthors() {
        let reference = source("2nd round of talks") {
            $0.authors = [Name(family: "Reevell", given: "Patrick"), Self.hutchinson]
            $0.containerTitle = "ABC News"
            $0.issued = EntryDate(year: 2022, month: 3)
        }
        #expect(
            html(reference)
                == "Reevell, Patrick; Hutchinson, Bill (March 2022). \"2nd round of talks\". <i>ABC News</i>.")
    }

    @Test func anOrganisationAsAuthor() {
        let reference = source("Annual report") {
            $0.authors = [Name(literal: "Office of the United Nations High Commissioner for Human Rights")]
            $0.issued = EntryDate(year: 2023)
        }
        #expect(
            html(reference)
                == "Office of the United Nations High Commissioner for Human Rights (2023). \"Annual report\".")
    }

    @Test func editors() {
        let edited = source("The War in Ukraine") {
            $0.type = "book"
            $0.editors = [Name(family: "Smith", given: "Jane"), Name(family: "Doe", given: "John")]
            $0.publisher = "Polity"
            $0.issued = EntryDate(year: 2023)
        }
        #expect(html(edited) == "Smith, Jane; Doe, John (eds.) (2023). <i>The War in Ukraine</i>. Polity.")
        let chapter = source("Negotiating under fire") {
            $0.type = "chapter"
            $0.authors = [Self.hopkins]
            $0.editors = [Name(family: "Smith", given: "Jane")]
            $0.containerTitle = "The War in Ukraine"
            $0.page = "12"
        }
        #expect(
            html(chapter)
                == "Hopkins, Valerie. \"Negotiating under fire\". In Smith, Jane (ed.). <i>The War in Ukraine</i>. p. 12."
        )
        let noContainer = source("Collected papers") {
            $0.authors = [Self.hopkins]
            $0.editors = [Name(family: "Smith", given: "Jane")]
        }
        #expect(html(noContainer) == "Hopkins, Valerie. \"Collected papers\". Smith, Jane (ed.).")
    }

    @Test func noDate() {
        let reference = source("Why Russia is pushing a return to negotiations") {
            $0.containerTitle = "Meduza"
            $0.note = "Retrieved 26 October 2022. No author or publication date given."
        }
        #expect(
            html(reference)
                == "\"Why Russia is pushing a return to negotiations\". <i>Meduza</i>. Retrieved 26 October 2022. No author or publication date given."
        )
        #expect(html(source("Title") { $0.authors = [Self.hopkins] }) == "Hopkins, Valerie. \"Title\".")
        #expect(html(source("Title") { $0.authors = [Name(family: "Smith", given: "J.")] }) == "Smith, J. \"Title\".")
    }

    @Test func urlOrNoURL() {
        let linked = source("Title") {
            $0.url = "https://example.org/a?b=1&c=2"
            $0.accessed = EntryDate(year: 2022, month: 3, day: 16)
        }
        #expect(html(linked) == "\"<a href=\"https://example.org/a?b=1&amp;c=2\">Title</a>\". Retrieved 16 March 2022.")
        #expect(html(source("Title")) == "\"Title\".")
        // No link is made to a script.
        #expect(html(source("Title") { $0.url = "javascript:alert(1)" }) == "\"Title\".")
        #expect(html(source("Title") { $0.url = " JavaScript:alert(1)" }) == "\"Title\".")
    }

    @Test func archiveWithAndWithoutURL() {
        let withURL = source("Title") {
            $0.url = "https://example.org/a"
            $0.archiveURL = "https://web.archive.org/web/2022/https://example.org/a"
            $0.archiveDate = EntryDate(year: 2022, month: 3, day: 14)
        }
        #expect(
            html(withURL) == """
                "<a href="https://example.org/a">Title</a>". <a href="https://web.archive.org/web/2022/https://example.org/a">Archived from the original</a> on 14 March 2022.
                """)
        let dateOnly = source("Title") { $0.archiveDate = EntryDate(year: 2022, month: 3, day: 14) }
        #expect(html(dateOnly) == "\"Title\". Archived on 14 March 2022.")
    }

    @Test func aLanguageOtherThanTheSites() {
        let withContainer = source("Переговори") {
            $0.containerTitle = "Українська правда"
            $0.language = "uk"
        }
        #expect(html(withContainer) == "\"Переговори\". <i>Українська правда</i> (in Ukrainian).")
        let titleOnly = source("Переговори") {
            $0.translatedTitle = "Negotiations"
            $0.language = "uk-UA"
        }
        #expect(html(titleOnly) == "\"Переговори\" [Negotiations] (in Ukrainian).")
        #expect(html(source("Titre") { $0.language = "xx" }) == "\"Titre\" (in xx).")
        #expect(html(source("Titre") { $0.language = "French" }) == "\"Titre\" (in French).")
    }

    @Test func theSitesLanguageIsNotShown() {
        #expect(html(source("Title") { $0.language = "en-GB" }) == "\"Title\".")
        #expect(html(source("Title") { $0.language = "English" }) == "\"Title\".")
        #expect(html(source("Titel") { $0.language = "de" }, site: "de-AT") == "\"Titel\".")
        #expect(html(source("Title") { $0.language = "en" }, site: "de") == "\"Title\" (in English).")
    }

    @Test func pages() {
        #expect(html(source("Title") { $0.page = "4" }) == "\"Title\". p. 4.")
        #expect(html(source("Title") { $0.page = "4-7" }) == "\"Title\". pp. 4–7.")
        #expect(html(source("Title") { $0.page = "4--7, 12" }) == "\"Title\". pp. 4–7, 12.")
        #expect(html(source("Title") { $0.page = "A4-B2" }) == "\"Title\". pp. A4-B2.")
    }

    @Test func noDoubledPeriodAfterATitleThatEndsInPunctuation() {
        #expect(
            html(source("Is peace possible?") { $0.containerTitle = "Foreign Affairs" })
                == "\"Is peace possible?\" <i>Foreign Affairs</i>.")
        #expect(html(source("Stop!")) == "\"Stop!\"")
        #expect(html(source("U.S.")) == "\"U.S.\"")
        #expect(html(source("Why?") { $0.translatedTitle = "Pourquoi ?" }) == "\"Why?\" [Pourquoi ?].")
        #expect(html(source("Title") { $0.containerTitle = "Yahoo!" }) == "\"Title\". <i>Yahoo!</i>")
        #expect(html(source("Title") { $0.note = "Seen." }) == "\"Title\". Seen.")
    }

    @Test func quoteWithAndWithoutTranslation() {
        #expect(html(source("Title") { $0.quote = "We talked." }) == "\"Title\". “We talked.”")
        #expect(
            html(
                source("Title") {
                    $0.quote = "Ми говорили."
                    $0.translatedQuote = "We talked."
                }) == "\"Title\". “Ми говорили.” [We talked.]")
    }

    @Test func everythingIsEscaped() {
        let reference = source("<script>alert(1)</script> & \"friends\"") {
            $0.authors = [Name(family: "O'Brien & <b>", given: "Tom")]
            $0.containerTitle = "A & B"
            $0.url = "https://example.org/?q=\"><script>"
            $0.quote = "<i>"
        }
        #expect(
            html(reference) == """
                O'Brien &amp; &lt;b&gt;, Tom. "<a href="https://example.org/?q=&quot;&gt;&lt;script&gt;">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;</a>". <i>A &amp; B</i>. “&lt;i&gt;”
                """)
    }

    @Test func missingFieldsLeaveNoStrayPunctuation() {
        #expect(html(source(nil)) == "")
        #expect(html(source(nil) { $0.translatedTitle = "Only a translation" }) == "[Only a translation].")
        #expect(html(source("Title") { $0.translatedContainerTitle = "No container" }) == "\"Title\".")
        let everythingEmpty = html(source("T") { $0.agency = [] })
        #expect(
            !everythingEmpty.contains(". .") && !everythingEmpty.contains("  ") && !everythingEmpty.contains("\"\""))
    }

    @Test func theRealBibliographyFormats() throws {
        let (bibliography, _) = BibliographyParser.parse([BibliographyParserTests.realBibliography])
        let roshchina = try #require(bibliography.reference("roshchina2022"))
        #expect(
            html(roshchina) == """
                Roshchina, Olena (28 February 2022). "Переговори делегацій України та Росії почалися" [Negotiations between the delegations of Ukraine and Russia began]. \
                <i>Українська правда</i> [Ukrainska Pravda] (in Ukrainian). Archived 14 March 2022; retrieved 7 March 2022. \
                “Деталі: Переговори відбуваються на Гомельщині на березі річки Прип'ять. Із міркувань безпеки точне місце організатори переговорів не називають.” \
                [Details: Negotiations are taking place in the Gomel region on the banks of the Pripyat River. For security reasons, the organizers of the talks did not name the exact location.]
                """)
        // No stray punctuation of the formatter's own (quotes are the sources' words, so left out here).
        for var reference in bibliography.references {
            reference.quote = nil
            let text = html(reference)
            #expect(
                !text.isEmpty && !text.contains(". .") && !text.contains("  ") && !text.contains(".."),
                "\(reference.id): \(text)")
        }
    }

    // MARK: Sorting and citing

    @Test func sortKeysOrderByAuthorThenTitleThenDate() {
        let references = [
            source("Zebra") { $0.id = "zebra-untitled-author" },
            source("b title") {
                $0.id = "hopkins-b"
                $0.authors = [Self.hopkins]
            },
            source("A title") {
                $0.id = "hopkins-a-2023"
                $0.authors = [Self.hopkins]
                $0.issued = EntryDate(year: 2023)
            },
            source("A title") {
                $0.id = "hopkins-a-2022"
                $0.authors = [Self.hopkins]
                $0.issued = EntryDate(year: 2022)
            },
            source("Title") {
                $0.id = "eckert"
                $0.authors = [Name(family: "Éckert", given: "A")]
            },
            source("Title") {
                $0.id = "ecker"
                $0.authors = [Name(family: "ecker", given: "B")]
            },
            source("Ukraine talks") { $0.id = "no-author" },
            source("Title") {
                $0.id = "bbc"
                $0.authors = [Name(literal: "BBC News")]
            },
        ]
        let sorted = references.sorted { ReferenceFormatter.sortKey($0) < ReferenceFormatter.sortKey($1) }
        #expect(
            sorted.map(\.id) == [
                "bbc", "ecker", "eckert", "hopkins-a-2022", "hopkins-a-2023", "hopkins-b", "no-author",
                "zebra-untitled-author",
            ])
    }

    @Test func authorLabels() {
        #expect(source { $0.authors = [Self.hopkins] }.authorLabel() == "Hopkins")
        #expect(
            source { $0.authors = [Name(family: "Reevell", given: "Patrick"), Self.hutchinson] }.authorLabel()
                == "Reevell and Hutchinson")
        #expect(
            source {
                $0.authors = [Name(family: "Charap", given: "Samuel"), Name(family: "Radchenko", given: "Sergey")]
            }.authorLabel() == "Charap and Radchenko")
        #expect(
            source {
                $0.authors = [Name(family: "Smith"), Name(family: "Jones"), Name(family: "Brown")]
            }.authorLabel() == "Smith et al.")
        #expect(source { $0.authors = [Name(literal: "Deutsche Welle")] }.authorLabel() == "Deutsche Welle")
        #expect(source { $0.editors = [Self.hopkins] }.authorLabel() == nil)
    }

    @Test func languageNames() {
        #expect(ReferenceFormatter.languageName("uk") == "Ukrainian")
        #expect(ReferenceFormatter.languageName("RU") == "Russian")
        #expect(ReferenceFormatter.languageName("pt-BR") == "Portuguese")
        #expect(ReferenceFormatter.languageName("zh_Hant") == "Chinese")
        #expect(ReferenceFormatter.languageName("qqq") == "qqq")
        // Languages the hand-kept table lacked, from the locale data.
        #expect(ReferenceFormatter.languageName("crh") == "Crimean Tatar")
        #expect(ReferenceFormatter.languageName("ce") == "Chechen")
        #expect(ReferenceFormatter.languageCode("Crimean Tatar") == "crh")
        #expect(ReferenceFormatter.languageCode("ukrainian") == "uk")
        #expect(ReferenceFormatter.sameLanguage("English", "en-GB"))
    }

    /// The table of 70 languages Parley kept by hand before it read the locale data: every name is the same.
    static let formerTable: [String: String] = [
        "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian",
        "bg": "Bulgarian", "bn": "Bengali", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
        "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish",
        "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
        "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
        "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh",
        "ko": "Korean", "ky": "Kyrgyz", "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
        "mn": "Mongolian", "ms": "Malay", "nb": "Norwegian Bokmål", "nl": "Dutch", "nn": "Norwegian Nynorsk",
        "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
        "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
        "tg": "Tajik", "th": "Thai", "tk": "Turkmen", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
        "uz": "Uzbek", "vi": "Vietnamese", "yi": "Yiddish", "zh": "Chinese",
    ]

    /// The one name the locale data gives otherwise: CLDR calls Bengali "Bangla".
    static let renamedByCLDR = ["bn": "Bangla"]

    @Test func theLocaleDataNamesEveryLanguageOfTheFormerTableAsItDid() {
        for (code, former) in Self.formerTable.sorted(by: { $0.key < $1.key }) {
            let name = Self.renamedByCLDR[code] ?? former
            #expect(ReferenceFormatter.languageName(code) == name, "\(code)")
            #expect(ReferenceFormatter.languageCode(name) == code, "\(name)")
        }
        #expect(
            EntryDate.monthNames == [
                "January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December",
            ])
    }
}
