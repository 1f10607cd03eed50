import Foundation

/// Stage 3, resolve: checks what entries say about each other (unique slugs, `related` links, `after` and
/// `before`, URLs that do not collide) and puts every section in order (see ``Chronology``).
enum SiteResolver {
    static func resolve(_ site: ParsedSite) -> (ResolvedSite, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []

        // Slugs are unique across sections, so that a link names one entry.
        var bySlug: [String: Entry] = [:]
        var entries: [Entry] = []
        // Lists by title follow the language's alphabet where it is not A–Z (Є after Е, not before А).
        let alphabet = IndexAlphabet.of(language: site.config.language)
        for var entry in site.entries.sorted(by: { $0.path < $1.path }) {
            if let alphabet { entry.collate(in: alphabet) }
            if let first = bySlug[entry.slug] {
                diagnostics.append(
                    .error(
                        "two entries have the slug '\(entry.slug)': this one and \(first.path)",
                        at: SourceLocation(file: entry.path),
                        hint:
                            "rename one of the files; slugs are unique across all sections so that links name one entry"
                    ))
                continue
            }
            bySlug[entry.slug] = entry
            entries.append(entry)
        }

        // Entries named in 'related' and in declared fields of type entry or entries: each must exist.
        for entry in entries {
            var named = entry.related.map { ("related", $0) }
            for (field, value) in entry.fields.sorted(by: { $0.key < $1.key }) {
                if case .entries(let slugs) = value { named += slugs.map { (field, $0) } }
            }
            for (field, slug) in named {
                if slug.value == entry.slug {
                    diagnostics.append(slug.diagnostic(.warning, "'\(field)' names the entry itself"))
                } else if bySlug[slug.value] == nil, site.drafts[slug.value] != nil {
                    diagnostics.append(
                        slug.diagnostic(
                            .warning,
                            "'\(field)' names '\(slug.value)', a draft this build leaves out, so it is not listed",
                            hint: "publish the draft (remove 'draft: true'), or build with --drafts to see it"))
                } else if bySlug[slug.value] == nil, !site.allSlugs.contains(slug.value) {
                    diagnostics.append(
                        slug.diagnostic(
                            .error, "'\(field)' names '\(slug.value)', but no entry has that slug",
                            hint: Suggestion.hint(for: slug.value, in: site.allSlugs)
                                ?? "a slug is an entry's file name without .md"))
                }
            }
        }

        if let home = site.config.home, bySlug[home.value] == nil,
            !site.config.isOtherEdition || !site.allSlugs.contains(home.value)
        {
            diagnostics.append(
                home.diagnostic(
                    .error, "'home' names '\(home.value)', but no entry has that slug",
                    hint: Suggestion.hint(for: home.value, in: site.allSlugs)
                        ?? "name the entry whose text the home page shows, by its file name without .md"))
        }
        if let image = site.config.image { diagnostics += imageProblems(image, assets: site.assets) }
        let (chronology, orderProblems) = Chronology.build(entries, allSlugs: site.allSlugs, ties: site.chronologyTies)
        // An entry that could not be read or parsed has its own error; 'after' and 'before' naming it say no more.
        let unread = site.allSlugs.subtracting(bySlug.keys).subtracting(site.drafts.keys)
        let followOns = Set(
            unread.flatMap { slug in ["after", "before"].map { "'\($0)' names '\(slug)', but no entry has that slug" } }
        )
        diagnostics += orderProblems.filter { !followOns.contains($0.message) }
        var bySection: [String: [Entry]] = [:]
        for entry in entries { bySection[entry.section, default: []].append(entry) }
        let sections = site.config.sections.map { config in
            let entries = bySection[config.name] ?? []
            return ResolvedSection(
                config: config,
                entries: config.dated ? chronology.sorted(entries) : entries.sorted(by: Self.inSectionOrder))
        }

        var resolved = ResolvedSite(
            config: site.config, entries: entries, sections: sections,
            assets: site.assets, bibliography: site.bibliography)
        resolved.chronology = chronology
        resolved.strings = site.strings
        resolved.words = site.strings.words(site.config.language)
        diagnostics += CitationResolver.resolve(&resolved)
        diagnostics += LinkResolver.resolve(
            &resolved, allSlugs: site.allSlugs, allPaths: site.allPaths, drafts: site.drafts)
        // Terms list their entries in date order, so the uses are given in that order.
        let (subjects, subjectProblems) = SubjectIndex.build(
            chronology.sorted(entries).flatMap(\.subjects), kinds: site.config.subjects, language: site.config.language)
        resolved.subjects = subjects
        diagnostics += urlCollisions(in: resolved)
        diagnostics += subjectProblems
        if !site.config.isOtherEdition, site.config.editions.count > 1 {
            let (editions, problems) = Editions.resolve(site, default: resolved)
            resolved.otherEditions = editions
            // What every edition shares (a front matter's `related`, a section's path) is reported once.
            var seen = Set(diagnostics)
            diagnostics += problems.filter { seen.insert($0).inserted }
        }
        return (resolved, diagnostics)
    }

