/// Fills in the placeholders a body's links to other entries left in its HTML: each URL, relative to the page
/// the body is on, and the target's title for wiki links written without text.
enum BodyLinks {
    static func resolve(_ entry: Entry, in site: ResolvedSite, root: String) -> String {
        let html = entry.body.html
        let links = entry.body.links
        guard !links.isEmpty, html.unicodeScalars.contains("\u{E000}") else { return html }
        let targets = site.linkTargets[entry.slug] ?? []
        var result = String.UnicodeScalarView()
        var scalars = html.unicodeScalars[...]
        while let open = scalars.firstIndex(of: "\u{E000}") {
            result.append(contentsOf: scalars[..<open])
            guard let close = scalars[open...].firstIndex(of: "\u{E001}") else { break }
            let token = String(String.UnicodeScalarView(scalars[scalars.index(after: open)..<close]))
            let kind = token.first
            if let index = Int(token.dropFirst()), index < links.count {
                let target = index < targets.count ? targets[index].flatMap(site.entry) : nil
                let link = links[index]
                switch kind {
                case "u":
                    var url = ""
                    if let target, target.slug != entry.slug || link.fragment == nil { url = root + site.url(of: target) }
                    if let fragment = link.fragment { url += "#" + fragment }
                    result.append(contentsOf: url.htmlEscaped.unicodeScalars)
                case "t":
                    result.append(contentsOf: (target?.title ?? link.written).htmlEscaped.unicodeScalars)
                default:
                    break
                }
            }
            scalars = scalars[scalars.index(after: close)...]
        }
        result.append(contentsOf: scalars)
        return String(result)
    }
}
