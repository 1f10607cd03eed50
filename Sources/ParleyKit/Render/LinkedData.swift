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
    static func entry(_ entry: Entry, site: ResolvedSite, context: PageContext) -> String {
        let config = site.config
        let url = context.absoluteURL(site.url(of: entry))
        let schema = config.section(named: entry.section)?.schema
        let event = schema?.type == .event ? entry.date : nil

        var article = Object(type: "Article", context: event == nil)
        article.add("headline", entry.title)
        article.add("description", entry.summary)
        article.add("url", url)
        article.add("image", context.imageURL)
        article.add("datePublished", entry.published?.description)
        article.add("dateModified", entry.updated?.description)
        article.add("inLanguage", config.language)
        article.add(json: "isPartOf", context.websiteJSON)
        article.add(list: "citation", citations(of: entry, context: context))
        guard let date = event, let schema else { return article.json }

        var values = Object(type: "Event", context: true)
        values.add("name", entry.title)
        values.add("description", entry.summary)
        values.add("url", url)
        let (start, end) = date.certainEnds
        values.add("startDate", start)
        values.add("endDate", end)
        if let field = schema.location {
            let places = named(field, of: entry, site: site, context: context).map { thing("Place", $0.name, url: $0.url) }
            if places.count == 1 { values.add(json: "location", places[0]) } else { values.add(list: "location", places) }
        }
        if let field = schema.attendee {
            values.add(list: "attendee", named(field, of: entry, site: site, context: context).map {
                thing(schema.attendeeType.rawValue, $0.name, url: $0.url)
            })
        }
        values.add("inLanguage", config.language)
        values.add("image", context.imageURL)
        values.add(json: "subjectOf", article.json)
        return values.json
    }

    /// The sources an entry cites, in the order of its notes, each as its `CreativeWork`.
    static func citations(of entry: Entry, context: PageContext) -> [String] {
        var notes: [(note: Int, key: String)] = []
        var seen: Set<String> = []
        for citation in entry.body.citations where seen.insert(citation.key).inserted { notes.append((citation.note, citation.key)) }
        return notes.sorted { $0.note < $1.note }.compactMap { context.sourceJSON($0.key) }
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

    /// A person (`Valerie Hopkins`, with her given and family names) or, for a name written as it is, an organisation.
    static func author(_ name: Name) -> String {
        if let literal = name.literal { return thing("Organization", literal) }
        var person = Object(type: "Person")
        person.add("name", [name.given, name.family].compactMap { $0 }.joined(separator: " "))
        person.add("givenName", name.given)
        person.add("familyName", name.family)
        return person.json
    }

    /// The `WebSite` an entry is part of: its title and address.
    static func website(_ config: SiteConfig, url: String) -> String {
        var site = Object(type: "WebSite")
        site.add("name", config.title)
        site.add("url", url)
        return site.json
    }

    /// The names a declared field gives (a text, a list, or the titles of entries, with their addresses).
    private static func named(_ field: String, of entry: Entry, site: ResolvedSite, context: PageContext) -> [(name: String, url: String?)] {
        switch entry.fields[field] {
        case .text(let text)?: return [(text, nil)]
        case .list(let items)?: return items.map { ($0, nil) }
        case .entries(let slugs)?:
            return slugs.compactMap { slug in site.entry(slug.value).map { ($0.title, context.absoluteURL(site.url(of: $0))) } }
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

    /// A JSON object, its members in the order they are added; absent values and empty lists are left out.
    struct Object {
        private var text = "{"
        private var empty = true

        init(type: String, context: Bool = false) {
            if context { add("@context", "https://schema.org") }
            add("@type", type)
        }

        mutating func add(_ key: String, _ value: String?) {
            guard let value else { return }
            member(key)
            LinkedData.append(string: value, to: &text)
        }

        /// A member whose value is JSON already.
        mutating func add(json key: String, _ value: String) {
            member(key)
            text += value
        }

        /// A member whose value is a list of JSON values.
        mutating func add(list key: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            member(key)
            text += "["
            text += values.joined(separator: ",")
            text += "]"
        }

        private mutating func member(_ key: String) {
            if !empty { text += "," }
            empty = false
            LinkedData.append(string: key, to: &text)
            text += ":"
        }

        var json: String { text + "}" }
    }

    /// A JSON string literal, safe inside an HTML `<script>` element: besides `"`, `\` and control characters,
    /// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026` (so no string can close the element
    /// with `</script>` or open a comment with `<!--`), and U+2028 and U+2029 as escapes (which older
    /// JavaScript could not read in a string). Every other character is written as it is, in UTF-8.
    static func append(string: String, to out: inout String) {
        out += "\""
        // Most strings need no escape: written whole.
        let plain = string.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "<")
                && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "&") && byte != 0xE2
        }
        if plain {
            out += string
        } else {
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "<": out += "\\u003c"
                case ">": out += "\\u003e"
                case "&": out += "\\u0026"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                case let control where control.value < 0x20:
                    let digits = String(control.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    static func string(_ text: String) -> String {
        var out = ""
        append(string: text, to: &out)
        return out
    }
}