    /// site.yaml's `image`: an absolute `http` or `https` address, or a file of `Templates/assets/` written as it
    /// is published (`assets/card.png`), which must be there.
    static func imageProblems(_ image: Located<String>, assets: [AssetFile]) -> [Diagnostic] {
        let value = image.value
        if value.hasPrefix("https://") || value.hasPrefix("http://") { return [] }
        let paths = assets.map { "assets/" + $0.path }
        let example =
            "for example: image: assets/card.png (a file of Templates/assets/) or image: https://example.org/card.png"
        if value.contains(":") || value.hasPrefix("//") {
            return [
                image.diagnostic(
                    .error,
                    "'image' must be a file of Templates/assets/ or an absolute http or https address, not '\(value)'",
                    hint: example)
            ]
        }
        var path = value
        while path.hasPrefix("/") { path.removeFirst() }
        if path.hasPrefix("Templates/") { path.removeFirst("Templates/".count) }
        if !path.hasPrefix("assets/") {
            let inAssets = "assets/" + path
            return [
                image.diagnostic(
                    .error,
                    "'image' must be a file of Templates/assets/, written as it is published (assets/…), not '\(value)'",
                    hint: paths.contains(inAssets) ? "did you mean '\(inAssets)'?" : example)
            ]
        }
        if path != value {
            return [
                image.diagnostic(
                    .error,
                    "'image' names a file of Templates/assets/ as it is published: write '\(path)', not '\(value)'")
            ]
        }
        guard paths.contains(path) else {
            return [
                image.diagnostic(
                    .error,
                    "'image' names \(path), but Templates/assets/ has no file \(path.dropFirst("assets/".count))",
                    hint: Suggestion.hint(for: path, in: paths)
                        ?? "put the picture in Templates/assets/, or give an absolute address")
            ]
        }
        return []
    }

