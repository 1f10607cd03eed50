import Testing
@testable import ParleyKit

/// Moments as git and RFC 3339 write them, and days turned into moments for the feed.
@Suite struct TimestampTests {
    @Test func readsGitsStrictISODates() throws {
        let summer = try #require(Timestamp.parse(rfc3339: "2024-05-01T12:34:56+02:00"))
        #expect(summer.day == EntryDate(year: 2024, month: 5, day: 1))
        #expect(summer.rfc3339 == "2024-05-01T12:34:56+02:00")
        #expect(summer.description == "2024-05-01T12:34:56+02:00")
        #expect(Timestamp.parse(rfc3339: "2024-05-01T10:34:56Z")?.instant == summer.instant)
        #expect(Timestamp.parse(rfc3339: "2024-05-01T10:34:56+00:00")?.rfc3339 == "2024-05-01T10:34:56Z")
        #expect(Timestamp.parse(rfc3339: "2024-01-31T23:30:00-05:30")?.rfc3339 == "2024-01-31T23:30:00-05:30")
        for bad in [
            "2024-05-01", "2024-05-01 12:34:56Z", "2024-02-30T00:00:00Z", "2024-05-01T25:00:00Z",
            "2024-05-01T12:34:56+0200", "x",
        ] {
            #expect(Timestamp.parse(rfc3339: bad) == nil, "\(bad)")
        }
    }

    @Test func aDayAloneIsMidnightUTCAndPrintsAsTheDay() {
        let day = Timestamp(day: EntryDate(year: 2023, month: 11, day: 20))
        #expect(day.rfc3339 == "2023-11-20T00:00:00Z")
        #expect(day.description == "2023-11-20")
        #expect(day.html == "<time datetime=\"2023-11-20\">20 November 2023</time>")
    }

    @Test func ordersMomentsWrittenWithDifferentOffsets() throws {
        let east = try #require(Timestamp.parse(rfc3339: "2024-05-02T01:00:00+03:00"))  // 22:00 UTC on 1 May
        let west = try #require(Timestamp.parse(rfc3339: "2024-05-01T20:00:00-01:00"))  // 21:00 UTC on 1 May
        #expect(west < east)
        #expect(Timestamp(day: EntryDate(year: 2024, month: 5, day: 1)) < west)
    }

    @Test func dayNumbersTurnBackIntoTheirDays() {
        for year in [1, 1899, 1900, 2000, 2022, 2024, 2100] {
            for month in 1...12 {
                for day in [1, 15, EntryDate.daysIn(month: month, year: year)] {
                    let number = EntryDate.dayNumber(year: year, month: month, day: day)
                    let civil = Timestamp.civil(number)
                    #expect(civil.year == year && civil.month == month && civil.day == day, "\(year)-\(month)-\(day)")
                }
            }
        }
        #expect(
            Timestamp(dayNumber: EntryDate.dayNumber(year: 2022, month: 3, day: 31)).rfc3339 == "2022-03-31T00:00:00Z")
    }
}
