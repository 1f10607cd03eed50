import ParleyTemplates

/// The bibliography page.
final class BibliographyPageValues: PageRoot {
    static let kind = "bibliography"
    let common: CommonValues
    let bibliography: BibliographyValues

    init(common: CommonValues, bibliography: BibliographyValues) {
        self.common = common
        self.bibliography = bibliography
    }

    static let templateType = TemplateType(
        "bibliography page", of: BibliographyPageValues.self,
        commonFields([
            .object("bibliography", "the bibliography") { $0.bibliography }
        ]))
}

/// `bibliography`: every source, the cited ones with the entries citing them.
final class BibliographyValues: TemplateObject {
    let sourceCount: Int
    let citationCount: Int
    let cited: [SourceValues]
    let furtherReading: [SourceValues]

    init(sourceCount: Int, citationCount: Int, cited: [SourceValues], furtherReading: [SourceValues]) {
        self.sourceCount = sourceCount
        self.citationCount = citationCount
        self.cited = cited
        self.furtherReading = furtherReading
    }

    static let templateType = TemplateType(
        "bibliography", of: BibliographyValues.self,
        [
            .number("sourceCount", "how many sources") { $0.sourceCount },
            .number("citedCount", "how many of them are cited") { $0.cited.count },
            .number("citationCount", "how many citations in all") { $0.citationCount },
            .list("cited", "the cited sources, by author, title and date") { $0.cited },
            .list("furtherReading", "the sources no entry cites") { $0.furtherReading },
            .text("json", "the CSL-JSON export") { _ in Routes.bibliographyJSON },
            .text("bibtex", "the BibTeX export") { _ in Routes.bibliographyBibTeX },
        ])
}

/// One source on the bibliography page.
final class SourceValues: TemplateObject {
    let id: String
    let url: String
    let html: String
    let citedIn: [CitingValues]
    let coins: String

    init(id: String, url: String, html: String, citedIn: [CitingValues], coins: String = "") {
        self.id = id
        self.url = url
        self.html = html
        self.citedIn = citedIn
        self.coins = coins
    }

    static let templateType = TemplateType(
        "source", of: SourceValues.self,
        [
            .text("id", "its key, and its anchor") { $0.id },
            .text("url", "its place on the bibliography's pages") { $0.url },
            .text("html", "the source in the house style: print it with `{{{html}}}`") { $0.html },
            .list("citedIn", "the entries citing it, each with its note there") { $0.citedIn },
            .text(
                "coins",
                "the source as an OpenURL ContextObject, for `<span class=\"Z3988\" title=\"{{coins}}\">` (COinS), which reference managers import"
            ) { $0.coins },
        ])
}

/// An entry citing a source, with the number of the source's note there.
final class CitingValues: TemplateObject {
    let summary: EntrySummary
    let note: Int

    init(summary: EntrySummary, note: Int) {
        self.summary = summary
        self.note = note
    }

    static let templateType = TemplateType(
        "citation", of: CitingValues.self,
        EntrySummary.fields { $0.summary } + [
            .number("note", "the note's number in that entry") { $0.note },
            .text("noteURL", "the note on the entry's page") {
                $0.summary.url + "#" + CitationHTML.noteID($0.note)
            },
        ])
}
