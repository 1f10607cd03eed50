import Foundation
import Testing
@testable import ParleyKit

extension Fixtures {
    /// `parley new`'s site.
    static let starter = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "Sources/parley/Starter")
}

/// What of an EDTF date is certain, for schema.org and reference managers: never more than the date says.
@Suite struct CertainDateTests {
    /// The EDTF dates of the tests, each with the start and end an Event may say for certain.
    static let dates: [(slug: String, edtf: String, start: String?, end: String?)] = [
        ("day", "2022-02-28", "2022-02-28", nil),
        ("month", "2022-03", "2022-03", nil),
        ("year", "2022", "2022", nil),
        ("uncertain", "2022-03?", nil, nil),
        ("uncertain-day", "2022-03-29?", nil, nil),
        ("approximate", "2022-03~", nil, nil),
        ("both", "2022-03%", nil, nil),
        ("interval", "2022-05-09/2022-05-15", "2022-05-09", "2022-05-15"),
        ("interval-months", "2022-03/2022-05", "2022-03", "2022-05"),
        ("interval-uncertain-end", "2022-05-09/2022-05-15?", "2022-05-09", nil),
        ("interval-approximate-start", "2022-05~/2022-06", nil, "2022-06"),
        ("open-end", "2022-09/..", "2022-09", nil),
        ("unknown-end", "2022-09/", "2022-09", nil),
        ("open-start", "../2022-03", nil, "2022-03"),
        ("decade", "202X", nil, nil),
        ("century", "20XX", nil, nil),
        ("day-unspecified", "2022-03-XX", "2022-03", nil),
        ("month-unspecified", "2022-XX", "2022", nil),
        ("spring", "2022-21", "2022", nil),
        ("winter", "2022-24", nil, nil),
    ]

    @Test func noUncertainDateIsWrittenAsCertain() throws {
        for (_, edtf, start, end) in Self.dates {
            let date = try EDTFDate.parse(edtf).get()
            let (certainStart, certainEnd) = date.certainEnds
            #expect(certainStart == start, "\(edtf)")
            #expect(certainEnd == end, "\(edtf)")
            if date.isUncertain || date.isApproximate, !date.isInterval {
                #expect(certainStart == nil && certainEnd == nil, "\(edtf)")
            }
        }
    }
}

@Suite struct MetadataSettingsTests {
    static func problems(_ settings: String, assets: [String: String] = [:]) -> [String] {
        let site = TemporaryFolder()
        site.copy(from: Fixtures.starter)
        site.write(["Content/site.yaml": settings])
        for (path, text) in assets { site.write(["Templates/assets/" + path: text]) }
        let result = diagnostics(building: site.url)
        // Sections without folders are warned about: not what these tests are about.
        return result.diagnostics.filter { !$0.message.contains("folder") }.map {
            $0.description + ($0.hint.map { " | " + $0 } ?? "")
        }
    }

    static let head = """
        title: T
        base-url: https://example.org/
        fields:
          - name: location
            type: text
          - name: outcome
            type: markdown
          - name: votes
            type: number
        subjects:
          - name: people

        """

    @Test func aSchemaIsCheckedWhereItIsWritten() {
        let settings =
            Self.head + """
                sections:
                  - name: events
                    dated: true
                    schema:
                      type: Evnt
                  - name: a
                    schema: {type: Event, location: locaton, attendee: votes, attendee-type: Persn}
                  - name: b
                    schema: {type: Article, location: location}
                  - name: c
                    schema: Event
                  - name: d
                    schema: {locale: location}
                  - name: e
                    schema: {type: Event, location: outcome}

                """
        #expect(
            Self.problems(settings) == [
                "Content/site.yaml:16:13: error: 'Evnt' is not a schema type Parley writes | did you mean 'Event'?",
                "Content/site.yaml:18:37: error: 'location' names the field 'locaton', which entries of section 'a' do not have | did you mean 'location'?",
                "Content/site.yaml:18:56: error: 'attendee' must name a field of type text, list, entry or entries, and 'votes' is number | name a field that says who took part in plain words",
                "Content/site.yaml:18:78: error: 'attendee-type' must be 'Person' or 'Organization', not 'Persn' | did you mean 'Person'?",
                "Content/site.yaml:20:39: error: 'location' is for events, and this schema's type is Article | write 'type: Event', or remove 'location'",
                "Content/site.yaml:22:13: error: 'schema' must be a set of 'field: value' lines, not 'Event' | for example:\nschema:\n  type: Event\n  location: location\n  attendee: participants",
                "Content/site.yaml:24:13: error: the schema of section 'd' has no 'type' | add 'type: Event' (dated entries are events, with their dates, place and participants) or 'type: Article'",
                "Content/site.yaml:24:14: warning: unknown field 'locale' in the site.yaml; it is ignored | known fields are 'type', 'location', 'attendee', 'attendee-type'",
                "Content/site.yaml:26:37: error: 'location' must name a field of type text, list, entry or entries, and 'outcome' is markdown | name a field that says a place in plain words",
            ])
    }

    @Test func anImageIsAFileOfTheAssetsOrAnAddress() {
        let sections = "sections:\n  - name: events\n"
        func problems(_ image: String) -> [String] {
            Self.problems("image: \(image)\n" + Self.head + sections, assets: ["card.png": "x"])
                .filter { $0.contains("'image'") }
        }
        #expect(problems("assets/card.png").isEmpty)
        #expect(problems("https://example.org/card.png").isEmpty)
        #expect(
            problems("assets/crad.png") == [
                "Content/site.yaml:1:8: error: 'image' names assets/crad.png, but Templates/assets/ has no file crad.png | did you mean 'assets/card.png'?"
            ])
        #expect(
            problems("card.png") == [
                "Content/site.yaml:1:8: error: 'image' must be a file of Templates/assets/, written as it is published (assets/…), not 'card.png' | did you mean 'assets/card.png'?"
            ])
        #expect(
            problems("/assets/card.png") == [
                "Content/site.yaml:1:8: error: 'image' names a file of Templates/assets/ as it is published: write 'assets/card.png', not '/assets/card.png'"
            ])
        #expect(
            problems("ftp://example.org/card.png").first?.hasPrefix(
                "Content/site.yaml:1:8: error: 'image' must be a file of Templates/assets/ or an absolute http or https address, not 'ftp://example.org/card.png'"
            ) == true)
    }
}
