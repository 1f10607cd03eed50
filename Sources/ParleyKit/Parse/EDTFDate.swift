/// An entry's date in EDTF (levels 0 and 1): a day, month or year, possibly qualified, or an interval.
///
/// The Library of Congress Extended Date/Time Format (ISO 8601-2) extends the ISO dates of ``EntryDate``:
///
/// - level 0: `2022-02-28`, `2022-03`, `2022`, and intervals between two of them: `2022-05-09/2022-05-15`;
/// - level 1: a final `?` (uncertain), `~` (approximate) or `%` (both); `X` for unspecified digits
///   (`2022-03-XX`, `2022-XX`, `2022-XX-XX`, `202X`, `20XX`); seasons (`2022-21` to `2022-24`); and intervals
///   with an open (`..`) or unknown (empty) end: `2022-09/..`, `../2022-03`, `2022-09/`, `/2022-03`.
///
/// Not accepted: times of day, years before 0001 or after 9999 (`-0500`, `Y170000`) and everything of level 2.
/// Seasons are those of the northern hemisphere's meteorological calendar (spring is March to May; winter
/// runs from December into February of the next year); they matter only for ``earliest`` and ``latest``.
struct EDTFDate: Sendable, Hashable, CustomStringConvertible {
    /// The EDTF string as written (normalised: trimmed).
    let description: String
    let shape: Shape

    /// One date, or an interval between two ends.
    enum Shape: Sendable, Hashable {
        case single(Point)
        case interval(start: End, end: End)
    }

    /// One end of an interval.
    enum End: Sendable, Hashable {
        case date(Point)
        /// `..`: the interval has no end on this side (it is ongoing, or had no beginning).
        case open
        /// Empty: the interval has an end on this side, but it is not known.
        case unknown

        var point: Point? {
            if case .date(let point) = self { point } else { nil }
        }
    }

