import Mustache

/// The subject index (`subjects/`) and one page per term (`subjects/<kind>/<slug>/`).
enum SubjectPages {
    static let folder = "subjects/"

    static func url(of term: SubjectTerm) -> String { folder + term.kind.rawValue + "/" + term.slug + "/" }

    /// The key of a term by kind and name, for finding an entry's terms.
    static func key(_ kind: SubjectKind, _ name: String) -> String { kind.rawValue + "\u{0}" + name }

    static func termValues(_ term: SubjectTerm) -> [String: Any] {
        compact([
            "name": term.name, "original": term.original, "kind": term.kind.rawValue, term.kind.rawValue: true,
            "singular": term.kind.singular, "url": url(of: term), "count": term.entries.count, "slug": term.slug,
        ])
    }

    /// Values for `subjects.mustache`: the terms grouped by letter, with the letters for jump links.
    static func indexValues(_ index: SubjectIndex) -> [String: Any] {
        let letters: [[String: Any]] = index.letters.map { group in
            ["letter": group.letter, "id": group.letter == "#" ? "letter-other" : "letter-" + group.letter.lowercased(),
             "terms": group.terms.map(termValues)]
        }
        let kinds: [[String: Any]] = SubjectKind.allCases.map { kind in
            ["kind": kind.rawValue, kind.rawValue: true, "count": index.terms(of: kind).count]
        }
        return ["count": index.terms.count, "letters": letters, "kinds": kinds]
    }

    /// Every page of the index, unrendered.
    static func pages(_ site: ResolvedSite, context: PageContext, keys: PageKeys?) -> [PlannedPage] {
        let index = site.subjects
        guard !index.terms.isEmpty else { return [] }
        let indexKey = keys?.page("subjects") { h in for term in index.terms { h.combine(PageKeys.term(term)) } } ?? 0
        var pages = [PlannedPage(path: folder + "index.html", template: "subjects", key: indexKey) {
            var values = context.page(url: folder, title: "Subject index", kind: "subjects")
            values["subjects"] = indexValues(index)
            return site.templates.render(values, withTemplate: "subjects") ?? ""
        }]
        for term in index.terms {
            let path = url(of: term)
            let key = keys?.page("subject") { h in
                h.combine(PageKeys.term(term))
                for slug in term.entries { h.combine(keys!.summary(slug)) }
            } ?? 0
            pages.append(PlannedPage(path: path + "index.html", template: "subject", key: key) {
                var values = context.page(url: path, title: term.name, kind: "subject")
                var subject = termValues(term)
                subject["entries"] = term.entries.compactMap { site.entry($0).map(context.summary) }
                values["subject"] = subject
                return site.templates.render(values, withTemplate: "subject") ?? ""
            })
        }
        return pages
    }
}
