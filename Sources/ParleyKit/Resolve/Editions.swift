/// The site's other language editions, resolved: each a site of its own in its language, made of the entries
/// with their translations in place, under `uk/` (see ``SiteConfig/edition(_:)``).
///
/// A translation says in its language what its entry says: its title, summary, body and the text and list
/// fields the site declares. Everything else comes from the entry, so that no edition can print another
/// date or order: the date, `related`, `after` and `before`, the aliases, and the subject terms, named in the
/// edition's language by its glossary (`Content/terms.uk.yaml`). An entry with no translation is left out of
/// the edition, or shown as written when the edition says `untranslated: show-original`.
enum Editions {
    /// Each other edition resolved, and the problems found in it that the default edition did not report.
    static func resolve(_ site: ParsedSite, default resolved: ResolvedSite) -> ([ResolvedSite], [Diagnostic]) {
        var editions: [ResolvedSite] = []
        var diagnostics: [Diagnostic] = []
        var ties: [String: Int] = [:]
        for (position, entry) in resolved.chronology.sorted(resolved.entries).enumerated() {
            ties[entry.slug] = position
        }
        for edition in site.config.editions.dropFirst() {
            let glossary = site.glossaries[edition.language]
            let translations = site.translations[edition.language] ?? [:]
            var parsed = site
            parsed.config = site.config.edition(edition)
            parsed.chronologyTies = ties
            parsed.entries = site.entries.compactMap { entry in
                var shown: Entry
                if let translation = translations[entry.slug] {
                    shown = translated(entry, by: translation, glossary: glossary)
                } else {
                    guard edition.untranslated == .showOriginal else { return nil }
                    shown = renamed(entry, glossary: glossary)
                    shown.language = nil
                }
                return shown
            }
            var (own, problems) = SiteResolver.resolve(parsed)
            // The edition's terms keep the default edition's addresses (`subjects/people/vladimir-putin/`), so that
            // a term's page is at the same place in every edition and the language switcher finds it. A name the
            // glossary gives two terms takes the address of the first of them in name order, build after build.
            var original: [String: String] = [:]
            for (kind, names) in (glossary?.names ?? [:]).sorted(by: { $0.key < $1.key }) {
                for (term, name) in names.sorted(by: { $0.key < $1.key })
                where original[SubjectTerm.key(kind, name.value)] == nil {
                    original[SubjectTerm.key(kind, name.value)] = term
                }
            }
            var slugs: [String: String] = [:]
            for term in resolved.subjects.terms { slugs[SubjectTerm.key(term.kind.name, term.name)] = term.slug }
            own.subjects = own.subjects.reslugged { term in
                slugs[
                    SubjectTerm.key(term.kind.name, original[SubjectTerm.key(term.kind.name, term.name)] ?? term.name)]
            }
            editions.append(own)
            diagnostics += problems + missingNames(site.entries, glossary: glossary, language: edition.language)
        }
        return (editions, diagnostics)
    }

    /// The entry as its translation says it, with its terms named in the translation's language.
    static func translated(_ entry: Entry, by translation: Entry, glossary: Glossary?) -> Entry {
        var merged = renamed(entry, glossary: glossary)
        merged.path = translation.path
        merged.title = translation.title
        merged.summary = translation.summary
        merged.body = translation.body
        merged.language = translation.language
        for (name, value) in translation.fields { merged.fields[name] = value }
        if let updated = translation.updated, merged.updated.map({ $0 < updated }) ?? true { merged.updated = updated }
        return merged
    }

    /// The entry with each subject term named as the glossary names it (as written where it gives no name).
    static func renamed(_ entry: Entry, glossary: Glossary?) -> Entry {
        guard let glossary, !entry.subjects.isEmpty else { return entry }
        var entry = entry
        entry.subjects = entry.subjects.map { use in
            guard let name = glossary.name(use.kind, use.name) else { return use }
            var use = use
            use.name = name
            // A sort key is for the name as written in the entry.
            use.sortAs = nil
            return use
        }
        return entry
    }

    /// A warning for each term its edition's glossary does not name, once, where an entry first names it:
    /// the edition shows it as written. None without a glossary (a site whose terms need no translation).
    static func missingNames(_ entries: [Entry], glossary: Glossary?, language: String) -> [Diagnostic] {
        guard let glossary else { return [] }
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            for use in entry.subjects
            where glossary.name(use.kind, use.name) == nil && seen.insert(SubjectTerm.key(use.kind, use.name)).inserted
            {
                diagnostics.append(
                    use.location.diagnostic(
                        .warning,
                        "\(glossary.path) gives no \(language) name for the \(use.kind) term '\(use.name)', so the \(language) edition shows it as written",
                        hint: "add it under '\(use.kind):' in \(glossary.path): '\(use.name): …'"))
            }
        }
        return diagnostics
    }
}
