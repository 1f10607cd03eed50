/// The order of the dated entries: by their dates, and, where a date is too imprecise to say, by what the
/// entries say of each other (`after:` and `before:`, as the sources put it).
///
/// Each dated entry gets a position on a line of days:
/// - a day, or an interval (which really lasted), is at its first day;
/// - a date known only to a month or a year is at the end of that span, after everything that certainly
///   happened in it: nothing says it came first, so it is never sorted as its first day;
/// - `after: [x]` puts the entry just after the last of the entries it names, `before: [y]` just before the
///   first of them, and both halfway between, always within the entry's own date.
///
/// Ties go by title, then slug; undated entries come last. A relation to an entry that does not exist or has no
/// date, relations that go round in a circle, and a relation that contradicts the dates (an entry of March said
/// to come after one of April) are errors at the relation's place.
struct Chronology: Sendable {
    /// Each dated entry's position, by slug.
    private var positions: [String: Double] = [:]
    /// For an edition in another language, each entry's place in the default edition's order: entries at the
    /// same position keep that order rather than going by their translated titles, so that every edition
    /// tells the events in one order.
    var ties: [String: Int] = [:]

    private func tie(_ a: Entry, _ b: Entry) -> Bool {
        if !ties.isEmpty, let x = ties[a.slug], let y = ties[b.slug], x != y { return x < y }
        return SiteResolver.byTitle(a, b)
    }

    /// The position of an entry with a date, nil for an undated one.
    func position(of slug: String) -> Double? { positions[slug] }

    /// Whether `a` comes before `b`.
    func precedes(_ a: Entry, _ b: Entry) -> Bool {
        switch (positions[a.slug], positions[b.slug]) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return tie(a, b)
        }
    }

    /// `entries` in this order (``precedes(_:_:)``): each entry's position looked up once, and the entries
    /// moved once, rather than two lookups by slug for every comparison of a sort.
    func sorted(_ entries: [Entry]) -> [Entry] {
        let keys = entries.map { positions[$0.slug] }
        let order = entries.indices.sorted { i, j in
            switch (keys[i], keys[j]) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return tie(entries[i], entries[j])
            }
        }
        return order.map { entries[$0] }
    }

    /// How far a relation moves an entry from the one it names: small enough that a chain of them stays
    /// within a day.
    static let step = 1.0 / 64

    /// The order of `entries`, and the problems with their relations.
    static func build(
        _ entries: [Entry], allSlugs: Set<String>, ties: [String: Int] = [:]
    ) -> (Chronology, [Diagnostic]) {
        var chronology = Chronology()
        chronology.ties = ties
        var diagnostics: [Diagnostic] = []
        let bySlug = Dictionary(entries.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        // 0: not yet placed, 1: being placed (a relation back to it is a circle), 2: placed.
        var state: [String: Int] = [:]
        var path: [String] = []

        func place(_ entry: Entry) -> Double? {
            if let position = chronology.positions[entry.slug] { return position }
            guard let date = entry.date else { return nil }
            if state[entry.slug] == 1 { return nil }
            state[entry.slug] = 1
            path.append(entry.slug)
            defer {
                path.removeLast()
                state[entry.slug] = 2
            }

            let low = Double(date.earliest),
                high = date.latest == Int.max ? Double.infinity : Double(date.latest) + 1 - step
            var after: [(Located<String>, Double)] = [], before: [(Located<String>, Double)] = []
            for (relations, isAfter) in [(entry.after, true), (entry.before, false)] {
                for relation in relations {
                    let word = isAfter ? "after" : "before"
                    guard relation.value != entry.slug else {
                        diagnostics.append(
                            relation.diagnostic(
                                .error, "the entry is said to come \(word) itself",
                                hint: "remove '\(relation.value)' from '\(word)'"))
                        continue
                    }
                    guard let other = bySlug[relation.value] else {
                        diagnostics.append(
                            relation.diagnostic(
                                .error, "'\(word)' names '\(relation.value)', but no entry has that slug",
                                hint: Suggestion.hint(for: relation.value, in: allSlugs)
                                    ?? "a slug is an entry's file name without .md"))
                        continue
                    }
                    guard other.date != nil else {
                        diagnostics.append(
                            relation.diagnostic(
                                .error,
                                "'\(word)' names '\(relation.value)', which has no date, so nothing can be placed by it",
                                hint: "give '\(relation.value)' a date, or remove it from '\(word)'"))
                        continue
                    }
                    if state[other.slug] == 1 {
                        let circle = (path.drop { $0 != other.slug } + [other.slug]).joined(separator: " → ")
                        diagnostics.append(
                            relation.diagnostic(
                                .error,
                                "'after' and 'before' go round in a circle (\(circle)), so these entries have no order",
                                hint: "remove one of the relations; each should say what a source says"))
                        continue
                    }
                    guard let position = place(other) else { continue }
                    if isAfter { after.append((relation, position)) } else { before.append((relation, position)) }
                }
            }

            let lower = after.map(\.1).max().map { $0 + step }
            let upper = before.map(\.1).min().map { $0 - step }
            // A relation may not take the entry out of its own date.
            if let lower, lower > high, let latest = after.max(by: { $0.1 < $1.1 }) {
                diagnostics.append(
                    latest.0.diagnostic(
                        .error,
                        "the entry is dated \(date.text), so it cannot come after '\(latest.0.value)', which is later",
                        hint: "check the two dates and the relation against the sources"))
            }
            if let upper, upper < low, let first = before.min(by: { $0.1 < $1.1 }) {
                diagnostics.append(
                    first.0.diagnostic(
                        .error,
                        "the entry is dated \(date.text), so it cannot come before '\(first.0.value)', which is earlier",
                        hint: "check the two dates and the relation against the sources"))
            }
            if let lower, let upper, lower > upper, let last = after.max(by: { $0.1 < $1.1 }),
                let first = before.min(by: { $0.1 < $1.1 })
            {
                diagnostics.append(
                    first.0.diagnostic(
                        .error,
                        "the entry comes after '\(last.0.value)' and before '\(first.0.value)', but '\(first.0.value)' comes first",
                        hint: "check the relations against the sources"))
            }

            var position: Double
            switch (lower, upper) {
            case let (lower?, upper?): position = (lower + upper) / 2
            case let (lower?, nil): position = lower
            case let (nil, upper?): position = upper
            case (nil, nil): position = date.isImprecise ? Double(date.latest) + 0.5 : low
            }
            position = min(max(position, low), high)
            chronology.positions[entry.slug] = position
            return position
        }

        for entry in entries { _ = place(entry) }
        return (chronology, diagnostics)
    }
}
