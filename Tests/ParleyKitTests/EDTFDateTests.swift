import Testing
@testable import ParleyKit

@Suite struct EDTFDateTests {
    /// A valid EDTF string, its words, its `datetimes`, and its earliest start and latest end as ISO days
    /// (`min` and `max` for `Int.min` and `Int.max`).
    struct Valid: Sendable, CustomTestStringConvertible {
        let input: String
        let text: String
        let datetimes: [String]
        let earliest: String
        let latest: String

        init(_ input: String, _ text: String, _ datetimes: [String], _ earliest: String, _ latest: String) {
            (self.input, self.text, self.datetimes, self.earliest, self.latest) = (
                input, text, datetimes, earliest, latest
            )
        }

        var testDescription: String { input }
    }

    /// `2022-02-28` → its day number; `min` → `Int.min`; `max` → `Int.max`.
    static func day(_ iso: String) -> Int {
        switch iso {
        case "min": return Int.min
        case "max": return Int.max
        default:
            let numbers = iso.split(separator: "-").map { Int($0)! }
            return EntryDate.dayNumber(year: numbers[0], month: numbers[1], day: numbers[2])
        }
    }

    @Test(arguments: [
        // Level 0: dates.
        Valid("2022-02-28", "28 February 2022", ["2022-02-28"], "2022-02-28", "2022-02-28"),
        Valid("2022-03", "March 2022", ["2022-03"], "2022-03-01", "2022-03-31"),
        Valid("2022", "2022", ["2022"], "2022-01-01", "2022-12-31"),
        Valid("2024-02-29", "29 February 2024", ["2024-02-29"], "2024-02-29", "2024-02-29"),
        Valid("2000-02-29", "29 February 2000", ["2000-02-29"], "2000-02-29", "2000-02-29"),
        Valid("2023-02", "February 2023", ["2023-02"], "2023-02-01", "2023-02-28"),
        Valid("0987-12-01", "1 December 987", ["0987-12-01"], "0987-12-01", "0987-12-01"),
        // Level 0: intervals.
        Valid("2022-05-09/2022-05-15", "9–15 May 2022", ["2022-05-09", "2022-05-15"], "2022-05-09", "2022-05-15"),
        Valid("2022-03-01/2022-03-31", "1–31 March 2022", ["2022-03-01", "2022-03-31"], "2022-03-01", "2022-03-31"),
        Valid(
            "2022-02-28/2022-03-03", "28 February – 3 March 2022", ["2022-02-28", "2022-03-03"], "2022-02-28",
            "2022-03-03"),
        Valid(
            "2021-12-28/2022-01-03", "28 December 2021 – 3 January 2022", ["2021-12-28", "2022-01-03"],
            "2021-12-28", "2022-01-03"),
        Valid("2022-03/2022-05", "March–May 2022", ["2022-03", "2022-05"], "2022-03-01", "2022-05-31"),
        Valid("2021-11/2022-02", "November 2021 – February 2022", ["2021-11", "2022-02"], "2021-11-01", "2022-02-28"),
        Valid("2021/2023", "2021–2023", ["2021", "2023"], "2021-01-01", "2023-12-31"),
        Valid("2022-02-28/2022-03", "28 February – March 2022", ["2022-02-28", "2022-03"], "2022-02-28", "2022-03-31"),
        Valid("2022-03/2022-04-03", "March – 3 April 2022", ["2022-03", "2022-04-03"], "2022-03-01", "2022-04-03"),
        Valid("2021/2022-03", "2021 – March 2022", ["2021", "2022-03"], "2021-01-01", "2022-03-31"),
        Valid("2021-12-28/2022", "28 December 2021 – 2022", ["2021-12-28", "2022"], "2021-12-28", "2022-12-31"),
        Valid("2022-05-09/2022-05-09", "9 May 2022", ["2022-05-09", "2022-05-09"], "2022-05-09", "2022-05-09"),
        Valid("2022-03-15/2022-03", "15 March – March 2022", ["2022-03-15", "2022-03"], "2022-03-15", "2022-03-31"),
        // Level 1: seasons (northern meteorological; winter runs into the next year).
        Valid("2022-21", "spring 2022", ["2022"], "2022-03-01", "2022-05-31"),
        Valid("2022-22", "summer 2022", ["2022"], "2022-06-01", "2022-08-31"),
        Valid("2022-23", "autumn 2022", ["2022"], "2022-09-01", "2022-11-30"),
        Valid("2022-24", "winter 2022", ["2022"], "2022-12-01", "2023-02-28"),
        Valid("2023-24", "winter 2023", ["2023"], "2023-12-01", "2024-02-29"),
        Valid("2022-21/2022-23", "spring–autumn 2022", ["2022", "2022"], "2022-03-01", "2022-11-30"),
        Valid("2022-23/2023-21", "autumn 2022 – spring 2023", ["2022", "2023"], "2022-09-01", "2023-05-31"),
        // Level 1: qualifiers.
        Valid("2022-03-29?", "29 March 2022 (uncertain)", ["2022-03-29"], "2022-03-29", "2022-03-29"),
        Valid("2022-03~", "c. March 2022", ["2022-03"], "2022-03-01", "2022-03-31"),
        Valid("2022-03%", "c. March 2022 (uncertain)", ["2022-03"], "2022-03-01", "2022-03-31"),
        Valid("2022?", "2022 (uncertain)", ["2022"], "2022-01-01", "2022-12-31"),
        Valid("2022-21~", "c. spring 2022", ["2022"], "2022-03-01", "2022-05-31"),
        Valid(
            "2022-05-09~/2022-05-15", "9–15 May 2022 (start approximate)", ["2022-05-09", "2022-05-15"],
            "2022-05-09", "2022-05-15"),
        Valid(
            "2022-05-09/2022-05-15?", "9–15 May 2022 (end uncertain)", ["2022-05-09", "2022-05-15"],
            "2022-05-09", "2022-05-15"),
        Valid(
            "2022-05-09%/2022-05-15", "9–15 May 2022 (start approximate and uncertain)", ["2022-05-09", "2022-05-15"],
            "2022-05-09", "2022-05-15"),
        Valid("2022-05-09~/2022-05-15~", "c. 9–15 May 2022", ["2022-05-09", "2022-05-15"], "2022-05-09", "2022-05-15"),
        Valid(
            "2022-05-09?/2022-05-15%", "9–15 May 2022 (end approximate, uncertain)", ["2022-05-09", "2022-05-15"],
            "2022-05-09", "2022-05-15"),
        Valid(
            "2022-03%/2022-05%", "c. March–May 2022 (uncertain)", ["2022-03", "2022-05"], "2022-03-01", "2022-05-31"),
        // Level 1: unspecified digits.
        Valid("2022-03-XX", "March 2022 (day unknown)", ["2022-03"], "2022-03-01", "2022-03-31"),
        Valid("2022-02-XX", "February 2022 (day unknown)", ["2022-02"], "2022-02-01", "2022-02-28"),
        Valid("2022-XX", "2022 (month unknown)", ["2022"], "2022-01-01", "2022-12-31"),
        Valid("2022-XX-XX", "2022 (month and day unknown)", ["2022"], "2022-01-01", "2022-12-31"),
        Valid("202X", "the 2020s", [], "2020-01-01", "2029-12-31"),
        Valid("20XX", "2000–2099", [], "2000-01-01", "2099-12-31"),
        Valid("199X", "the 1990s", [], "1990-01-01", "1999-12-31"),
        Valid("2022-03-XX~", "c. March 2022 (day unknown)", ["2022-03"], "2022-03-01", "2022-03-31"),
        Valid("2022-03-XX?", "March 2022 (day unknown, uncertain)", ["2022-03"], "2022-03-01", "2022-03-31"),
        Valid(
            "2022-03-XX/2022-04-10", "March – 10 April 2022 (start day unknown)", ["2022-03", "2022-04-10"],
            "2022-03-01", "2022-04-10"),
        Valid(
            "2022-05-09/2022-XX", "9 May 2022 – 2022 (end month unknown)", ["2022-05-09", "2022"],
            "2022-05-09", "2022-12-31"),
        Valid("202X/2035", "the 2020s – 2035", ["2035"], "2020-01-01", "2035-12-31"),
        // Level 1: open and unknown ends.
        Valid("2022-09/..", "from September 2022", ["2022-09"], "2022-09-01", "max"),
        Valid("../2022-03", "until March 2022", ["2022-03"], "min", "2022-03-31"),
        Valid("2022-09/", "from September 2022 (end unknown)", ["2022-09"], "2022-09-01", "max"),
        Valid("/2022-03", "until March 2022 (start unknown)", ["2022-03"], "min", "2022-03-31"),
        Valid("2022-02-24/..", "from 24 February 2022", ["2022-02-24"], "2022-02-24", "max"),
        Valid("../2022", "until 2022", ["2022"], "min", "2022-12-31"),
        Valid("2022-09~/..", "from c. September 2022", ["2022-09"], "2022-09-01", "max"),
        Valid("2022-09?/", "from September 2022 (uncertain, end unknown)", ["2022-09"], "2022-09-01", "max"),
        Valid("/2022-03-XX", "until March 2022 (day unknown, start unknown)", ["2022-03"], "min", "2022-03-31"),
    ])
    func validDatesAreShownInWordsAndMachineForms(_ valid: Valid) throws {
        let date = try EDTFDate.parse(valid.input).get()
        #expect(date.text == valid.text)
        #expect(date.datetimes == valid.datetimes)
        #expect(date.earliest == Self.day(valid.earliest))
        #expect(date.latest == Self.day(valid.latest))
        #expect(date.sortKey == (Self.day(valid.earliest), Self.day(valid.latest)))
        #expect(date.description == valid.input)
    }

