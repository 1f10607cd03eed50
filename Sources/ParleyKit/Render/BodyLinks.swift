import Foundation

/// Fills in the placeholders a body's links to other entries left in its HTML: each URL, relative to the page
/// the body is on, and the target's title for wiki links written without text.
enum BodyLinks {
    // The placeholders are U+E000 … U+E001 around a token: EE 80 80 and EE 80 81 in UTF-8. The body is scanned
    // as bytes, which is several times faster than as Unicode scalars on every entry page.
    private static let lead: UInt8 = 0xEE, second: UInt8 = 0x80, open: UInt8 = 0x80, close: UInt8 = 0x81

    static func resolve(
        _ entry: Entry, in site: ResolvedSite, root: String, shownAt placement: Placement? = nil
    ) -> String {
        resolve(entry.body.html, of: entry, in: site, root: root, shownAt: placement)
    }

    /// The same for a part of the body's HTML kept apart from it (an explanatory note).
    static func resolve(
        _ html: String, of entry: Entry, in site: ResolvedSite, root: String, shownAt placement: Placement? = nil
    ) -> String {
        var html = placement.map { relocating(html, to: $0) } ?? html
        let links = entry.body.links
        guard !links.isEmpty else { return html }
        let targets = site.linkTargets[entry.slug] ?? []
        return html.withUTF8 { bytes -> String in
            let count = bytes.count
            func isMark(_ index: Int, _ third: UInt8) -> Bool {
                index + 2 < count && bytes[index] == lead && bytes[index + 1] == second && bytes[index + 2] == third
            }
            var result: [UInt8] = []
            result.reserveCapacity(count + 64 * links.count)
            var index = 0
            while index < count {
                // Copy everything up to the next placeholder at once.
                var next = index
                while next < count, !isMark(next, open) {
                    // memchr finds the next lead byte far faster than a loop over every byte.
                    guard let found = memchr(bytes.baseAddress! + next + 1, Int32(lead), count - next - 1) else {
                        next = count
                        break
                    }
                    next = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<next]))
                index = next
                guard index < count else { break }
                var end = index + 3
                while end < count, !isMark(end, close) { end += 1 }
                guard end < count else {
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index...]))
                    break
                }
                let token = bytes[(index + 3)..<end]
                if let kind = token.first, let number = Int(String(decoding: token.dropFirst(), as: UTF8.self)),
                    number < links.count
                {
                    let target = number < targets.count ? targets[number].flatMap(site.entry) : nil
                    let link = links[number]
                    switch kind {
                    case UInt8(ascii: "u"):
                        var url = ""
                        if let target, target.slug != entry.slug || link.fragment == nil {
                            url = root + site.url(of: target)
                        }
                        if let fragment = link.fragment { url += "#" + fragment }
                        result.append(contentsOf: url.htmlEscaped.utf8)
                    case UInt8(ascii: "t"):
                        result.append(contentsOf: (target?.title ?? link.written).htmlEscaped.utf8)
                    default:
                        break
                    }
                }
                index = end + 3
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    // MARK: Relative addresses

    /// Where a body is shown, when that is not the entry's own page in the default edition.
    ///
    /// A relative address in a body (`../../assets/map.png`, `../other/`) is written for the entry's page in
    /// the default edition. Shown elsewhere (the entry's page in another edition, one folder deeper under
    /// `uk/`, or the home page), it is rewritten to lead to the same place: to the edition's own page where the
    /// edition has a page at that address, else to the site's file (the assets are shared by the editions).
    struct Placement {
        /// The entry's page, relative to its edition's folder: `events/first-event/`.
        var own: String
        /// The edition's folder: `uk/`, or `""` for the default edition.
        var edition: String
        /// The page showing the body, relative to the edition's folder: `events/first-event/`, `""`.
        var shown: String
        /// Whether the edition has a page at a URL relative to its folder (`events/other/`, `feed.xml`).
        var hasPage: @Sendable (String) -> Bool

        /// Nil where nothing needs rewriting: the entry's own page in the default edition.
        static func of(
            _ entry: Entry, in site: ResolvedSite, shown: String, hasPage: @escaping @Sendable (String) -> Bool
        ) -> Placement? {
            let own = site.url(of: entry), edition = site.config.editionPath
            return own == shown && edition.isEmpty
                ? nil : Placement(own: own, edition: edition, shown: shown, hasPage: hasPage)
        }
    }

    /// The HTML with each relative `href` and `src` rewritten for the page it is shown on.
    static func relocating(_ html: String, to placement: Placement) -> String {
        guard html.contains("=") else { return html }
        let changes = HTMLLinkScanner.scan(html).links.compactMap { link -> (Range<Int>, String)? in
            guard link.attribute != "srcset", let url = relocated(link.value, to: placement) else { return nil }
            return (link.bytes, url.escapingHTML(apostrophes: true))
        }
        guard !changes.isEmpty else { return html }
        var bytes = Array(html.utf8)
        for (range, text) in changes.reversed() { bytes.replaceSubrange(range, with: Array(text.utf8)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A relative address written for the entry's own page, as the page `placement` shows it must write it;
    /// nil when it stays as written (an absolute address, a `#fragment`, an address that climbs above the
    /// site's root from the entry's page, a link to another entry, which Parley writes for every page itself).
    static func relocated(_ url: String, to placement: Placement) -> String? {
        guard let first = url.unicodeScalars.first, first != "/", first != "#", first != "?", first != "\u{E000}",
            !hasScheme(url)
        else { return nil }
        let end = url.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? url.endIndex
        let path = url[..<end], rest = url[end...]
        var target = placement.own.split(separator: "/").map(String.init)
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            switch part {
            case "..":
                guard !target.isEmpty else { return nil }
                target.removeLast()
            case ".", "": break
            default: target.append(String(part))
            }
        }
        let folder = path.isEmpty || path.hasSuffix("/") || parts.last == "." || parts.last == ".."
        var address = target.joined(separator: "/") + (folder && !target.isEmpty ? "/" : "")
        if !placement.edition.isEmpty {
            let page = Routes.page(ofFile: address)
            if placement.hasPage(page) || placement.hasPage(page + "/") { address = placement.edition + address }
        }
        var from = (placement.edition + placement.shown).split(separator: "/").map(String.init)
        if !placement.shown.isEmpty, !placement.shown.hasSuffix("/") { from.removeLast() }
        let to = address.split(separator: "/").map(String.init)
        var common = 0
        while common < from.count, common < to.count - (folder ? 0 : 1), from[common] == to[common] { common += 1 }
        var relative =
            String(repeating: "../", count: from.count - common) + to.dropFirst(common).joined(separator: "/")
        if folder, common < to.count { relative += "/" }
        if relative.isEmpty { relative = "./" }
        let result = relative + rest
        return result == url ? nil : result
    }

    /// Whether a URL starts with a scheme (`https:`, `mailto:`), which makes it absolute.
    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
