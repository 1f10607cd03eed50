import Testing
@testable import ParleyKit

/// The citation scanner's work grows with its input, not with its square, whatever the brackets.
@Suite struct LinearScanningTests {
    static func steps(_ text: String) -> Int {
        let scanner = CitationScanner(text)
        _ = scanner.matches()
        return scanner.steps.count
    }

    static func text(_ name: String, _ n: Int) -> String {
        switch name {
        case "brackets": String(repeating: "[", count: n)
        case "nested": String(repeating: "[", count: n) + "@key" + String(repeating: "]", count: n)
        case "keys": String(repeating: "[@a; ", count: n)
        default: String(repeating: "@a [", count: n)
        }
    }

    @Test(arguments: ["brackets", "nested", "keys", "in-text"])
    func fourTimesTheTextIsAboutFourTimesTheWork(name: String) {
        let small = Self.steps(Self.text(name, 2_000)), large = Self.steps(Self.text(name, 8_000))
        #expect(small > 0, "\(name)")
        #expect(large <= 5 * small, "\(name): \(small) → \(large)")
    }

    @Test func citationsInsideBracketsAreStillFound() {
        #expect(CitationScanner("[see [1] @smith, p. 4]").matches().map { $0.items.map(\.key) } == [["smith"]])
        #expect(CitationScanner("[[[[@smith]]]]").matches().map { $0.items.map(\.key) } == [["smith"]])
    }

    @Test func wikiLinkScanFindsEachClose() {
        let scan = WikiLinkScan(Array("[[a]] [[b".unicodeScalars))
        #expect(scan.close(from: 2) == 3)
        #expect(scan.close(from: 8) == nil)
    }
}
