/// A calendar date at the precision the sources give: a day, a month or a year.
///
/// Written as ISO 8601 (`2022-02-28`, `2022-03`, `2022`); shown in words (`28 February 2022`);
/// sorted by the earliest day it may mean, then the latest.
struct EntryDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    enum Precision: Sendable, Hashable { case year, month, day }

    let year: Int
    let month: Int?
    let day: Int?

    var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// `January` … `December`, from the locale data.
    static let monthNames = LocaleNames.months
    static let acceptedForms = "YYYY-MM-DD (2022-02-28), YYYY-MM (2022-03) or YYYY (2022)"

    init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// Parses an ISO date, or says what is wrong with it.
    static func parse(_ text: String) -> Result<EntryDate, DateError> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let digitsOnly = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        guard (1...3).contains(parts.count), digitsOnly, parts[0].count == 4,
            parts.dropFirst().allSatisfy({ $0.count == 2 }), let year = Int(parts[0])
        else { return .failure(.malformed) }
        guard parts.count > 1, let month = Int(parts[1]) else { return .success(EntryDate(year: year)) }
        guard (1...12).contains(month) else { return .failure(.noSuchMonth(month)) }
        guard parts.count > 2, let day = Int(parts[2]) else { return .success(EntryDate(year: year, month: month)) }
        let length = daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            return .failure(.noSuchDay("\(monthNames[month - 1]) \(year) has \(length) days"))
        }
        return .success(EntryDate(year: year, month: month, day: day))
    }

    /// Why a date string is not a date.
    enum DateError: Error, Sendable, Equatable {
        case malformed
        case noSuchMonth(Int)
        case noSuchDay(String)

        var reason: String? {
            switch self {
            case .malformed: nil
            case .noSuchMonth(let month): "there is no month \(month)"
            case .noSuchDay(let reason): reason
            }
        }
    }

    /// The ISO form, which is also a valid HTML `<time datetime>` value.
    var description: String {
        var text = fourDigits(year)
        if let month { text += "-" + twoDigits(month) }
        if let day { text += "-" + twoDigits(day) }
        return text
    }

    /// In words: `28 February 2022`, `March 2022`, `2022`.
    var text: String { text(.english) }

    /// In words in a language: `28 лютого 2022`, `березень 2022`.
    func text(_ w: LocalWords) -> String {
        switch (month, day) {
        case let (month?, day?): "\(day) \(w.months[month - 1]) \(year)"
        case let (month?, nil): "\(w.standaloneMonths[month - 1]) \(year)"
        default: "\(year)"
        }
    }

    /// The first and last days the date may mean, as day numbers, for sorting.
    var earliest: Int { Self.dayNumber(year: year, month: month ?? 1, day: day ?? 1) }
    var latest: Int {
        let lastMonth = month ?? 12
        return Self.dayNumber(year: year, month: lastMonth, day: day ?? Self.daysIn(month: lastMonth, year: year))
    }

    static func < (a: EntryDate, b: EntryDate) -> Bool {
        (a.earliest, a.latest) < (b.earliest, b.latest)
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1 March of year 0 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra
    }
}

/// `7` → `07`.
func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

/// `987` → `0987`.
func fourDigits(_ value: Int) -> String {
    let digits = "\(value)"
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
