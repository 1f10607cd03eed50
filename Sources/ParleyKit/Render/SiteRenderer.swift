import Mustache

/// Stage 4, render: every page of the site through its template, entries in parallel.
public enum SiteRenderer {
    /// How many of the most recent entries the home page lists.
    static let latestCount = 5

    public static func render(_ site: ResolvedSite) -> RenderedSite {
        let context = PageContext(site: site)
        let templates = site.templates
        // Each source is formatted once, however often it is cited.
        let language = site.config.language
        let references = site.bibliography.references
        let formatted = Dictionary(
            zip(references.map(\.id), references.parallelMap { ReferenceFormatter.html($0, siteLanguage: language) }),
            uniquingKeysWith: { first, _ in first })
        let entryPages = site.entries.parallelMap { entry -> RenderedPage in
            let url = site.url(of: entry)
            var values = context.page(url: url, title: entry.title, kind: "entry", section: entry.section)
            var entryValues = entryValues(entry, site: site, context: context)
            entryValues["body"] = BodyLinks.resolve(entry, in: site, root: values["root"] as! String)
            entryValues["references"] = ReferenceNotes.values(for: entry, formatted: formatted)
            values["entry"] = entryValues
            return RenderedPage(path: url + "index.html", contents: templates.render(values, withTemplate: "entry") ?? "", template: "entry")
        }

        var pages: [RenderedPage] = []
        var home = context.page(url: "", title: site.config.title, kind: "home")
        // Most recent first: by the latest day a date may mean, then the earliest (a year-long date that runs
        // into the autumn is more recent than a day in May), then the timeline's order, reversed.
        let dated = site.entries.filter { $0.date != nil }.sorted { a, b in
            let (x, y) = (a.date!, b.date!)
            if (x.latest, x.earliest) != (y.latest, y.earliest) { return (x.latest, x.earliest) > (y.latest, y.earliest) }
            return SiteResolver.chronological(b, a)
        }
        home["latest"] = dated.prefix(latestCount).map(context.summary)
        home["sections"] = site.sections.filter(\.config.listed).map { section in
            var values = PageContext.sectionValues(section)
            values["entries"] = section.entries.map(context.summary)
            return values
        }
        pages.append(page("index.html", home, templates: templates, template: "home"))

        for section in site.sections where section.config.listed {
            var values = context.page(url: section.url, title: section.config.title, kind: "section", section: section.config.name)
            var sectionValues = PageContext.sectionValues(section)
            sectionValues["entries"] = section.entries.map(context.summary)
            values["section"] = sectionValues
            pages.append(page(section.url + "index.html", values, templates: templates, template: "section"))
        }

        if !references.isEmpty {
            let folder = BibliographyPage.folder
            var values = context.page(url: folder, title: "Bibliography", kind: "bibliography")
            values["bibliography"] = BibliographyPage.values(site: site, formatted: formatted, context: context)
            pages.append(page(folder + "index.html", values, templates: templates, template: "bibliography"))
            pages.append(RenderedPage(path: folder + "bibliography.json", contents: BibliographyExporter.cslJSON(site.bibliography), template: ""))
            pages.append(RenderedPage(path: folder + "bibliography.bib", contents: BibliographyExporter.bibTeX(site.bibliography), template: ""))
        }

        pages += SubjectPages.pages(site, context: context)
        pages += TimelinePages.pages(site, context: context)

        // The 404 page is served at any depth, so its links start from the site's base path.
        let basePath = site.config.baseURL.flatMap(URLPath.path(ofBase:)) ?? "/"
        let notFound = context.page(url: "404.html", title: "Page not found", kind: "notFound", root: basePath)
        pages.append(page("404.html", notFound, templates: templates, template: "404"))

        return RenderedSite(pages: pages + entryPages, assets: site.assets)
    }

    private static func page(_ path: String, _ values: [String: Any], templates: MustacheLibrary, template: String) -> RenderedPage {
        RenderedPage(path: path, contents: templates.render(values, withTemplate: template) ?? "", template: template)
    }

    static func entryValues(_ entry: Entry, site: ResolvedSite, context: PageContext) -> [String: Any] {
        var values = context.summary(entry)
        let headings = entry.body.headings
        let topLevel = headings.map(\.level).min() ?? 2
        values["body"] = entry.body.html
        values["toc"] = headings.count >= 3
            ? headings.map { ["id": $0.id, "text": $0.text, "level": $0.level, "depth": $0.level - topLevel] as [String: Any] }
            : [[String: Any]]()
        values["participants"] = entry.participants
        for kind in SubjectKind.allCases {
            values[kind.rawValue] = entry.subjects.filter { $0.kind == kind }.compactMap { context.terms[SubjectPages.key(kind, $0.name)] }
        }
        if let status = entry.status { values["status"] = status }
        values["proposedBy"] = entry.proposedBy
        values["related"] = entry.related.compactMap { site.entry($0.value).map(context.summary) }
        values["linkedFrom"] = (site.linkedFrom[entry.slug] ?? []).compactMap { site.entry($0).map(context.summary) }
        if let (previous, next) = context.neighbours[entry.slug] {
            if let previous { values["previous"] = context.summary(previous) }
            if let next { values["next"] = context.summary(next) }
        }
        values["draft"] = entry.draft
        return values
    }
}

