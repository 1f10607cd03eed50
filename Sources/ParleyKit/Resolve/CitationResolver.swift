/// Checks every citation against the bibliography and records where each source is cited.
///
/// A key that is not defined is an error at the citation's place, never a "key?" in a page (unless the
/// bibliography itself has errors: then that is the one cause reported); a source that is never cited is a
/// warning (it is listed under "Further reading").
enum CitationResolver {
    static func resolve(_ site: inout ResolvedSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let bibliography = site.bibliography
        let keys = bibliography.references.map(\.id)
        let searched =
            bibliography.files.isEmpty
            ? "there is no Content/bibliography.yaml or Content/bibliography.json"
            : "it is not in " + bibliography.files.joined(separator: " or ")

        var citedIn: [String: [CitedIn]] = [:]
        var count = 0
        // Reading order: sections as site.yaml lists them, each in its own order.
        for entry in site.sections.flatMap(\.entries) {
            var seen: Set<String> = []
            for citation in entry.body.citations {
                count += 1
                guard bibliography.reference(citation.key) != nil else {
                    if bibliography.incomplete { continue }  // the bibliography's own error is the cause
                    let close = Suggestion.closest(to: citation.key, in: keys)
                    let hint =
                        close.isEmpty
                        ? "add a source with 'id: \(citation.key)' to the bibliography, or correct the key"
                        : "did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
                    diagnostics.append(
                        Diagnostic(
                            .error, at: citation.location, "citation key '\(citation.key)' is not defined: \(searched)",
                            hint: hint, sourceLine: citation.sourceLine))
                    continue
                }
                if seen.insert(citation.key).inserted {
                    citedIn[citation.key, default: []].append(CitedIn(slug: entry.slug, note: citation.note))
                }
            }
        }
        site.citedIn = citedIn
        site.citationCount = count
        return diagnostics
    }

    /// Sources no entry cites. A judgement on the whole site, so it is only made when every entry was read:
    /// after an error, an entry left out would make its sources look uncited.
    static func uncitedWarnings(_ site: ResolvedSite) -> [Diagnostic] {
        site.bibliography.references.filter { site.citedIn[$0.id] == nil }.map { reference in
            .warning(
                "source '\(reference.id)' is never cited; the bibliography lists it under Further reading",
                at: reference.location,
                hint: "cite it with [@\(reference.id)] where it supports a statement, or remove it")
        }
    }
}
