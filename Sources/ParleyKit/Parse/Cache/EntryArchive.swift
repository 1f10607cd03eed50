/// The encoding of each value the parse step produces.
enum EntryArchive {
    typealias Malformed = ArchiveReader.Malformed

    /// One file's parse: its entry (nil when it has errors) and its diagnostics.
    static func write(_ result: (Entry?, [Diagnostic]), to w: inout ArchiveWriter) {
        w.optional(result.0) { w, entry in write(entry, to: &w) }
        w.array(result.1) { w, diagnostic in write(diagnostic, to: &w) }
    }

    static func readResult(_ r: inout ArchiveReader) throws(Malformed) -> (Entry?, [Diagnostic]) {
        let entry = try r.optional { (r: inout ArchiveReader) throws(Malformed) in try readEntry(&r) }
        let diagnostics = try r.array { (r: inout ArchiveReader) throws(Malformed) in try readDiagnostic(&r) }
        return (entry, diagnostics)
    }

    static func write(_ entry: Entry, to w: inout ArchiveWriter) {
        for text in [entry.slug, entry.section, entry.path, entry.title] { w.string(text) }
        w.optional(entry.date?.description) { $0.string($1) }
        w.optional(entry.summary) { $0.string($1) }
        w.array(entry.fields.sorted { $0.key < $1.key }) { w, field in
            w.string(field.key)
            write(field.value, to: &w)
        }
        w.array(entry.subjects) { w, use in
            w.string(use.kind)
            w.string(use.name)
            w.optional(use.original) { $0.string($1) }
            w.optional(use.sortAs) { $0.string($1) }
            w.string(use.entry)
            write(use.location, to: &w)
        }
        for slugs in [entry.related, entry.after, entry.before, entry.aliases] {
            w.array(slugs) { w, slug in write(slug, to: &w) }
        }
        w.bool(entry.draft)
        w.optional(entry.language) { $0.string($1) }
        w.optional(entry.updated) { w, time in write(time, to: &w) }
        w.optional(entry.published) { w, time in write(time, to: &w) }
        w.optional(entry.weight) { $0.int($1) }
        write(entry.body, to: &w)
    }

    static func readEntry(_ r: inout ArchiveReader) throws(Malformed) -> Entry {
        let slug = try r.string(), section = try r.string(), path = try r.string(), title = try r.string()
        var date: EDTFDate?
        if let text = try r.optional({ (r: inout ArchiveReader) throws(Malformed) in try r.string() }) {
            guard case .success(let parsed) = EDTFDate.parse(text) else { throw Malformed() }
            date = parsed
        }
        let summary = try optionalString(&r)
        var fields: [String: FieldValue] = [:]
        for (name, value) in try r.array({ (r: inout ArchiveReader) throws(Malformed) in
            (try r.string(), try readFieldValue(&r))
        }) {
            fields[name] = value
        }
        let subjects = try r.array { (r: inout ArchiveReader) throws(Malformed) -> TermUse in
            let kind = try r.string()
            let name = try r.string()
            let original = try optionalString(&r)
            let sortAs = try optionalString(&r)
            let entry = try r.string()
            return TermUse(
                kind: kind, name: name, original: original, sortAs: sortAs, entry: entry, location: try readLocated(&r))
        }
        let related = try r.array { (r: inout ArchiveReader) throws(Malformed) in try readLocated(&r) }
        let after = try r.array { (r: inout ArchiveReader) throws(Malformed) in try readLocated(&r) }
        let before = try r.array { (r: inout ArchiveReader) throws(Malformed) in try readLocated(&r) }
        let aliases = try r.array { (r: inout ArchiveReader) throws(Malformed) in try readLocated(&r) }
        let draft = try r.bool()
        let language = try optionalString(&r)
        let updated = try r.optional { (r: inout ArchiveReader) throws(Malformed) in try readTimestamp(&r) }
        let published = try r.optional { (r: inout ArchiveReader) throws(Malformed) in try readTimestamp(&r) }
        let weight = try optionalInt(&r)
        let body = try readBody(&r)
        var entry = Entry(
            slug: slug, section: section, path: path, title: title, date: date, summary: summary,
            fields: fields, subjects: subjects, related: related, after: after, before: before, draft: draft,
            updated: updated, published: published, body: body, aliases: aliases, weight: weight)
        entry.language = language
        return entry
    }

