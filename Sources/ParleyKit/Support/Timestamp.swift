/// A moment as RFC 3339 writes it (`2024-05-01T12:34:56+02:00`), or a day whose time is unknown: when an entry's
/// file was committed, or the day its `updated` field gives.
struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar day, in the timestamp's own offset from UTC.
    let day: EntryDate
    /// Seconds since the day's midnight; nil when only the day is known.
    let secondsOfDay: Int?
    /// The offset from UTC in seconds (0 when only the day is known: midnight UTC).
    let offset: Int

    /// A day with no time: midnight UTC.
    init(day: EntryDate) {
        self.day = day
        self.secondsOfDay = nil
        self.offset = 0
    }

    init(day: EntryDate, secondsOfDay: Int, offset: Int) {
        self.day = day
        self.secondsOfDay = secondsOfDay
        self.offset = offset
    }

    /// The day with this day number (``EntryDate/dayNumber(year:month:day:)``), at midnight UTC.
    init(dayNumber: Int) {
        let (year, month, day) = Self.civil(dayNumber)
        self.init(day: EntryDate(year: year, month: month, day: day))
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM` (git's `%cI`); nil for anything else.
    static func parse(rfc3339 text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 || bytes.count == 25, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else { return nil }
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            case .success(let day) = EntryDate.parse(String(decoding: bytes[0..<10], as: UTF8.self)),
            day.precision == .day,
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var offset = 0
        if bytes.count == 25 {
            guard bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"), bytes[22] == UInt8(ascii: ":"),
                let hours = number(20..<22), let minutes = number(23..<25), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
        } else if bytes[19] != UInt8(ascii: "Z") && bytes[19] != UInt8(ascii: "z") {
            return nil
        }
        return Timestamp(day: day, secondsOfDay: hour * 3600 + minute * 60 + second, offset: offset)
    }

    /// Seconds since 1 March of year 0, UTC: for ordering moments written with different offsets.
    var instant: Int {
        EntryDate.dayNumber(year: day.year, month: day.month!, day: day.day!) * 86_400 + (secondsOfDay ?? 0) - offset
    }

    /// The full RFC 3339 form that Atom needs: `2024-05-01T12:34:56+02:00`, or `2024-05-01T00:00:00Z` for a day.
    var rfc3339: String {
        let seconds = secondsOfDay ?? 0
        let time = twoDigits(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60) + ":" + twoDigits(seconds % 60)
        return day.description + "T" + time + zone
    }

    /// The shortest W3C date-time that says what is known: the full form, or just `2024-05-01` for a day.
    var description: String { secondsOfDay == nil ? day.description : rfc3339 }

    /// The day in words inside a `<time>` element: `<time datetime="2024-05-01T12:34:56+02:00">1 May 2024</time>`.
    var html: String { html(.english) }

    /// The same, with the day in the words of a language.
    func html(_ w: LocalWords) -> String { "<time datetime=\"\(description)\">\(day.text(w))</time>" }

    private var zone: String {
        if offset == 0 { return "Z" }
        let magnitude = abs(offset)
        return (offset < 0 ? "-" : "+") + twoDigits(magnitude / 3600) + ":" + twoDigits(magnitude / 60 % 60)
    }

    /// By the moment, then by the written form (so that the same moment in two offsets has an order); the form
    /// is made only for a tie, since sorting and `max()` compare thousands of timestamps.
    static func < (a: Timestamp, b: Timestamp) -> Bool {
        let (x, y) = (a.instant, b.instant)
        return x != y ? x < y : a.rfc3339 < b.rfc3339
    }

    /// The year, month and day of a day number: the inverse of ``EntryDate/dayNumber(year:month:day:)``
    /// (Howard Hinnant's algorithm).
    static func civil(_ number: Int) -> (year: Int, month: Int, day: Int) {
        let era = (number >= 0 ? number : number - 146_096) / 146_097
        let dayOfEra = number - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