    @Test(
        arguments: [
            // input, year, month, isInterval, isApproximate, isUncertain
            ("2022-03-29", 2022, 3, false, false, false),
            ("2022-03-29?", 2022, 3, false, false, true),
            ("2022-03~", 2022, 3, false, true, false),
            ("2022-03%", 2022, 3, false, true, true),
            ("2022", 2022, nil, false, false, false),
            ("2022-21", 2022, nil, false, false, false),
            ("2022-XX", 2022, nil, false, false, false),
            ("2022-XX-XX", 2022, nil, false, false, false),
            ("2022-03-XX", 2022, 3, false, false, false),
            ("202X", 2020, nil, false, false, false),
            ("20XX", 2000, nil, false, false, false),
            ("2022-05-09/2022-05-15", 2022, 5, true, false, false),
            ("2022-05-09~/2022-05-15", 2022, 5, true, true, false),
            ("2022-05-09/2022-06-15?", 2022, 5, true, false, true),
            ("2021-11/2022-02", 2021, 11, true, false, false),
            ("2022-09/..", 2022, 9, true, false, false),
            ("2022-09/", 2022, 9, true, false, false),
            ("../2022-03", nil, nil, true, false, false),
            ("/2022-03~", nil, nil, true, true, false),
        ] as [(String, Int?, Int?, Bool, Bool, Bool)])
    func describesItsStartAndQualifiers(
        input: String, year: Int?, month: Int?, interval: Bool, approximate: Bool,
        uncertain: Bool
    ) throws {
        let date = try EDTFDate.parse(input).get()
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.isInterval == interval)
        #expect(date.isApproximate == approximate)
        #expect(date.isUncertain == uncertain)
    }

    @Test(
        arguments: [
            // Malformed.
            ("2022/03", "a year has four digits"),
            ("22-03", "a year has four digits"),
            ("20220", "a year has four digits"),
            ("2022-3-1", "a month or day has two digits, as in 2022-03-01"),
            ("2022-03-1", "a month or day has two digits, as in 2022-03-01"),
            ("March 2022", nil),
            ("２０２２", nil),
            ("2022-", nil),
            ("2022--03", nil),
            ("2022-03-01-02", nil),
            ("2022 - 03", nil),
            ("..~", nil),
            ("", "the date is empty"),
            ("   ", "the date is empty"),
            ("..", "'..' stands for the open end of an interval, as in 2022-09/.. or ../2022-03"),
            ("/", "an interval needs a start or an end date"),
            ("../..", "an interval needs a start or an end date"),
            ("/..", "an interval needs a start or an end date"),
            ("2022/2023/2024", "an interval has one '/', between its start and its end"),
            ("2022/03/01", "an interval has one '/', between its start and its end"),
            ("2022-03-01T10:00", "times of day are not supported"),
            ("Y170000", "years after 9999 are not supported"),
            ("-0500", "years before 0001 are not supported"),
            ("0000", "years before 0001 are not supported"),
            // Impossible dates.
            ("2022-02-30", "February 2022 has 28 days"),
            ("2023-02-29", "February 2023 has 28 days"),
            ("1900-02-29", "February 1900 has 28 days"),
            ("2022-04-31", "April 2022 has 30 days"),
            ("2022-03-00", "March 2022 has 31 days"),
            ("2022-00", "there is no month 0"),
            ("2022-13", "there is no month 13"),
            ("2022-20", "there is no month 20"),
            ("2022-25", "there is no month 25"),
            ("2022-13-01", "there is no month 13"),
            ("2022-21-05", "a season (21 to 24) has no days"),
            // Intervals.
            ("2022-05-15/2022-05-09", "the interval ends before it starts"),
            ("2022/2021", "the interval ends before it starts"),
            ("2022-03-XX/2022-02", "the interval ends before it starts"),
            ("2022-05-09/2022-02-30", "February 2022 has 28 days"),
            ("2022-13/..", "there is no month 13"),
            // Qualifiers.
            ("2022-03??", "a date ends in only one of ?, ~ or % (which means both ? and ~)"),
            ("2022-03?~", "a date ends in only one of ?, ~ or % (which means both ? and ~)"),
            ("2022?-03", "?, ~ and % may only come at the end of a date"),
            ("?", nil),
            // Unspecified digits.
            ("2022-03-XY", nil),
            ("2022-03-xx", "unknown digits are written with a capital X"),
            ("2022-0X-01", "a month is two digits or XX"),
            ("2022-1X", "a month is two digits or XX"),
            ("2022-03-1X", "a day is two digits or XX"),
            ("2022-XX-1X", "a day is two digits or XX"),
            ("2022-XX-15", "a day cannot be known when its month is not; write 2022-XX-XX"),
            ("20X2", "only the last digits of a year may be X, as in 202X or 20XX"),
            ("2XXX", "only the last one or two digits of a year may be X, as in 202X or 20XX"),
            ("XXXX", "only the last one or two digits of a year may be X, as in 202X or 20XX"),
            ("202X-03", "a year with X digits stands alone, as in 202X, without a month or day"),
        ] as [(String, String?)])
    func invalidDatesSayWhy(input: String, reason: String?) {
        #expect(throws: EDTFError(reason: reason)) { try EDTFDate.parse(input).get() }
    }

    @Test func sortsByEarliestStartThenLatestEnd() throws {
        let expected = [
            "../2022-01",  // (open, 31 January 2022)
            "/2022-03",  // (unknown, 31 March 2022)
            "20XX",  // (1 January 2000, 31 December 2099)
            "202X",  // (1 January 2020, 31 December 2029)
            "2021/2023",  // (1 January 2021, 31 December 2023)
            "2022",  // (1 January 2022, 31 December 2022)
            "2022/..",  // (1 January 2022, open)
            "2022-02-28",  // (28 February, 28 February)
            "2022-02-28/2022-03",  // (28 February, 31 March)
            "2022-03-01",  // (1 March, 1 March)
            "2022-03~",  // (1 March, 31 March)
            "2022-21",  // (1 March, 31 May)
            "2022-03/..",  // (1 March, open)
            "2022-03-15?",  // (15 March, 15 March)
            "2022-24",  // (1 December 2022, 28 February 2023)
        ]
        let dates = try [8, 3, 14, 0, 11, 5, 9, 1, 12, 6, 2, 13, 7, 4, 10].map {
            try EDTFDate.parse(expected[$0]).get()
        }
        #expect(dates.sorted { $0.sortKey < $1.sortKey }.map(\.description) == expected)
    }

    @Test func keepsTheTrimmedStringAndComparesByIt() throws {
        let date = try EDTFDate.parse("  2022-05-09~/2022-05-15\n").get()
        #expect(date.description == "2022-05-09~/2022-05-15")
        #expect(date == (try EDTFDate.parse("2022-05-09~/2022-05-15").get()))
        #expect(date != (try EDTFDate.parse("2022-05-09/2022-05-15").get()))
        #expect(Set([date, try EDTFDate.parse("2022-05-09~/2022-05-15").get()]).count == 1)
    }

    @Test func acceptedFormsParse() throws {
        // Every example in the hint must itself be accepted.
        let examples = [
            "2022-02-28", "2022-03", "2022", "2022-21", "2022-24", "2022-03-29?", "2022-03~", "2022-03%",
            "2022-03-XX", "2022-XX", "2022-XX-XX", "202X", "20XX", "2022-05-09/2022-05-15",
            "2022-03/2022-05", "2022-09/..", "../2022-03", "2022-09/", "/2022-03",
        ]
        for example in examples {
            #expect(EDTFDate.acceptedForms.contains(example), "\(example) is not in the hint")
            #expect(throws: Never.self) { try EDTFDate.parse(example).get() }
        }
    }
}