    static func write(_ body: EntryBody, to w: inout ArchiveWriter) {
        w.string(body.html)
        // The source lines the citations and links are on, each once: a paragraph is often one line with
        // several of them (written whole each time, they were two fifths of the archive).
        var lines: [String] = []
        var lineNumbers: [String: Int] = [:]
        func number(_ line: String?) -> Int {
            guard let line else { return 0 }
            if let known = lineNumbers[line] { return known }
            lines.append(line)
            lineNumbers[line] = lines.count
            return lines.count
        }
        let numbers =
            body.citations.map { number($0.sourceLine) } + body.links.map { number($0.sourceLine) }
            + body.markdownLinks.map { number($0.sourceLine) }
        var next = numbers.makeIterator()
        w.array(lines) { $0.string($1) }
        w.array(body.headings) { w, heading in
            w.int(heading.level)
            w.string(heading.id)
            w.string(heading.text)
            w.int(heading.line)
        }
        w.array(body.citations) { w, citation in
            w.string(citation.key)
            w.optional(citation.prefix) { $0.string($1) }
            w.optional(citation.locator) { $0.string($1) }
            w.bool(citation.suppressAuthor)
            w.bool(citation.inText)
            w.int(citation.note)
            w.int(citation.use)
            write(citation.location, to: &w)
            w.int(next.next()!)
        }
        w.array(body.links) { w, link in
            switch link.target {
            case .slug(let slug):
                w.bool(false)
                w.string(slug)
            case .file(let path):
                w.bool(true)
                w.string(path)
            }
            w.optional(link.fragment) { $0.string($1) }
            w.bool(link.showsTitle)
            w.string(link.written)
            write(link.location, to: &w)
            w.int(next.next()!)
        }
        w.array(body.markdownLinks) { w, link in
            w.string(link.destination)
            w.bool(link.isImage)
            write(link.location, to: &w)
            w.int(next.next()!)
        }
        w.array(body.footnotes) { w, note in
            w.string(note.html)
            w.int(note.uses)
        }
    }

    static func readBody(_ r: inout ArchiveReader) throws(Malformed) -> EntryBody {
        let html = try r.string()
        let lines = try r.array { (r: inout ArchiveReader) throws(Malformed) in try r.string() }
        func line(_ r: inout ArchiveReader) throws(Malformed) -> String? {
            let number = try r.int()
            guard number == 0 || lines.indices.contains(number - 1) else { throw Malformed() }
            return number == 0 ? nil : lines[number - 1]
        }
        let headings = try r.array { (r: inout ArchiveReader) throws(Malformed) in
            Heading(level: try r.int(), id: try r.string(), text: try r.string(), line: try r.int())
        }
        let citations = try r.array { (r: inout ArchiveReader) throws(Malformed) in
            Citation(
                key: try r.string(), prefix: try optionalString(&r), locator: try optionalString(&r),
                suppressAuthor: try r.bool(), inText: try r.bool(), note: try r.int(), use: try r.int(),
                location: try readLocation(&r), sourceLine: try line(&r))
        }
        let links = try r.array { (r: inout ArchiveReader) throws(Malformed) -> EntryLink in
            let target: EntryLink.Target = try r.bool() ? .file(try r.string()) : .slug(try r.string())
            return EntryLink(
                target: target, fragment: try optionalString(&r), showsTitle: try r.bool(), written: try r.string(),
                location: try readLocation(&r), sourceLine: try line(&r))
        }
        let markdownLinks = try r.array { (r: inout ArchiveReader) throws(Malformed) in
            MarkdownLink(
                destination: try r.string(), isImage: try r.bool(), location: try readLocation(&r),
                sourceLine: try line(&r))
        }
        let footnotes = try r.array { (r: inout ArchiveReader) throws(Malformed) in
            Footnote(html: try r.string(), uses: try r.int())
        }
        return EntryBody(
            html: html, headings: headings, citations: citations, links: links, markdownLinks: markdownLinks,
            footnotes: footnotes)
    }

