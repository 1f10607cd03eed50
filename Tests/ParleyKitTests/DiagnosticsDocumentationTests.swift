import Foundation
import Testing
@testable import ParleyKit

/// The manual's page of diagnostics (`Documentation/Content/reference/diagnostics.md`) is written from the test
/// fixtures: each broken site of `Tests/Fixtures/Invalid/` and `Tests/Fixtures/Check/`, with the files that break
/// it and exactly what Parley prints for it (its `expected-diagnostics.txt`, which ``InvalidSiteTests`` and
/// ``SiteCheckerTests`` hold to the real output). So every example on the page is one Parley really gives.
/// Re-record with `PARLEY_RECORD=1 swift test --filter DiagnosticsDocumentationTests`.
@Suite struct DiagnosticsDocumentationTests {
    static let page = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Documentation/Content/reference/diagnostics.md")
    static let begin = "<!-- diagnostics: made by DiagnosticsDocumentationTests -->\n"
    static let end = "<!-- end of diagnostics -->\n"

    /// A fixture, as the page shows it: its heading and one sentence of what it shows.
    struct Case {
        var fixture: String
        var title: String
        var about: String
    }

    /// The fixtures of `parley build`, in the page's order (related mistakes together).
    static let buildCases: [Case] = [
        // The site's folders and settings
        Case(
            fixture: "no-content-folder", title: "No Content folder",
            about: "A site folder without `Content/` is not a site."),
        Case(
            fixture: "missing-settings-and-templates", title: "No site.yaml and no Templates folder",
            about:
                "A site needs `Content/site.yaml` and `Templates/`; without the templates, each kind of page also lacks its template."
        ),
        Case(
            fixture: "empty-content", title: "No entries",
            about: "A site whose sections hold no entry at all has nothing to publish."),
        Case(
            fixture: "no-sections", title: "No sections",
            about: "`site.yaml` must list the sections: the folders of `Content/` that hold the entries."),
        Case(
            fixture: "unknown-section-folder", title: "A folder that is not a section",
            about:
                "Every folder of `Content/` must be a section that `site.yaml` lists, so that no entry is left out silently."
        ),
        Case(
            fixture: "invalid-site-settings", title: "Mistakes in site.yaml",
            about:
                "Each setting of `Content/site.yaml` is checked where it is written: a missing title, a value of the wrong type, a section, kind of subject or field that is misnamed, listed twice or unknown."
        ),
        Case(
            fixture: "more-site-settings", title: "More mistakes in site.yaml",
            about:
                "Addresses and numbers are checked (`base-url`, `feed-limit`, `page-size`), and so are the shapes of `languages`, `fields` and `sections`, two sections at one URL path, and a field declared again for a section or with another type."
        ),
        Case(
            fixture: "base-url-not-a-folder", title: "A base URL that is not a folder's address",
            about: "`base-url` has no query, fragment or user name, and does not end in a file name."),
        Case(
            fixture: "invalid-languages", title: "Mistakes in the languages",
            about:
                "Each item of `languages` is a BCP 47 tag, listed once, the default first and without words of its own; the other languages' `untranslated`, `sections` and `subjects` are checked."
        ),
        Case(
            fixture: "invalid-schema", title: "Mistakes in a section's schema",
            about:
                "A section's `schema` says what its entries are to search engines (schema.org): a known `type` and, for an `Event`, a `location` and an `attendee` that name fields of a fitting type."
        ),
        Case(
            fixture: "image-not-an-asset", title: "A sharing picture that is not there",
            about:
                "`image` is the picture shown where a page is shared: an absolute address, or a file of `Templates/assets/` written as it is published (`assets/card.png`), which must be there."
        ),
        Case(
            fixture: "cascade-site-yaml-syntax", title: "site.yaml that is not YAML",
            about:
                "When `site.yaml` cannot be read, only that is reported, not every entry that its settings would have explained."
        ),
        Case(
            fixture: "home-unknown-entry", title: "A home page that names no entry",
            about: "`home` must name an entry by its slug; a near miss gets a did-you-mean."),
        Case(
            fixture: "section-path-double-slash", title: "A section path that is not a URL path",
            about: "A section's `path` is the folder of its entries' addresses, so it must be a clean URL path."),
        Case(
            fixture: "section-path-on-generated-page", title: "A section list where Parley writes a page",
            about: "A section's list page may not take the address of a page Parley makes, such as the bibliography."),
        Case(
            fixture: "entry-replaces-generated-page", title: "An entry where Parley writes a page",
            about: "An entry may not take the address of a page Parley makes: every page has one owner."),
        Case(
            fixture: "warn-section-without-folder", title: "A section without a folder",
            about:
                "A section that `site.yaml` lists but that has no folder in `Content/` has no entries: a warning, in case the folder is misnamed."
        ),
        // Entry files and front matter
        Case(
            fixture: "bad-file-name", title: "A file name that is not a slug",
            about: "An entry's file name is its slug, its name in URLs and links: lowercase letters, digits and `-`."),
        Case(
            fixture: "duplicate-slug", title: "Two entries with one slug",
            about: "Slugs are unique across the whole site, so that a link names one entry."),
        Case(
            fixture: "not-utf8", title: "A file that is not UTF-8",
            about:
                "Entries are read as UTF-8; the first byte that is not is located, with a hint about the likely encoding."
        ),
        Case(
            fixture: "cascade-unreadable-entry", title: "An unreadable entry that others link to",
            about:
                "An entry that cannot be read is reported once; the links to it from other entries are not reported as broken as well."
        ),
        Case(
            fixture: "no-front-matter", title: "No front matter",
            about: "An entry starts with its front matter between two `---` lines."),
        Case(
            fixture: "unclosed-front-matter", title: "Front matter that is never closed",
            about: "The front matter ends at the next `---` line; without one, the whole file would be front matter."),
        Case(
            fixture: "invalid-yaml", title: "Front matter that is not YAML",
            about: "A YAML mistake in the front matter is reported at its line and column, in plain words."),
        Case(
            fixture: "yaml-too-deep", title: "YAML nested too deeply",
            about: "The YAML reader stops past 1000 levels of lists and sets of fields, with this error at the place."),
        Case(
            fixture: "escaped-control-characters", title: "Control characters written as YAML escapes",
            about:
                "A value with `\\0`, `\\e` or `\\x02` is refused as the character itself is; messages show such characters escaped."
        ),
        Case(
            fixture: "front-matter-not-fields", title: "Front matter that is not a set of fields",
            about: "The front matter is `field: value` lines, each field a plain name; an empty file has none."),
        Case(
            fixture: "alias-bomb", title: "YAML aliases that would multiply",
            about:
                "YAML anchors and aliases that would multiply a small file into a huge one are read as the values they are, never expanded without end."
        ),
        Case(
            fixture: "duplicate-field", title: "A field written twice",
            about: "A front-matter field may be written once."),
        Case(
            fixture: "missing-required-field", title: "A missing title or date",
            about: "Every entry needs a `title`, and every entry of a dated section a `date`."),
        Case(
            fixture: "updated-not-a-day", title: "An updated date that is not a day",
            about: "`updated` says on which day an entry that git cannot date was last changed, so it must be a day."),
        Case(
            fixture: "wrong-type", title: "A field of the wrong type",
            about:
                "Each built-in field has a type: text, a list, `true` or `false`; a value of another type is an error at its place."
        ),
        Case(
            fixture: "weight-not-a-number", title: "A weight that is not a whole number",
            about:
                "`weight` orders an undated section, so it must be an integer; in a dated section, whose order is the dates', it has no effect and a warning says so."
        ),
        Case(
            fixture: "declared-fields", title: "Declared fields",
            about:
                "The fields a site declares are checked against their types (number, boolean, date, url, entry, list…), required ones must be there, and templates may use only the fields that exist."
        ),
        Case(
            fixture: "invalid-subjects", title: "Subject terms written wrongly",
            about: "A kind of subject is a list of terms, each a name or `{name: …, original: …, sort: …}`."),
        // Dates and order
        Case(
            fixture: "invalid-date", title: "Dates that are not valid",
            about:
                "A date is written in EDTF: a malformed date, an impossible day, an interval that ends before it starts and two qualifiers are each an error that quotes the value and lists the accepted forms."
        ),
        Case(
            fixture: "order-relations", title: "After and before that cannot hold",
            about: "`after` and `before` must name dated entries that exist, and may not contradict the dates."),
        Case(
            fixture: "order-circle", title: "After and before in a circle",
            about:
                "Relations that go round in a circle, or an entry said to come before or after itself, give no order."),
        Case(
            fixture: "order-contradictions", title: "After and before that contradict the dates",
            about:
                "A relation may not take an entry out of its own date, nor put it after one entry and before another that comes first."
        ),
        // Links
        Case(
            fixture: "unknown-related", title: "Related entries that do not exist",
            about: "Each slug in `related` must be an entry's."),
        Case(
            fixture: "broken-links", title: "Links between entries that lead nowhere",
            about:
                "Entry links (`[[slug]]`, `[[slug#heading]]`) and Markdown links to other entries' files are checked when the site is built."
        ),
        Case(
            fixture: "alias-collisions", title: "Aliases that cannot be redirected",
            about:
                "An alias is a former address of the entry: not its own address, not in the assets folder, and not another page's."
        ),
        Case(
            fixture: "invalid-aliases", title: "Aliases that are not addresses",
            about:
                "An alias is the path of a former address of the site: not a whole URL, a query, a file that is not a page, or the home page."
        ),
        // Notes, citations and the bibliography
        Case(
            fixture: "alias-reserved-names", title: "Aliases on files Parley writes",
            about:
                "An alias cannot be inside a file Parley writes (`feed.xml`, the exports), inside the search index's folder, or another page's address with different capitals, which macOS and Windows hold as one file."
        ),
        Case(
            fixture: "aliases-unsafe", title: "Aliases no file system or reader should trust",
            about:
                "An alias has no URL scheme, invisible formatting character, `.parley` name, name over 255 bytes, or escaped `?`, `#` or `\\`."
        ),
        Case(
            fixture: "entry-in-edition-folder", title: "Addresses in another edition's folder",
            about:
                "Nothing of the default edition, neither entry nor alias, may be at `/uk/` or below it when the site has a `uk` edition."
        ),
        Case(
            fixture: "footnotes", title: "Explanatory notes that do not match",
            about: "A note referred to must be defined, and a note defined once."),
        Case(
            fixture: "undefined-citation-key", title: "Citing a source that is not in the bibliography",
            about: "Every citation key must be a source of the bibliography; a near miss gets a did-you-mean."),
        Case(
            fixture: "citations-without-bibliography", title: "Citations without a bibliography",
            about: "Entries that cite sources need `Content/bibliography.yaml` or `Content/bibliography.json`."),
        Case(
            fixture: "table-cell-diagnostics", title: "Mistakes inside a table",
            about: "Links and citations in a table's cells are located at their own line and column."),
        Case(
            fixture: "bibliography-errors", title: "Mistakes in bibliography.yaml",
            about: "Each source of the CSL YAML bibliography is checked: its names, dates, fields and id."),
        Case(
            fixture: "bibliography-json-errors", title: "Mistakes in bibliography.json",
            about: "The CSL-JSON bibliography is checked the same way."),
        Case(
            fixture: "cascade-bibliography-syntax", title: "A bibliography that is not YAML",
            about: "When the bibliography cannot be read, only that is reported, not every citation of it."),
        Case(
            fixture: "bibliography-structure", title: "The shape of bibliography.yaml",
            about:
                "The list of sources and each source's id, fields, names and dates are checked at their place, in the shapes CSL YAML allows."
        ),
        Case(
            fixture: "bibliography-json-structure", title: "The shape of bibliography.json",
            about: "The CSL-JSON file is an array of objects, checked the same way."),
        Case(
            fixture: "bibliography-not-a-list", title: "A bibliography that is not a list",
            about: "The sources are a list: under `references:` in YAML, an array in CSL-JSON."),
        Case(
            fixture: "bibliography-without-references", title: "A bibliography without its list of sources",
            about: "A YAML bibliography starts with `references:`, and a CSL-JSON file is never empty."),
        Case(
            fixture: "bibliography-misspelt", title: "A misspelt references line, and a field written twice",
            about:
                "A YAML bibliography without a `references:` line has no sources; a field written twice in a JSON object is an error, as it is in YAML."
        ),
        // Languages
        Case(
            fixture: "warn-bibliography-link-scheme", title: "Source links that are not web addresses",
            about: "A `URL`, `archive-url` or `DOI` with a scheme other than http or https is left out, with a warning."
        ),
        Case(
            fixture: "translation-errors", title: "Translations and strings files",
            about:
                "A translation sits beside its entry, in one of the site's languages, and takes from it the facts every edition shares; a strings file names its strings well, has every string the others have, and gives Parley's own words in a language Parley does not know."
        ),
        Case(
            fixture: "glossary-errors", title: "Mistakes in a glossary",
            about:
                "A glossary, `Content/terms.LANGUAGE.yaml`, lists terms under the kinds of subject of `site.yaml`, each with its name in the language as text."
        ),
        // Templates
        Case(
            fixture: "missing-page-template", title: "A missing page template",
            about: "Each kind of page the site has needs its template."),
        Case(
            fixture: "missing-bibliography-template", title: "A missing bibliography template",
            about: "A site with sources has a bibliography page, so it needs `bibliography.mustache`."),
        Case(
            fixture: "missing-partial", title: "A partial that does not exist",
            about: "A partial is named by its path under `Templates/`; a near miss gets a did-you-mean."),
        Case(
            fixture: "template-does-not-parse", title: "A template that does not parse",
            about: "A Mustache mistake is reported at its tag, saying what is wrong and where the section was opened."),
        Case(
            fixture: "template-tag-never-closed", title: "A tag that is never closed",
            about: "A tag without its closing braces is reported where it starts."),
        Case(
            fixture: "template-tag-mistakes", title: "More tags that do not parse",
            about:
                "Each template reports its first mistake: a malformed delimiter change, an empty tag, a section closed but never opened or opened but never closed, anything but a block inside a parent tag."
        ),
        Case(
            fixture: "template-unknown-name", title: "A name no value has",
            about:
                "Templates are checked against the values of each kind of page that uses them, so a misspelt name is an error, never an empty space."
        ),
        Case(
            fixture: "template-unknown-helper", title: "A helper that does not exist",
            about: "Helpers are checked like every name."),
        Case(
            fixture: "template-section-misuse", title: "A value used the wrong way",
            about: "A list cannot be printed, a number cannot open a section, and a list helper needs a list."),
        Case(
            fixture: "template-value-mistakes", title: "Names and helpers written wrongly",
            about:
                "A partial named by a value cannot be checked, so it is an error; a name has no empty part, and each helper takes the value it needs."
        ),
        Case(
            fixture: "template-block-misspelt", title: "An override of a block the parent does not have",
            about: "An override whose name the parent template does not have would never be shown."),
        Case(
            fixture: "template-includes-itself", title: "A partial that includes itself",
            about: "Partials that include each other in a circle would never end."),
        // Warnings: the site still builds
        Case(
            fixture: "template-too-deep", title: "Sections nested too deep",
            about:
                "Sections, blocks and parent tags may nest at most 100 deep, counting through partials; the tag that goes deeper is an error."
        ),
        Case(
            fixture: "warn-unknown-field", title: "Unknown fields and stray files",
            about:
                "A misspelt front-matter field, or a file that is in no section, is a warning: the site builds without it."
        ),
        Case(
            fixture: "warn-link-to-draft", title: "Links to a draft",
            about: "A link to a draft leads nowhere in a build without `--drafts`: a warning, not an error."),
        Case(
            fixture: "warn-subject-spelling", title: "One term spelt two ways",
            about:
                "Terms that differ only in case or accents, or that are given two original spellings, are probably one term."
        ),
        Case(
            fixture: "warn-footnotes", title: "Notes never referred to, and sources never cited",
            about: "An unused note, an indented block after a note, and a source no entry cites are warnings."),
        Case(
            fixture: "warn-stray-file-and-self-link",
            title: "A file that is not an entry, and an entry related to itself",
            about:
                "A file in a section's folder that is not Markdown is ignored, and an entry that names itself in `related` is probably a slip: warnings."
        ),
        Case(
            fixture: "warn-glossary", title: "A glossary that misses a term",
            about:
                "A term the glossary does not name is shown as written, and a name that no entry's term has is probably misspelt: warnings."
        ),
        Case(
            fixture: "warn-glossary-many", title: "A glossary with many unused names",
            about:
                "Names that no entry's term uses make one warning, at the first, with their count and the first five."),
    ]

