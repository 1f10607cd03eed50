import ParleyTemplates

/// The home page's values: the most recent entries and every listed section with its entries.
final class HomePage: PageRoot {
    static let kind = "home"
    let common: CommonValues
    let latest: [EntrySummary]
    let sections: [SectionValues]
    let overview: EntryValues?

    init(common: CommonValues, latest: [EntrySummary], sections: [SectionValues], overview: EntryValues?) {
        self.common = common
        self.latest = latest
        self.sections = sections
        self.overview = overview
    }

    static let templateType = TemplateType(
        "home page", of: HomePage.self,
        commonFields([
            .list("latest", "the most recent dated entries") { $0.latest },
            .list("sections", "the listed sections") { $0.sections },
            .object(
                "overview",
                "the entry site.yaml's `home` names, with its body and notes, for the page to tell the story"
            ) { $0.overview },
        ]))
}

/// A section's list page.
final class SectionPage: PageRoot {
    static let kind = "section"
    let common: CommonValues
    let section: SectionValues

    init(common: CommonValues, section: SectionValues) {
        self.common = common
        self.section = section
    }

    static let templateType = TemplateType(
        "section page", of: SectionPage.self,
        commonFields([
            .object("section", "the section, with its entries") { $0.section }
        ]))
}

/// The 404 page: what every page has, its links from the site's base path.
final class NotFoundPage: PageRoot {
    static let kind = "404"
    let common: CommonValues

    init(common: CommonValues) { self.common = common }

    static let templateType = TemplateType("404 page", of: NotFoundPage.self, commonFields([]))
}

/// The search page (`search/`), when `site.yaml` turns search on: its template holds Pagefind's interface.
final class SearchPage: PageRoot {
    static let kind = "search"
    let common: CommonValues
    let index: String

    /// `editionPath` is the folder of the page's edition (`uk/`): the index is the whole site's, at its root.
    init(common: CommonValues, editionPath: String = "") {
        self.common = common
        index = String(repeating: "../", count: editionPath.split(separator: "/").count) + Routes.searchIndex + "/"
    }

    static let templateType = TemplateType(
        "search page", of: SearchPage.self,
        commonFields([
            .text(
                "index",
                "the folder of the search index and its interface, from this edition's root (`pagefind/`; `../pagefind/` in the `uk/` edition, since every edition shares one index)"
            ) { $0.index }
        ]))
}

/// The page at one of an entry's former addresses (`aliases:`), which sends the reader on to the entry.
final class AliasPage: PageRoot {
    static let kind = "alias"
    let common: CommonValues
    let entry: EntrySummary
    let canonical: String

    init(common: CommonValues, entry: EntrySummary, canonical: String) {
        self.common = common
        self.entry = entry
        self.canonical = canonical
    }

    static let templateType = TemplateType(
        "alias page", of: AliasPage.self,
        commonFields([
            .object("entry", "the entry the old address now leads to") { $0.entry },
            .text(
                "canonical",
                "the entry's address: absolute with the site's `base-url`, else from the host's root (`/rounds/istanbul-talks/`), for `<link rel=\"canonical\">`"
            ) { $0.canonical },
        ]))
}

/// A term's page.
final class SubjectPage: PageRoot {
    static let kind = "subject"
    let common: CommonValues
    let subject: TermValues

    init(common: CommonValues, subject: TermValues) {
        self.common = common
        self.subject = subject
    }

    static let templateType = TemplateType(
        "subject page", of: SubjectPage.self,
        commonFields([
            .object("subject", "the term, with the entries naming it") { $0.subject }
        ]))
}

/// The subject index.
final class SubjectsPage: PageRoot {
    static let kind = "subjects"
    let common: CommonValues
    let subjects: SubjectsValues

    init(common: CommonValues, subjects: SubjectsValues) {
        self.common = common
        self.subjects = subjects
    }

    static let templateType = TemplateType(
        "subject index page", of: SubjectsPage.self,
        commonFields([
            .object("subjects", "the index") { $0.subjects }
        ]))
}

/// `subjects`: every term, A to Z.
final class SubjectsValues: TemplateObject {
    let count: Int
    let letters: [LetterValues]
    let kinds: [KindValues]

    init(count: Int, letters: [LetterValues], kinds: [KindValues]) {
        self.count = count
        self.letters = letters
        self.kinds = kinds
    }

    static let templateType = TemplateType(
        "index", of: SubjectsValues.self,
        [
            .number("count", "how many terms") { $0.count },
            .list("letters", "the letters that have terms, A to Z, then #") { $0.letters },
            .list("kinds", "each kind of term site.yaml declares, with its terms in index order") { $0.kinds },
        ])
}

/// One letter of the subject index.
final class LetterValues: TemplateObject {
    let letter: String
    let id: String
    let terms: [TermValues]

    init(letter: String, id: String, terms: [TermValues]) {
        self.letter = letter
        self.id = id
        self.terms = terms
    }

    static let templateType = TemplateType(
        "letter", of: LetterValues.self,
        [
            .text("letter", "A to Z, or #") { $0.letter },
            .text("id", "its anchor") { $0.id },
            .list("terms", "its terms, in index order") { $0.terms },
        ])
}

/// A kind of subject and some of its terms: all of them in the index, those an entry names on its page.
final class KindValues: TemplateObject {
    let kind: SubjectKind
    let terms: [TermValues]

    init(kind: SubjectKind, terms: [TermValues]) {
        self.kind = kind
        self.terms = terms
    }

    static let templateType = TemplateType(
        "kind", of: KindValues.self,
        [
            .text("name", "its name as declared in site.yaml, the front-matter field (`people`)") { $0.kind.name },
            .text("title", "what the kind is called (`People`)") { $0.kind.title },
            .text("singular", "what one term is called (`person`)") { $0.kind.singular },
            .number("count", "how many terms") { $0.terms.count },
            .list("terms", "the terms") { $0.terms },
        ])
}
