import Testing
@testable import ParleyKit

@Suite struct SuggestionTests {
    let fields =
        FieldDeclaration.builtInNames + SubjectKind.allCases.map(\.name) + [
            "location", "participants", "status", "proposed-by",
        ]

    @Test func nearMissesAreSuggested() {
        #expect(Suggestion.closest(to: "tittle", in: fields) == ["title"])
        #expect(Suggestion.closest(to: "tilte", in: fields) == ["title"])
        #expect(Suggestion.closest(to: "Summary", in: fields) == ["summary"])
        #expect(Suggestion.closest(to: "proposed_by", in: fields) == ["proposed-by"])
        #expect(Suggestion.hint(for: "particpants", in: fields) == "did you mean 'participants'?")
    }

    @Test func unrelatedNamesGetNoSuggestion() {
        #expect(Suggestion.closest(to: "author", in: fields).isEmpty)
        #expect(Suggestion.hint(for: "xyz", in: fields) == nil)
    }

    /// One edit away is what was meant: farther names are not offered beside it.
    @Test func aNameOneEditAwayIsOfferedAlone() {
        #expect(Suggestion.closest(to: "titel", in: ["title", "site", "summary"]) == ["title"])
        #expect(Suggestion.closest(to: "partials/lst", in: ["partials/list", "partials/nav"]) == ["partials/list"])
        #expect(Suggestion.closest(to: "sumary", in: ["summary", "sumery", "summit"]) == ["sumery", "summary"])
        #expect(Suggestion.closest(to: "tittle", in: ["title", "site"]) == ["title"])
    }

    @Test func editDistanceCountsTranspositionsAsOneEdit() {
        #expect(Suggestion.editDistance(Array("title"), Array("tilte")) == 1)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggestion.editDistance(Array(""), Array("abc")) == 3)
    }
}
