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

    /// Every page of the index, rendered with the site's templates.
    static func pages(_ site: ResolvedSite, context: PageContext) -> [RenderedPage] {
        let index = site.subjects
        guard !index.terms.isEmpty else { return [] }
        var values = context.page(url: folder, title: "Subject index", kind: "subjects")
        values["subjects"] = indexValues(index)
        var pages = [RenderedPage(path: folder + "index.html",
                                  contents: site.templates.render(values, withTemplate: "subjects") ?? "", template: "subjects")]
        pages += index.terms.parallelMap { term in
            let path = url(of: term)
            var values = context.page(url: path, title: term.name, kind: "subject")
            var subject = termValues(term)
            subject["entries"] = term.entries.compactMap { site.entry($0).map(context.summary) }
            values["subject"] = subject
            return RenderedPage(path: path + "index.html",
                                contents: site.templates.render(values, withTemplate: "subject") ?? "", template: "subject")
        }
        return pages
    }
}