    static func write(_ diagnostic: Diagnostic, to w: inout ArchiveWriter) {
        w.bool(diagnostic.severity == .error)
        write(diagnostic.location, to: &w)
        w.string(diagnostic.message)
        w.optional(diagnostic.hint) { $0.string($1) }
        w.optional(diagnostic.sourceLine) { $0.string($1) }
        w.int(diagnostic.sourceLineStart)
    }

    static func readDiagnostic(_ r: inout ArchiveReader) throws(Malformed) -> Diagnostic {
        let severity: Diagnostic.Severity = try r.bool() ? .error : .warning
        return Diagnostic(
            severity, at: try readLocation(&r), try r.string(), hint: try optionalString(&r),
            sourceLine: try optionalString(&r), sourceLineStart: try r.int())
    }

    static func write(_ location: SourceLocation, to w: inout ArchiveWriter) {
        w.string(location.file)
        w.optional(location.line) { $0.int($1) }
        w.optional(location.column) { $0.int($1) }
    }

    static func readLocation(_ r: inout ArchiveReader) throws(Malformed) -> SourceLocation {
        SourceLocation(file: try r.string(), line: try optionalInt(&r), column: try optionalInt(&r))
    }

    static func write(_ located: Located<String>, to w: inout ArchiveWriter) {
        w.string(located.value)
        write(located.location, to: &w)
        w.optional(located.sourceLine) { $0.string($1) }
        w.int(located.sourceLineStart)
    }

    static func readLocated(_ r: inout ArchiveReader) throws(Malformed) -> Located<String> {
        Located(try r.string(), at: try readLocation(&r), excerpt: try optionalString(&r), start: try r.int())
    }

    static func write(_ time: Timestamp, to w: inout ArchiveWriter) {
        w.int(time.day.year)
        w.optional(time.day.month) { $0.int($1) }
        w.optional(time.day.day) { $0.int($1) }
        w.optional(time.secondsOfDay) { $0.int($1) }
        w.int(time.offset)
    }

    static func readTimestamp(_ r: inout ArchiveReader) throws(Malformed) -> Timestamp {
        let day = EntryDate(year: try r.int(), month: try optionalInt(&r), day: try optionalInt(&r))
        let seconds = try optionalInt(&r)
        let offset = try r.int()
        if let seconds { return Timestamp(day: day, secondsOfDay: seconds, offset: offset) }
        guard offset == 0 else { throw Malformed() }
        return Timestamp(day: day)
    }

    private static func optionalString(_ r: inout ArchiveReader) throws(Malformed) -> String? {
        try r.optional { (r: inout ArchiveReader) throws(Malformed) in try r.string() }
    }

    private static func optionalInt(_ r: inout ArchiveReader) throws(Malformed) -> Int? {
        try r.optional { (r: inout ArchiveReader) throws(Malformed) in try r.int() }
    }

    static func write(_ value: FieldValue, to w: inout ArchiveWriter) {
        switch value {
        case .text(let text):
            w.int(0)
            w.string(text)
        case .markdown(let html):
            w.int(1)
            w.string(html)
        case .list(let items):
            w.int(2)
            w.array(items) { $0.string($1) }
        case .number(_, let written):
            w.int(3)
            w.string(written)
        case .boolean(let flag):
            w.int(4)
            w.bool(flag)
        case .date(let date):
            w.int(5)
            w.string(date.description)
        case .entries(let slugs):
            w.int(6)
            w.array(slugs) { w, slug in write(slug, to: &w) }
        }
    }

    static func readFieldValue(_ r: inout ArchiveReader) throws(Malformed) -> FieldValue {
        switch try r.int() {
        case 0: return .text(try r.string())
        case 1: return .markdown(try r.string())
        case 2: return .list(try strings(&r))
        case 3:
            let written = try r.string()
            guard let number = Double(written) else { throw Malformed() }
            return .number(number, written)
        case 4: return .boolean(try r.bool())
        case 5:
            guard case .success(let date) = EDTFDate.parse(try r.string()) else { throw Malformed() }
            return .date(date)
        case 6: return .entries(try r.array { (r: inout ArchiveReader) throws(Malformed) in try readLocated(&r) })
        default: throw Malformed()
        }
    }

    private static func strings(_ r: inout ArchiveReader) throws(Malformed) -> [String] {
        try r.array { (r: inout ArchiveReader) throws(Malformed) in try r.string() }
    }
}
