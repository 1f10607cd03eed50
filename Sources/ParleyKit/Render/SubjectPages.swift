/// The subject index (`subjects/`) and one page per term (`subjects/<kind>/<slug>/`).
enum SubjectPages {
    /// Values for `subjects.mustache`: the terms grouped by letter, with the letters for jump links.
    static func indexValues(_ index: SubjectIndex, context: PageContext) -> SubjectsValues {
        SubjectsValues(
            count: index.terms.count,
            letters: index.letters.map { group in
                LetterValues(
                    letter: group.letter,
                    id: group.letter == "#" ? "letter-other" : "letter-" + group.letter.lowercased(),
                    terms: group.terms.compactMap { context.term($0.kind.name, $0.name) })
            },
            kinds: context.site.config.subjects.map { kind in
                KindValues(
                    kind: kind, terms: index.terms(of: kind.name).compactMap { context.term(kind.name, $0.name) })
            })
    }

    /// Every page of the index, unrendered.
    static func pages(_ site: ResolvedSite, context: PageContext) -> [PlannedPage] {
        let index = site.subjects
        guard !index.terms.isEmpty else { return [] }
        var pages = [
            PlannedPage.page(Routes.file(ofPage: Routes.subjects), "subjects", context.templates) {
                SubjectsPage(
                    common: context.common(
                        url: Routes.subjects, title: context.words("title-subjects"), kind: "subjects"),
                    subjects: indexValues(index, context: context))
            }
        ]
        for term in index.terms {
            let pagination = Pagination(term: term, site: site)
            for number in 1...pagination.pageCount {
                let path = pagination.url(number)
                pages.append(
                    .page(Routes.file(ofPage: path), "subject", context.templates) {
                        let all = context.term(term.kind.name, term.name)!
                        // A later page's term shows that page's entries.
                        let values =
                            pagination.pageCount == 1
                            ? all
                            : TermValues(term, part: all) {
                                term.entries[pagination.range(number)].compactMap {
                                    context.site.entry($0).map(context.summary)
                                }
                            }
                        return SubjectPage(
                            common: context.common(
                                url: path, title: Pagination.title(term.name, page: number, words: context.words),
                                kind: "subject",
                                pagination: pagination.values(number)),
                            subject: values)
                    })
            }
        }
        return pages
    }
}