    /// A single date of any precision, with its qualifiers.
    struct Point: Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            case day(month: Int, day: Int)
            case month(Int)
            /// 21 (spring) to 24 (winter).
            case season(Int)
            case year
            /// `2022-03-XX`
            case dayUnknown(month: Int)
            /// `2022-XX`
            case monthUnknown
            /// `2022-XX-XX`
            case monthAndDayUnknown
            /// `202X` (1 digit) or `20XX` (2 digits); the point's `year` is the first year it may be.
            case yearUnknown(digits: Int)
        }

        var year: Int
        var kind: Kind
        var isUncertain = false
        var isApproximate = false
    }

    // MARK: - Properties

    /// In words, for readers: `28 February 2022`, `9–15 May 2022`, `c. March 2022 (uncertain)`, `from September 2022`.
    var text: String { text(.english) }

    /// In words in a language: `28 лютого 2022`, `березень 2022`, `бл. березня 2022 (непевно)`, `з вересня 2022`.
    /// A date after a word such as "c.", "from" or "until" takes the form that word governs (the genitive
    /// in Ukrainian); alone, a month or season takes its own form.
    func text(_ w: LocalWords) -> String {
        switch shape {
        case .single(let point):
            let words = point.words(w, governed: point.isApproximate).full
            return (point.isApproximate ? w("date-approximate", words) : words)
                + Self.parenthesised(point.unknownNotes(w) + (point.isUncertain ? [w("date-uncertain")] : []))
        case .interval(.date(let start), .date(let end)):
            let approximate = start.isApproximate && end.isApproximate
            let uncertain = start.isUncertain && end.isUncertain
            var notes: [String] = []
            for (name, point) in [("date-start", start), ("date-end", end)] {
                var items: [String] = []
                if point.isApproximate && !approximate { items.append(w("date-note-approximate")) }
                if point.isUncertain && !uncertain { items.append(w("date-note-uncertain")) }
                items += point.unknownNotes(w)
                if !items.isEmpty { notes.append(w(name, items.joined(separator: " " + w("date-and") + " "))) }
            }
            if uncertain { notes.append(w("date-uncertain")) }
            let range = Words.range(start.words(w, governed: approximate), end.words(w, governed: approximate))
            return (approximate ? w("date-approximate", range) : range) + Self.parenthesised(notes)
        case .interval(.date(let start), let end):
            return w("date-from", Self.words(of: start, otherEnd: end == .unknown ? w("date-end-unknown") : nil, w))
        case .interval(let start, .date(let end)):
            return w("date-until", Self.words(of: end, otherEnd: start == .unknown ? w("date-start-unknown") : nil, w))
        case .interval:
            preconditionFailure("an interval has at least one date")  // parse never makes one without
        }
    }

    /// Machine forms for `<time datetime>`: one for a single date, one per known end of an interval; each a
    /// valid HTML date (`2022-02-28`), month (`2022-03`) or year (`2022`) string. A date with unspecified
    /// year digits (`202X`) has none.
    var datetimes: [String] {
        points.compactMap(\.datetime)
    }

    /// What is known for certain of its start and its end, as ISO 8601 writes a day (`2022-02-28`), a month
    /// (`2022-03`) or a year (`2022`), for schema.org and reference managers: nothing that is uncertain or
    /// approximate (`?`, `~`, `%`) is written as certain, an unspecified day or month leaves what is known
    /// (`2022-03-XX` → `2022-03`), and a decade (`202X`) or a winter (which runs into the next year) has no such
    /// form. A single date has only a start; an interval has each certain end, none for an open or unknown one.
    var certainEnds: (start: String?, end: String?) {
        switch shape {
        case .single(let point): (point.certainISO, nil)
        case .interval(let start, let end): (start.point?.certainISO, end.point?.certainISO)
        }
    }

    /// The day number (``EntryDate/dayNumber(year:month:day:)``) of the earliest day it may start on;
    /// `Int.min` for an open or unknown start.
    var earliest: Int {
        switch shape {
        case .single(let point): point.earliest
        case .interval(let start, _): start.point?.earliest ?? Int.min
        }
    }

    /// The day number of the latest day it may end on; `Int.max` for an open or unknown end.
    var latest: Int {
        switch shape {
        case .single(let point): point.latest
        case .interval(_, let end): end.point?.latest ?? Int.max
        }
    }

    /// For sorting: by the earliest possible start, then the latest possible end.
    var sortKey: (Int, Int) { (earliest, latest) }

    var isInterval: Bool {
        if case .interval = shape { true } else { false }
    }

    /// A single date known only to a span coarser than a day (`2022-03`, `2022`, `2022-03-XX`, a season): it
    /// happened on one day of the span, not over all of it, and which day is not known.
    var isImprecise: Bool {
        guard case .single(let point) = shape else { return false }
        if case .day = point.kind { return false }
        return true
    }

    /// The date, or either end of the interval, is approximate (`~` or `%`).
    var isApproximate: Bool { points.contains(where: \.isApproximate) }

    /// The date, or either end of the interval, is uncertain (`?` or `%`).
    var isUncertain: Bool { points.contains(where: \.isUncertain) }

    /// The start's year (for grouping a timeline by year), nil for an open or unknown start. For `202X` it
    /// is the first year it may be, 2020.
    var year: Int? { start?.year }

    /// The start's month when known (nil for a year, a season, or `2022-XX`).
    var month: Int? { start?.month }

    private var start: Point? {
        switch shape {
        case .single(let point): point
        case .interval(let start, _): start.point
        }
    }

    private var points: [Point] {
        switch shape {
        case .single(let point): [point]
        case .interval(let start, let end): [start.point, end.point].compactMap { $0 }
        }
    }

    /// One end after "from" or "until", which govern its form.
    private static func words(of point: Point, otherEnd: String?, _ w: LocalWords) -> String {
        let words = point.words(w, governed: true).full
        return (point.isApproximate ? w("date-approximate", words) : words)
            + parenthesised(
                point.unknownNotes(w) + (point.isUncertain ? [w("date-uncertain")] : []) + [otherEnd].compactMap { $0 })
    }

    private static func parenthesised(_ notes: [String]) -> String {
        notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")"
    }

    // MARK: - Parsing

    /// A short list of every accepted form with examples, for error hints.
    static let acceptedForms =
        "YYYY-MM-DD (2022-02-28), YYYY-MM (2022-03), YYYY (2022) or a season "
        + "(2022-21 to 2022-24: spring to winter); ending in ? if uncertain (2022-03-29?), ~ if approximate "
        + "(2022-03~) or % if both (2022-03%); with X for unknown digits (2022-03-XX, 2022-XX, 2022-XX-XX, 202X, "
        + "20XX); or an interval START/END (2022-05-09/2022-05-15, 2022-03/2022-05), open with .. "
        + "(2022-09/.., ../2022-03) or with an unknown end left empty (2022-09/, /2022-03)"

    /// Parses an EDTF date or interval (levels 0 and 1), or says what is wrong with it.
    static func parse(_ text: String) -> Result<EDTFDate, EDTFError> {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        do {
            return .success(EDTFDate(description: trimmed, shape: try shape(of: trimmed)))
        } catch {
            return .failure(error)
        }
    }

    private static func shape(of text: String) throws(EDTFError) -> Shape {
        guard !text.isEmpty else { throw EDTFError(reason: "the date is empty") }
        let sides = text.split(separator: "/", omittingEmptySubsequences: false)
        switch sides.count {
        case 1:
            guard text != ".." else {
                throw EDTFError(reason: "'..' stands for the open end of an interval, as in 2022-09/.. or ../2022-03")
            }
            return .single(try point(text[...]))
        case 2:
            let start = try end(sides[0]), end = try end(sides[1])
            switch (start, end) {
            case (.date(let first), .date(let last)):
                guard last.latest >= first.earliest else {
                    throw EDTFError(reason: "the interval ends before it starts")
                }
            case (.date, _), (_, .date):
                break
            default:
                throw EDTFError(reason: "an interval needs a start or an end date")
            }
            return .interval(start: start, end: end)
        default:
            throw EDTFError(reason: "an interval has one '/', between its start and its end")
        }
    }

    private static func end(_ text: Substring) throws(EDTFError) -> End {
        switch text {
        case "": .unknown
        case "..": .open
        default: .date(try point(text))
        }
    }

    private static let qualifiers: Set<Character> = ["?", "~", "%"]

    private static func point(_ text: Substring) throws(EDTFError) -> Point {
        var core = text
        var uncertain = false, approximate = false
        if let last = core.last, qualifiers.contains(last) {
            core.removeLast()
            uncertain = last != "~"
            approximate = last != "?"
            if let previous = core.last, qualifiers.contains(previous) {
                throw EDTFError(reason: "a date ends in only one of ?, ~ or % (which means both ? and ~)")
            }
        }
        let isDigitOrDash: (Character) -> Bool = { ($0.isASCII && $0.isNumber) || $0 == "-" }
        if core.contains(where: qualifiers.contains) {
            throw EDTFError(reason: "?, ~ and % may only come at the end of a date")
        }
        if core.first == "Y", core.dropFirst().allSatisfy(isDigitOrDash) {
            throw EDTFError(reason: "years after 9999 are not supported")
        }
        if core.first == "-", core.dropFirst().allSatisfy(isDigitOrDash) {
            throw EDTFError(reason: "years before 0001 are not supported")
        }
        if let t = core.firstIndex(of: "T"), t != core.startIndex, core[..<t].allSatisfy(isDigitOrDash) {
            throw EDTFError(reason: "times of day are not supported")
        }
        if core.contains("x"), core.allSatisfy({ isDigitOrDash($0) || $0 == "x" || $0 == "X" }) {
            throw EDTFError(reason: "unknown digits are written with a capital X")
        }
        let parts = core.split(separator: "-", omittingEmptySubsequences: false)
        guard core.allSatisfy({ isDigitOrDash($0) || $0 == "X" }), parts.count <= 3, !parts.contains(where: \.isEmpty)
        else { throw EDTFError(reason: nil) }
        guard parts[0].count == 4 else { throw EDTFError(reason: "a year has four digits") }
        guard parts.dropFirst().allSatisfy({ $0.count == 2 }) else {
            throw EDTFError(reason: "a month or day has two digits, as in 2022-03-01")
        }
        func made(_ year: Int, _ kind: Point.Kind) -> Point {
            Point(year: year, kind: kind, isUncertain: uncertain, isApproximate: approximate)
        }

        let yearText = parts[0]
        let unknownDigits = yearText.count(where: { $0 == "X" })
        if unknownDigits > 0 {
            guard yearText.drop(while: { $0 != "X" }).allSatisfy({ $0 == "X" }) else {
                throw EDTFError(reason: "only the last digits of a year may be X, as in 202X or 20XX")
            }
            guard unknownDigits <= 2 else {
                throw EDTFError(reason: "only the last one or two digits of a year may be X, as in 202X or 20XX")
            }
            guard parts.count == 1 else {
                throw EDTFError(reason: "a year with X digits stands alone, as in 202X, without a month or day")
            }
            let known = Int(yearText.prefix(4 - unknownDigits))!
            return made(known * (unknownDigits == 1 ? 10 : 100), .yearUnknown(digits: unknownDigits))
        }
        let year = Int(yearText)!
        guard year >= 1 else { throw EDTFError(reason: "years before 0001 are not supported") }
        guard parts.count > 1 else { return made(year, .year) }

        let monthText = parts[1]
        if monthText == "XX" {
            guard parts.count > 2 else { return made(year, .monthUnknown) }
            guard parts[2] == "XX" else {
                throw EDTFError(
                    reason: parts[2].contains("X")
                        ? "a day is two digits or XX"
                        : "a day cannot be known when its month is not; write 2022-XX-XX")
            }
            return made(year, .monthAndDayUnknown)
        }
        guard !monthText.contains("X") else { throw EDTFError(reason: "a month is two digits or XX") }
        let month = Int(monthText)!
        if (21...24).contains(month) {
            guard parts.count == 2 else { throw EDTFError(reason: "a season (21 to 24) has no days") }
            return made(year, .season(month))
        }
        guard (1...12).contains(month) else { throw EDTFError(reason: "there is no month \(month)") }
        guard parts.count > 2 else { return made(year, .month(month)) }

        let dayText = parts[2]
        if dayText == "XX" { return made(year, .dayUnknown(month: month)) }
        guard !dayText.contains("X") else { throw EDTFError(reason: "a day is two digits or XX") }
        let day = Int(dayText)!
        let length = EntryDate.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            throw EDTFError(reason: "\(EntryDate.monthNames[month - 1]) \(year) has \(length) days")
        }
        return made(year, .day(month: month, day: day))
    }
}

/// Why a string is not an EDTF date.
struct EDTFError: Error, Sendable, Equatable {
    /// What is wrong, when it can be said more precisely than "not a date": `February 2022 has 28 days`.
    var reason: String?

    init(reason: String? = nil) {
        self.reason = reason
    }
}
