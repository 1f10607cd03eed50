/// A URL in a rendered page that leads nowhere, with what is wrong and what was probably meant.
struct BrokenLink: Sendable, Hashable {
    enum Problem: Sendable, Hashable {
        /// No page or file at this output path.
        case missingPage(String)
        /// No file at this path under `assets/`.
        case missingAsset(String)
        /// The target page (an output path) exists, but has no element with this id.
        case missingFragment(page: String, fragment: String)
        case aboveRoot
        /// An absolute path outside the site's base path.
        case outsideBasePath(basePath: String)
    }

    /// The output path of the page the link is on.
    var page: String
    var link: HTMLLinkScanner.Link
    var problem: Problem
    /// The URL to write instead, as the link was written (relative or absolute), when one is close.
    var suggestion: String?
    /// For a missing page or asset, the closest existing one's path from the site's root (`assets/site.css`):
    /// what a template writes after `{{root}}`.
    var suggestedPath: String?

    /// A link outside the base path may go to another site on the same host, so it only warns.
    var severity: Diagnostic.Severity {
        if case .outsideBasePath = problem { return .warning }
        return .error
    }

    /// What makes two broken links the same problem, when they are written at the same place: a template's
    /// `#fragment` that no page has is one problem, whichever pages show it.
    var problemKey: String {
        if case .missingFragment(let target, let fragment) = problem, target == page { return "#" + fragment }
        return "\(problem)"
    }

    /// One sentence: which link, and why it leads nowhere.
    var message: String {
        let written = "'\(link.value)'"
        let what =
            link.tag == "a" || link.tag == "area" ? "the link \(written)" : "<\(link.tag)> \(link.attribute) \(written)"
        switch problem {
        case .missingPage(let path):
            return
                "\(what) leads to \(path.isEmpty ? "the site's root" : path), which is not a page or file of the site"
        case .missingAsset(let path):
            return "\(what) refers to \(path), which is not among the site's assets"
        case .missingFragment(let target, let fragment) where target == page:
            return "\(what) leads nowhere: the page has no element with id '\(fragment)'"
        case .missingFragment(let target, let fragment):
            return "\(what) leads to \(Self.display(target)), which has no element with id '\(fragment)'"
        case .aboveRoot:
            return "\(what) climbs above the site's root folder"
        case .outsideBasePath(let basePath):
            return "\(what) is outside the site's base path '\(basePath)'"
        }
    }

    /// How to fix it: the closest existing target, or what makes one exist.
    var hint: String {
        let meant = suggestion.map { "did you mean '\($0)'?" }
        switch problem {
        case .missingPage:
            return meant
                ?? "link to a page the site has (relative to this page); to link to an entry, write [[slug]] and the build checks it"
        case .missingAsset(let path):
            return meant ?? "put the file at Templates/\(path): the files in Templates/assets/ are copied to assets/"
        case .missingFragment:
            return meant
                ?? "give the element id=\"…\", or link to an id the page has; an entry's headings get their ids from their text"
        case .aboveRoot:
            return
                "remove a '../': in templates, write site links as {{root}} followed by the path from the site's root"
        case .outsideBasePath(let basePath):
            return "start site links with \(basePath), or write them relative to the page with {{root}}"
        }
    }

    /// `rounds/a/index.html` → `rounds/a/`, as readers see a page's address.
    static func display(_ path: String) -> String {
        path == Routes.home ? "the home page" : Routes.page(ofFile: path)
    }
}
