import Testing
@testable import ParleyKit

/// The columns of characters in a cmark text node's literal, as the source line has them: the fast mapping of
/// lines written as they are and the walk of lines with escapes, entities and typographic runs agree with what
/// an editor sees.
@Suite struct SourceMapperTests {
    @Test func aLineAsWrittenMapsOffsetsStraightToColumns() {
        let mapper = SourceMapper(
            literal: "See [[alpha]] and [@smith].", line: "See [[alpha]] and [@smith].", startColumn: 1)
        #expect(mapper.column(of: 4) == 5 && mapper.column(of: 18) == 19)
        #expect(!mapper.isEscaped(4))
    }

    @Test func columnsCountCharactersNotBytes() {
        // cmark's start column counts bytes: "**Київ**" is 12 bytes and 8 characters.
        let line = "**Київ** [[kyiv]]"
        let mapper = SourceMapper(literal: " [[kyiv]]", line: line, startColumn: 13)
        #expect(mapper.column(of: 1) == 10)
        #expect(SourceMapper(literal: "Київ: [[kyiv]]", line: "Київ: [[kyiv]]", startColumn: 1).column(of: 6) == 7)
    }

    @Test func escapesEntitiesAndRunsMoveTheColumns() {
        let escaped = SourceMapper(literal: "[[not]] [[yes]]", line: "\\[[not]] [[yes]]", startColumn: 1)
        #expect(escaped.isEscaped(0) && !escaped.isEscaped(8))
        #expect(escaped.column(of: 8) == 10)
        let entity = SourceMapper(literal: "A © B [[c]]", line: "A &copy; B [[c]]", startColumn: 1)
        #expect(entity.column(of: 6) == 12)
        // `&amp;` is an `&` too (it was taken for a bare `&`, and what followed was five columns off).
        let ampersand = SourceMapper(literal: "A & B [[c]]", line: "A &amp; B [[c]]", startColumn: 1)
        #expect(ampersand.column(of: 6) == 11)
        #expect(SourceMapper(literal: "AT&T [[c]]", line: "AT&T [[c]]", startColumn: 1).column(of: 5) == 6)
        let dashes = SourceMapper(literal: "1–2 — so… [[d]]", line: "1--2 --- so... [[d]]", startColumn: 1)
        #expect(dashes.column(of: 10) == 16)
    }
}
