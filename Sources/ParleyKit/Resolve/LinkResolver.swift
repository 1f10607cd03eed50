/// Checks every link between entries (wiki links and Markdown links to `.md` files), down to the heading a
/// `#fragment` names, and records which entries link to which, for "Linked from".
enum LinkResolver {
    static func resolve(
        _ site: inout ResolvedSite, allSlugs: Set<String>, allPaths: Set<String>, drafts: [String: String] = [:]
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let draftPaths = Set(drafts.values)
        func toDraft(_ link: EntryLink, _ name: String) -> Diagnostic {
            let what = link.written.hasPrefix("[[") ? link.written : "the link '\(link.written)'"
            return Diagnostic(
                .warning, at: link.location,
                "\(what) leads to '\(name)', a draft this build leaves out, so it leads nowhere",
                hint: "publish the draft (remove 'draft: true'), or build with --drafts to see it",
                sourceLine: link.sourceLine)
        }
        var byPath: [String: String] = [:]
        for entry in site.entries { byPath[entry.path] = entry.slug }
        var targets: [String: [String?]] = [:]
        var linkedFrom: [String: [String]] = [:]

        for entry in site.sections.flatMap(\.entries) {
            var resolved: [String?] = []
            for link in entry.body.links {
                let target: Entry?
                switch link.target {
                case .slug(let slug):
                    target = site.entry(slug)
                    if target == nil, drafts[slug] != nil {
                        diagnostics.append(toDraft(link, slug))
                    } else if target == nil, !allSlugs.contains(slug) {
                        diagnostics.append(
                            Diagnostic(
                                .error, at: link.location,
                                "\(link.written) links to '\(slug)', but no entry has that slug",
                                hint: Suggestion.hint(for: slug, in: allSlugs)
                                    ?? "a slug is an entry's file name without .md",
                                sourceLine: link.sourceLine))
                    }
                case .file(let path):
                    target = byPath[path].flatMap(site.entry)
                    if target == nil, draftPaths.contains(path) {
                        diagnostics.append(toDraft(link, path))
                    } else if target == nil, !allPaths.contains(path) {
                        diagnostics.append(
                            Diagnostic(
                                .error, at: link.location,
                                "the link '\(link.written)' points to \(path), which is not an entry",
                                hint: Suggestion.hint(for: path, in: allPaths).map {
                                    $0 + " (paths are relative to this file)"
                                }
                                    ?? "link to another entry's file relative to this one, e.g. ../rounds/first-round.md, or write [[slug]]",
                                sourceLine: link.sourceLine))
                    }
                }
                if let target, let fragment = link.fragment,
                    !target.body.headings.contains(where: { $0.id == fragment })
                {
                    let ids = target.body.headings.map(\.id)
                    diagnostics.append(
                        Diagnostic(
                            .error, at: link.location,
                            "\(link.written): '\(target.slug)' has no heading with the id '\(fragment)'",
                            hint: Suggestion.hint(for: fragment, in: ids)
                                ?? (ids.isEmpty
                                    ? "it has no headings"
                                    : "its headings are " + ids.map { "'#\($0)'" }.joined(separator: ", ")),
                            sourceLine: link.sourceLine))
                }
                resolved.append(target?.slug)
                if let target, target.slug != entry.slug, !(linkedFrom[target.slug]?.contains(entry.slug) ?? false) {
                    linkedFrom[target.slug, default: []].append(entry.slug)
                }
            }
            targets[entry.slug] = resolved
        }
        site.linkTargets = targets
        site.linkedFrom = linkedFrom
        return diagnostics
    }
}
