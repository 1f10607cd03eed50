import ParleyTemplates

/// An entry page's values: `entry`, and what every page has.
final class EntryPage: PageRoot {
    static let kind = "entry"
    let common: CommonValues
    let entry: EntryValues

    init(common: CommonValues, entry: EntryValues) {
        self.common = common
        self.entry = entry
    }

    static let templateType = TemplateType(
        "entry page", of: EntryPage.self,
        commonFields([
            .object("entry", "the entry") { $0.entry }
        ]))
}

/// `entry`: everything an entry's page shows.
final class EntryValues: TemplateObject {
    let summary: EntrySummary
    let body: String
    let toc: [TocItem]
    let terms: [KindValues]
    let related: [EntrySummary]
    let linkedFrom: [EntrySummary]
    let previous: EntrySummary?
    let next: EntrySummary?
    let updated: UpdatedValues?
    let references: [ReferenceNote]
    let footnotes: [FootnoteNote]
    let jsonLD: String
    let citationDate: String?

    init(
        summary: EntrySummary, body: String, toc: [TocItem], terms: [KindValues], related: [EntrySummary],
        linkedFrom: [EntrySummary], previous: EntrySummary?, next: EntrySummary?, updated: UpdatedValues?,
        references: [ReferenceNote],
        footnotes: [FootnoteNote] = [], jsonLD: String = "{}", citationDate: String? = nil
    ) {
        self.summary = summary
        self.body = body
        self.toc = toc
        self.terms = terms
        self.related = related
        self.linkedFrom = linkedFrom
        self.previous = previous
        self.next = next
        self.updated = updated
        self.references = references
        self.footnotes = footnotes
        self.jsonLD = jsonLD
        self.citationDate = citationDate
    }

    var entry: Entry { summary.entry }

    static let templateType = TemplateType(
        "entry", of: EntryValues.self,
        EntrySummary.fields { $0.summary } + [
            .text("body", "the body as HTML: print it with `{{{body}}}`") { $0.body },
            .list("toc", "the table of contents, when the body has three headings or more") { $0.toc },
            .list("related", "the entries its front matter names as related") { $0.related },
            .list("linkedFrom", "the entries whose bodies link to it") { $0.linkedFrom },
            .object("previous", "the entry before it in its section") { $0.previous },
            .object("next", "the entry after it in its section") { $0.next },
            .flag("draft", "whether it is a draft") { $0.entry.draft },
            .object("updated", "when it was last changed") { $0.updated },
            .list("footnotes", "its explanatory notes (`[^id]`, `^[…]`), lettered in the order the text refers to them")
            { $0.footnotes },
            .list("references", "its notes, one per source cited, in order of first use") { $0.references },
            .list(
                "subjects",
                "each kind of subject it names, in the order site.yaml declares them, with its terms in the order written"
            ) { $0.terms },
            .text(
                "jsonLD",
                "its schema.org description as JSON-LD (an `Article`, or an `Event` as its section's `schema` says), for `<script type=\"application/ld+json\">`: print it with `{{{jsonLD}}}`"
            ) { $0.jsonLD },
            .text(
                "citationDate",
                "the date to cite it by, for `citation_publication_date` (`2024/03/04`): its last update, else its own date where certain"
            ) { $0.citationDate },
        ])
}

/// A heading in an entry's table of contents.
final class TocItem: TemplateObject {
    let heading: Heading
    let depth: Int

    init(_ heading: Heading, depth: Int) {
        self.heading = heading
        self.depth = depth
    }

    static let templateType = TemplateType(
        "heading", of: TocItem.self,
        [
            .text("id", "its anchor") { $0.heading.id },
            .text("text", "its text") { $0.heading.text },
            .number("level", "its level, 1 to 6") { $0.heading.level },
            .number("depth", "its level below the body's highest heading, from 0") { $0.depth },
        ])
}

/// `entry.updated`: the last change, from git or the `updated` field.
final class UpdatedValues: TemplateObject {
    let timestamp: Timestamp
    let words: LocalWords

    init(_ timestamp: Timestamp, words: LocalWords = .english) {
        self.timestamp = timestamp
        self.words = words
    }

    static let templateType = TemplateType(
        "update", of: UpdatedValues.self,
        [
            .text("text", "the day in words") { $0.timestamp.day.text($0.words) },
            .text("datetime", "for `<time datetime>`") { $0.timestamp.description },
            .text("html", "the day inside a `<time>` element: print it with `{{{html}}}`") {
                $0.timestamp.html($0.words)
            },
        ])
}

/// One note of an entry's References: a source, with a backlink to each place the text cites it.
final class ReferenceNote: TemplateObject {
    let number: Int
    let key: String
    let url: String
    let html: String
    let backlinks: [Backlink]

    init(number: Int, key: String, url: String, html: String, backlinks: [Backlink]) {
        self.number = number
        self.key = key
        self.url = url
        self.html = html
        self.backlinks = backlinks
    }

    static let templateType = TemplateType(
        "note", of: ReferenceNote.self,
        [
            .number("number", "its number") { $0.number },
            .text("id", "its anchor") { CitationHTML.noteID($0.number) },
            .text("key", "the source's key") { $0.key },
            .text("url", "the source in the bibliography") { $0.url },
            .text("html", "the source in the house style, with prefix and locator: print it with `{{{html}}}`") {
                $0.html
            },
            .list("backlinks", "one per citation, lettered a, b, c…") { $0.backlinks },
            .flag("single", "whether the source is cited once") { $0.backlinks.count == 1 },
            .text("firstBacklink", "the anchor of the first citation") { $0.backlinks[0].id },
        ])
}

/// An explanatory note of an entry, in its "Notes" list.
final class FootnoteNote: TemplateObject {
    let number: Int
    let html: String
    let backlinks: [Backlink]

    init(number: Int, html: String, uses: Int) {
        self.number = number
        self.html = html
        backlinks = (0..<uses).map {
            Backlink(id: Footnote.markerID(note: number, use: $0), label: ReferenceNotes.backlinkLabel($0))
        }
    }

    static let templateType = TemplateType(
        "explanatory note", of: FootnoteNote.self,
        [
            .number("number", "its number, from 1") { $0.number },
            .text("label", "its letter, as its markers in the text show it: a, b, … z, aa") {
                Footnote.label($0.number)
            },
            .text("id", "its anchor") { Footnote.noteID($0.number) },
            .text("html", "the note, with any citations' markers: print it with `{{{html}}}`") { $0.html },
            .list("backlinks", "one per marker in the text, lettered a, b, c…") { $0.backlinks },
            .flag("single", "whether the text refers to it once") { $0.backlinks.count == 1 },
            .text("firstBacklink", "the anchor of the first marker") { $0.backlinks[0].id },
        ])
}

/// A way back from a note to one citation in the text.
final class Backlink: TemplateObject {
    let id: String
    let label: String

    init(id: String, label: String) {
        self.id = id
        self.label = label
    }

    static let templateType = TemplateType(
        "backlink", of: Backlink.self,
        [
            .text("id", "the citation's anchor") { $0.id },
            .text("label", "its letter") { $0.label },
        ])
}
