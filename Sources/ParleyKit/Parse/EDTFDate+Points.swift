extension EDTFDate.Point {
    private static let seasonNames = ["spring", "summer", "autumn", "winter"]

    /// The last year it may be in.
    private var lastYear: Int {
        if case .yearUnknown(let digits) = kind { year + (digits == 1 ? 9 : 99) } else { year }
    }

    var earliest: Int {
        switch kind {
        case .day(let month, let day): EntryDate.dayNumber(year: year, month: month, day: day)
        case .month(let month), .dayUnknown(let month): EntryDate.dayNumber(year: year, month: month, day: 1)
        case .season(let season): EntryDate.dayNumber(year: year, month: 3 * (season - 20), day: 1)
        case .year, .monthUnknown, .monthAndDayUnknown, .yearUnknown: EntryDate.dayNumber(year: year, month: 1, day: 1)
        }
    }

    var latest: Int {
        func lastDay(_ year: Int, _ month: Int) -> Int {
            EntryDate.dayNumber(year: year, month: month, day: EntryDate.daysIn(month: month, year: year))
        }
        return switch kind {
        case .day(let month, let day): EntryDate.dayNumber(year: year, month: month, day: day)
        case .month(let month), .dayUnknown(let month): lastDay(year, month)
        case .season(24): lastDay(year + 1, 2)  // winter ends in February of the next year
        case .season(let season): lastDay(year, 3 * (season - 20) + 2)
        case .year, .monthUnknown, .monthAndDayUnknown, .yearUnknown: lastDay(lastYear, 12)
        }
    }

    /// A valid HTML date, month or year string, if it has one.
    var datetime: String? {
        switch kind {
        case .day(let month, let day): "\(fourDigits(year))-\(twoDigits(month))-\(twoDigits(day))"
        case .month(let month), .dayUnknown(let month): "\(fourDigits(year))-\(twoDigits(month))"
        case .season, .year, .monthUnknown, .monthAndDayUnknown: fourDigits(year)
        case .yearUnknown: nil
        }
    }

    /// The day, month or year it certainly is in ISO 8601's reduced precision, if it is certain (see
    /// ``EDTFDate/certainEnds``).
    var certainISO: String? {
        guard !isUncertain, !isApproximate else { return nil }
        switch kind {
        case .day(let month, let day): return "\(fourDigits(year))-\(twoDigits(month))-\(twoDigits(day))"
        case .month(let month), .dayUnknown(let month): return "\(fourDigits(year))-\(twoDigits(month))"
        case .year, .monthUnknown, .monthAndDayUnknown: return fourDigits(year)
        case .season(let season): return season == 24 ? nil : fourDigits(year)
        case .yearUnknown: return nil
        }
    }

    /// Its month, when known.
    var month: Int? {
        switch kind {
        case .day(let month, _), .month(let month), .dayUnknown(let month): month
        default: nil
        }
    }

    /// Its words in a language; `governed`, in the form a preceding word ("c.", "from") asks for. A month
    /// after a day always takes the form that follows a day.
    func words(_ w: LocalWords, governed: Bool) -> EDTFDate.Words {
        switch kind {
        case .day(let month, let day): .calendar(day: day, month: w.months[month - 1], year: year)
        case .month(let month), .dayUnknown(let month):
            .calendar(day: nil, month: (governed ? w.months : w.standaloneMonths)[month - 1], year: year)
        case .season(let season):
            .calendar(day: nil, month: w(Self.seasonNames[season - 21] + (governed ? "-governed" : "")), year: year)
        case .year, .monthUnknown, .monthAndDayUnknown: .calendar(day: nil, month: nil, year: year)
        case .yearUnknown(1): .other(w(governed ? "decade-governed" : "decade", String(year)))
        case .yearUnknown: .other("\(year)–\(lastYear)")
        }
    }

    /// What its words leave out: `day unknown`.
    func unknownNotes(_ w: LocalWords) -> [String] {
        switch kind {
        case .dayUnknown: [w("date-day-unknown")]
        case .monthUnknown: [w("date-month-unknown")]
        case .monthAndDayUnknown: [w("date-month-day-unknown")]
        default: []
        }
    }
}

extension EDTFDate {
    /// A date in words, in parts, so that a range can share its month and year: `9–15 May 2022`.
    enum Words: Equatable {
        /// `28 February 2022`, `March 2022`, `spring 2022` (a season in place of the month), `2022`.
        case calendar(day: Int?, month: String?, year: Int)
        /// `the 2020s`
        case other(String)

        var full: String {
            switch self {
            case let .calendar(day, month, year):
                [day.map(String.init), month, String(year)].compactMap { $0 }.joined(separator: " ")
            case let .other(words): words
            }
        }

        /// `9–15 May 2022`, `28 February – 3 March 2022`, `March–May 2022`, `2021–2023`,
        /// `28 December 2021 – 3 January 2022`.
        static func range(_ start: Words, _ end: Words) -> String {
            if start == end { return start.full }
            guard case let .calendar(firstDay, firstMonth, firstYear) = start,
                case let .calendar(lastDay, lastMonth, lastYear) = end
            else { return start.full + " – " + end.full }
            if firstMonth == nil, lastMonth == nil { return "\(firstYear)–\(lastYear)" }
            guard firstYear == lastYear, let firstMonth, let lastMonth else { return start.full + " – " + end.full }
            if firstMonth == lastMonth, let firstDay, let lastDay {
                return "\(firstDay)–\(lastDay) \(lastMonth) \(lastYear)"
            }
            let first = [firstDay.map(String.init), firstMonth].compactMap { $0 }.joined(separator: " ")
            let last = [lastDay.map(String.init), lastMonth].compactMap { $0 }.joined(separator: " ")
            let dash = firstDay == nil && lastDay == nil ? "–" : " – "
            return first + dash + last + " \(lastYear)"
        }
    }
}