    @Test func everyFixtureIsOnThePageOnce() {
        #expect(
            Set(Self.buildCases.map(\.fixture)) == Set(Self.fixtures(in: "Invalid")),
            "every folder of Tests/Fixtures/Invalid needs a Case in buildCases, and only those")
        #expect(
            Set(Self.checkCases.map(\.fixture)) == Set(Self.fixtures(in: "Check")),
            "every folder of Tests/Fixtures/Check needs a Case in checkCases, and only those")
        #expect(Self.buildCases.count == Set(Self.buildCases.map(\.fixture)).count)
        let titles = (Self.buildCases + Self.checkCases).map(\.title)
        #expect(titles.count == Set(titles).count, "each heading is different, so each has its own id")
    }

    @Test func theManualShowsEveryDiagnosticFixture() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        guard let start = text.range(of: Self.begin),
            let stop = text.range(of: Self.end, range: start.upperBound..<text.endIndex)
        else {
            Issue.record("\(Self.page.path) has no diagnostics section between its markers")
            return
        }
        let expected = try Self.reference() + "\n"
        if Fixtures.recording {
            try (text[..<start.upperBound] + expected + text[stop.lowerBound...]).write(
                to: Self.page, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            String(text[start.upperBound..<stop.lowerBound]) == expected,
            "the fixtures changed: re-record with PARLEY_RECORD=1 swift test --filter DiagnosticsDocumentationTests")
    }

    /// A text block is fenced longer than any backticks inside it, so a fixture's Markdown cannot end it early.
    @Test func aBlockIsNeverClosedByItsContent() {
        #expect(Self.block("a\n```\nb") == "````text\na\n```\nb\n````\n")
        #expect(Self.block("plain") == "```text\nplain\n```\n")
    }
}
