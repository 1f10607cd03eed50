import Foundation

/// Fills in the placeholders a body's links to other entries left in its HTML: each URL, relative to the page
/// the body is on, and the target's title for wiki links written without text.
enum BodyLinks {
    // The placeholders are U+E000 … U+E001 around a token: EE 80 80 and EE 80 81 in UTF-8. The body is scanned
    // as bytes, which is several times faster than as Unicode scalars on every entry page.
    private static let lead: UInt8 = 0xEE, second: UInt8 = 0x80, open: UInt8 = 0x80, close: UInt8 = 0x81

    static func resolve(_ entry: Entry, in site: ResolvedSite, root: String) -> String {
        resolve(entry.body.html, of: entry, in: site, root: root)
    }

    /// The same for a part of the body's HTML kept apart from it (an explanatory note).
    static func resolve(_ html: String, of entry: Entry, in site: ResolvedSite, root: String) -> String {
        var html = html
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
                    guard let found = memchr(bytes.baseAddress! + next + 1, Int32(lead), count - next - 1) else { next = count; break }
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
                if let kind = token.first, let number = Int(String(decoding: token.dropFirst(), as: UTF8.self)), number < links.count {
                    let target = number < targets.count ? targets[number].flatMap(site.entry) : nil
                    let link = links[number]
                    switch kind {
                    case UInt8(ascii: "u"):
                        var url = ""
                        if let target, target.slug != entry.slug || link.fragment == nil { url = root + site.url(of: target) }
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
}
