import Testing
@testable import ParleyKit

@Suite struct EntryDateTests {
    @Test(arguments: [
        ("2022-02-28", "28 February 2022", "2022-02-28"),
        ("2022-03", "March 2022", "2022-03"),
        ("2022", "2022", "2022"),
        ("2024-02-29", "29 February 2024", "2024-02-29"),
        ("2000-02-29", "29 February 2000", "2000-02-29"),
        ("0987-12-01", "1 December 987", "0987-12-01"),
    ])
    func validDatesAreShownInWordsAndKeptAsISO(input: String, words: String, iso: String) throws {
        let date = try EntryDate.parse(input).get()
        #expect(date.text == words)
        #expect(date.description == iso)
    }

    @Test(arguments: [
        ("2022-02-30", EntryDate.DateError.noSuchDay("February 2022 has 28 days")),
        ("2023-02-29", .noSuchDay("February 2023 has 28 days")),
        ("1900-02-29", .noSuchDay("February 1900 has 28 days")),
        ("2022-04-31", .noSuchDay("April 2022 has 30 days")),
        ("2022-00", .noSuchMonth(0)),
        ("2022-13-01", .noSuchMonth(13)),
        ("2022-3-1", .malformed),
        ("22-03-01", .malformed),
        ("2022/03/01", .malformed),
        ("March 2022", .malformed),
        ("2022-03-01T10:00", .malformed),
        ("", .malformed),
        ("２０２２", .malformed),
    ])
    func invalidDatesSayWhy(input: String, error: EntryDate.DateError) {
        #expect(throws: error) { try EntryDate.parse(input).get() }
    }

    @Test func sortsByEarliestDayThenLatest() throws {
        let dates = try ["2022-03-15", "2022", "2022-03", "2022-02-28", "2022-03-01"].map {
            try EntryDate.parse($0).get()
        }
        #expect(dates.sorted().map(\.description) == ["2022", "2022-02-28", "2022-03-01", "2022-03", "2022-03-15"])
    }

    @Test func dayNumbersAreConsecutiveAcrossMonthsAndLeapDays() {
        #expect(
            EntryDate.dayNumber(year: 2024, month: 3, day: 1) - EntryDate.dayNumber(year: 2024, month: 2, day: 28) == 2)
        #expect(
            EntryDate.dayNumber(year: 2023, month: 3, day: 1) - EntryDate.dayNumber(year: 2023, month: 2, day: 28) == 1)
        #expect(
            EntryDate.dayNumber(year: 2023, month: 1, day: 1) - EntryDate.dayNumber(year: 2022, month: 12, day: 31) == 1
        )
    }
}
