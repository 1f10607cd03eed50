/// The schema.org description of an entry, as JSON-LD for `<script type="application/ld+json">`, for search
/// engines and other tools: made by Parley, never put together in a template, so that it is always valid JSON
/// with every string escaped, and made once per entry page.
///
/// An entry is an `Article` (its headline, description, address, dates of publication and last change, language,
/// the site it is part of, and the sources it cites as `citation`s), unless its section's `schema` in site.yaml
/// says its entries are events: then a dated entry is an `Event` (its name, description, address, the start and
/// end its date certainly has, the place and the participants the site's fields name), with the article about it
/// as its `subjectOf`. Nothing about any one site is known here: which sections are events and which fields say
/// where and who are the site's to declare.
enum LinkedData {
    /// The JSON-LD of an entry's page.
    /// `cited`: the keys of the sources it cites, in the order of its notes.
    static func entry(_ entry: Entry, site: ResolvedSite, context: PageContext, cited: [String]) -> String {
        let config = site.config
        let url = context.absoluteURL(site.url(of: entry))
        let schema = config.section(named: entry.section)?.schema
        let event = schema?.type == .event ? entry.date : nil

        var article = Object(type: "Article", context: event == nil)
        article.add("headline", entry.title)
        // An event's article has its description once, on the event.
        if event == nil { article.add("description", entry.summary) }
        article.add("url", url)
        article.add("image", context.imageURL)
        article.add("datePublished", entry.published?.description)
        article.add("dateModified", entry.updated?.description)
        article.add("inLanguage", config.language)
        article.add(json: "isPartOf", context.websiteJSON)
        article.add(list: "citation", cited.compactMap(context.sourceJSON))
        guard let date = event, let schema else { return article.json }

        var values = Object(type: "Event", context: true)
        values.add("name", entry.title)
        values.add("description", entry.summary)
        values.add("url", url)
        let (start, end) = date.certainEnds
        values.add("startDate", start)
        values.add("endDate", end)
        if let field = schema.location {
            let places = named(field, of: entry, site: site, context: context).map {
                thing("Place", $0.name, url: $0.url)
            }
            if places.count == 1 {
                values.add(json: "location", places[0])
            } else {
                values.add(list: "location", places)
            }
        }
        if let field = schema.attendee {
            values.add(
                list: "attendee",
                named(field, of: entry, site: site, context: context).map {
                    thing(schema.attendeeType.rawValue, $0.name, url: $0.url)
                })
        }
        values.add("inLanguage", config.language)
        values.add("image", context.imageURL)
        values.add(json: "subjectOf", article.json)
        return values.json
    }

    /// A source as a schema.org `CreativeWork`: its title, authors, date of publication and address.
    static func source(_ reference: Reference) -> String {
        var work = Object(type: "CreativeWork")
        work.add("name", reference.title ?? reference.translatedTitle)
        work.add(list: "author", reference.authors.map(author))
        work.add("datePublished", reference.issued?.description)
        work.add("url", reference.url ?? reference.archiveURL)
        return work.json
    }

    /// A person (`Valerie Hopkins`) or, for a name written as it is, an organisation.
    static func author(_ name: Name) -> String {
        if let literal = name.literal { return thing("Organization", literal) }
        return thing("Person", [name.given, name.family].compactMap { $0 }.joined(separator: " "))
    }

    /// The `WebSite` an entry is part of: its title and address.
    static func website(_ config: SiteConfig, url: String) -> String {
        var site = Object(type: "WebSite")
        site.add("name", config.title)
        site.add("url", url)
        return site.json
    }

    /// The names a declared field gives (a text, a list, or the titles of entries, with their addresses).
    private static func named(
        _ field: String, of entry: Entry, site: ResolvedSite, context: PageContext
    ) -> [(name: String, url: String?)] {
        switch entry.fields[field] {
        case .text(let text)?: return [(text, nil)]
        case .list(let items)?: return items.map { ($0, nil) }
        case .entries(let slugs)?:
            return slugs.compactMap { slug in
                site.entry(slug.value).map { ($0.title, context.absoluteURL(site.url(of: $0))) }
            }
        default: return []
        }
    }

    private static func thing(_ type: String, _ name: String, url: String? = nil) -> String {
        var thing = Object(type: type)
        thing.add("name", name)
        thing.add("url", url)
        return thing.json
    }

    // MARK: Writing JSON

    /// A JSON object written into UTF-8 bytes, its members in the order they are added; absent values and empty
    /// lists are left out.
    struct Object {
        private var bytes: [UInt8] = []
        private var empty = true

        init(type: String, context: Bool = false) {
            bytes.reserveCapacity(256)
            bytes.append(UInt8(ascii: "{"))
            if context { add("@context", "https://schema.org") }
            add("@type", type)
        }

        mutating func add(_ key: String, _ value: String?) {
            guard let value else { return }
            member(key)
            LinkedData.append(string: value, to: &bytes)
        }

        /// A member whose value is JSON already.
        mutating func add(json key: String, _ value: String) {
            member(key)
            bytes.append(contentsOf: value.utf8)
        }

        /// A member whose value is a list of JSON values.
        mutating func add(list key: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            member(key)
            bytes.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: value.utf8)
            }
            bytes.append(UInt8(ascii: "]"))
        }

        private mutating func member(_ key: String) {
            if !empty { bytes.append(UInt8(ascii: ",")) }
            empty = false
            LinkedData.append(string: key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }

        var json: String {
            var closed = bytes
            closed.append(UInt8(ascii: "}"))
            return String(decoding: closed, as: UTF8.self)
        }
    }

    /// A JSON string literal, safe inside an HTML `<script>` element: besides `"`, `\` and control characters,
    /// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026` (so no string can close the element
    /// with `</script>` or open a comment with `<!--`), and U+2028 and U+2029 as escapes (which older
    /// JavaScript could not read in a string). Every other character is written as it is, in UTF-8.
    static func append(string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = string
        text.withUTF8 { append(bytes: $0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func append(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var index = 0
        let count = bytes.count
        func escape(_ text: StaticString, skip: Int) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
            index += skip
            start = index
        }
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): escape("\\\"", skip: 1)
            case UInt8(ascii: "\\"): escape("\\\\", skip: 1)
            case UInt8(ascii: "<"): escape("\\u003c", skip: 1)
            case UInt8(ascii: ">"): escape("\\u003e", skip: 1)
            case UInt8(ascii: "&"): escape("\\u0026", skip: 1)
            case UInt8(ascii: "\n"): escape("\\n", skip: 1)
            case UInt8(ascii: "\r"): escape("\\r", skip: 1)
            case UInt8(ascii: "\t"): escape("\\t", skip: 1)
            case 0xE2
            where index + 2 < count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                escape(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", skip: 3)
            case let control where control < 0x20:
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    hex[Int(control >> 4)], hex[Int(control & 0x0F)],
                ])
                index += 1
                start = index
            default:
                index += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count]))
    }

    static func string(_ text: String) -> String {
        var out: [UInt8] = []
        append(string: text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