    /// The order of an undated section (its list, previous and next): by `weight`, lower first, entries without
    /// one after those with one; then by title, then slug. A dated section is in date order (``Chronology``),
    /// where `weight` has no effect.
    static func inSectionOrder(_ a: Entry, _ b: Entry) -> Bool {
        switch (a.weight, b.weight) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return byTitle(a, b)
        }
    }

    static func byTitle(_ a: Entry, _ b: Entry) -> Bool {
        let (x, y) = (a.titleKey, b.titleKey)
        return x != y ? x < y : a.slug < b.slug
    }

    /// Entries whose URL is also a section's list page or a reserved folder of the output.
    /// Entries whose page would be written where another page is: a section's list page, a page Parley makes
    /// (the timeline and its views, the bibliography, the subject index and its terms' pages), or the assets
    /// folder. Every output path has one owner; a build that would give one two fails, naming both.
    static func urlCollisions(in site: ResolvedSite) -> [Diagnostic] {
        // The pages Parley makes itself, then the sections' list pages.
        var generated: [String: String] = ["assets/": "the assets folder"]
        if site.entries.contains(where: { $0.date != nil }) {
            generated[Routes.timeline] = "the timeline"
            for section in site.sections where section.entries.contains(where: { $0.date != nil }) {
                generated[Routes.timeline + section.url] = "the timeline of section '\(section.config.name)'"
            }
        }
        if !site.bibliography.references.isEmpty { generated[Routes.bibliography] = "the bibliography" }
        if site.config.search {
            generated[Routes.search] = "the search page"
            generated[Routes.searchIndex + "/"] = "the search index"
        }
        if !site.subjects.terms.isEmpty {
            generated[Routes.subjects] = "the subject index"
            for term in site.subjects.terms {
                generated[Routes.term(term)] = "the page of the \(term.kind.singular) '\(term.name)'"
            }
        }
        var diagnostics: [Diagnostic] = []
        var taken = generated
        for section in site.sections where section.config.listed && !section.config.path.isEmpty {
            if let language = editionFolder(of: section.url, in: site) {
                diagnostics.append(
                    .error(
                        "the list page of section '\(section.config.name)' would be at /\(section.url), inside the folder of the \(language) edition",
                        at: SourceLocation(file: "Content/site.yaml"),
                        hint:
                            "give the section another 'path' in site.yaml; /\(language)/ and everything below it are the \(language) edition's pages"
                    ))
            } else if let owner = generated[section.url] {
                diagnostics.append(
                    .error(
                        "the list page of section '\(section.config.name)' would be at /\(section.url), which is already \(owner)",
                        at: SourceLocation(file: "Content/site.yaml"),
                        hint: "give the section another 'path' in site.yaml"))
            }
            taken[section.url] = "the list page of section '\(section.config.name)'"
        }
        for entry in site.entries {
            let url = site.url(of: entry)
            if let language = editionFolder(of: url, in: site) {
                diagnostics.append(
                    .error(
                        "the entry's URL /\(url) is inside the folder of the \(language) edition",
                        at: SourceLocation(file: entry.path),
                        hint:
                            "rename the file, or give its section another 'path' in site.yaml; /\(language)/ and everything below it are the \(language) edition's pages"
                    ))
            } else if let owner = taken[url] {
                diagnostics.append(
                    .error(
                        "the entry's URL /\(url) is already \(owner)",
                        at: SourceLocation(file: entry.path),
                        hint: "rename the file, or give its section another 'path' in site.yaml"))
            }
        }
        return diagnostics + aliasCollisions(in: site, taken: taken)
    }

    /// The language of the other edition whose folder (`uk/`) holds `url`, in the default edition; nil if none.
    static func editionFolder(of url: String, in site: ResolvedSite) -> String? {
        guard !site.config.isOtherEdition else { return nil }
        return site.config.editions.dropFirst().map(\.language).first { url.hasPrefix($0 + "/") }
    }

    /// The files Parley writes at fixed places of every site that has them, and what each is: an alias may not
    /// be one of them, nor a folder inside one.
    static let reservedFiles: [String: String] = [
        Routes.home: "the home page", Routes.notFound: "the 404 page", Routes.feed: "the feed",
        Routes.sitemap: "the sitemap",
        Routes.robots: "robots.txt", Routes.timelineData: "the timeline's data",
        Routes.bibliographyJSON: "the CSL-JSON export", Routes.bibliographyBibTeX: "the BibTeX export",
    ]

    /// The folders Parley replaces whole, and what each is: nothing else may be written inside them.
    static let reservedFolders: [(folder: String, owner: String, hint: String)] = [
        (
            "assets/", "the assets folder",
            "the assets folder holds Templates/assets/ as it is; redirect from another address"
        ),
        (
            Routes.searchIndex + "/", "the search index's folder",
            "Pagefind replaces that folder whole at each build; redirect from another address"
        ),
        (
            Routes.searchIndex + ".new/", "the search index's folder",
            "Pagefind's new index is made there at each build; redirect from another address"
        ),
        (
            Routes.searchIndex + ".old/", "the search index's folder",
            "Pagefind's old index is kept there during a build; redirect from another address"
        ),
    ]

    /// Aliases whose redirect would be written where a page or another alias is, where Parley writes or keeps a
    /// file of its own, inside another edition's folder, or where a file system that ignores case (macOS,
    /// Windows) would put another page.
    static func aliasCollisions(in site: ResolvedSite, taken: [String: String]) -> [Diagnostic] {
        guard site.entries.contains(where: { !$0.aliases.isEmpty }) else { return [] }
        // Every page by its file: folders' pages are their index.html.
        var files = reservedFiles
        for (url, owner) in taken where url.hasSuffix("/") { files[Routes.file(ofPage: url)] = owner }
        for entry in site.entries {
            files[Routes.file(ofPage: site.url(of: entry))] = "the page of '\(entry.slug)' (\(entry.path))"
        }
        // The later pages of long lists.
        var lists: [(Pagination, String)] = site.sections.filter(\.config.listed).map { section in
            (
                Pagination(section: section, site: site),
                "a page of the list of section '\(section.config.name)'"
            )
        }
        lists += site.subjects.terms.map { term in
            (Pagination(term: term, site: site), "a page of '\(term.name)'")
        }
        lists.append((Pagination(bibliographyOf: site), "a page of the bibliography"))
        for (pagination, owner) in lists where pagination.pageCount > 1 {
            for number in 2...pagination.pageCount { files[Routes.file(ofPage: pagination.url(number))] = owner }
        }
        // The same files as a file system that ignores case sees them.
        var folded: [String: String] = [:]
        for (file, owner) in files.sorted(by: { $0.key < $1.key }) where folded[file.lowercased()] == nil {
            folded[file.lowercased()] = owner
        }
        var diagnostics: [Diagnostic] = []
        for entry in site.entries {
            let own = Routes.file(ofPage: site.url(of: entry))
            for alias in entry.aliases {
                let file = Routes.file(ofPage: alias.value)
                let folders = file.split(separator: "/").dropLast().indices.map {
                    file.split(separator: "/")[...$0].joined(separator: "/")
                }
                if file == own {
                    diagnostics.append(
                        alias.diagnostic(
                            .error, "the alias /\(alias.value) is the entry's own address",
                            hint: "list only addresses the entry had before; remove this one"))
                } else if let language = editionFolder(of: file, in: site) {
                    diagnostics.append(
                        alias.diagnostic(
                            .error, "the alias /\(alias.value) is inside the folder of the \(language) edition",
                            hint:
                                "/\(language)/ and everything below it are the \(language) edition's pages; an edition has the aliases of its entries' own"
                        ))
                } else if let reserved = reservedFolders.first(where: { file.lowercased().hasPrefix($0.folder) }) {
                    diagnostics.append(
                        alias.diagnostic(
                            .error, "the alias /\(alias.value) is inside \(reserved.owner)", hint: reserved.hint))
                } else if let folder = folders.first(where: { files[$0] != nil || folded[$0.lowercased()] != nil }) {
                    let owner = files[folder] ?? folded[folder.lowercased()]!
                    diagnostics.append(
                        alias.diagnostic(
                            .error, "the alias /\(alias.value) is inside \(folder), which is \(owner)",
                            hint: "Parley writes a file there, so it cannot be a folder; redirect from another address")
                    )
                } else if let owner = files[file] {
                    diagnostics.append(
                        alias.diagnostic(
                            .error, "the alias /\(alias.value) is already \(owner)",
                            hint: "an alias can only be an address no page has; remove it, or move the page that has it"
                        ))
                } else if let owner = folded[file.lowercased()] {
                    diagnostics.append(
                        alias.diagnostic(
                            .error,
                            "the alias /\(alias.value) is \(owner) on a file system that ignores case (macOS, Windows)",
                            hint:
                                "addresses that differ only in capitals are one file there; remove the alias, or change more than its case"
                        ))
                } else {
                    files[file] = "an alias of '\(entry.slug)' (\(entry.path))"
                    folded[file.lowercased()] = "the alias /\(alias.value) of '\(entry.slug)' (\(entry.path))"
                }
            }
        }
        return diagnostics
    }
}
