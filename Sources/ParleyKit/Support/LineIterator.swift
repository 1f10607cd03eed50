/// The lines of a text, split at `\n` bytes with a trailing `\r` removed: Swift's `Character` treats
/// `\r\n` as one character, so splitting on characters would miss Windows line ends.
struct LineIterator: IteratorProtocol {
    let text: String
    /// Where the next line starts.
    private(set) var position: String.Index
    /// The number of the line last returned (from 1).
    private(set) var lineNumber = 0

    init(_ text: String) {
        self.text = text
        self.position = text.startIndex
    }

    mutating func next() -> Substring? {
        let utf8 = text.utf8
        guard position < utf8.endIndex else { return nil }
        let end = utf8[position...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        var line = Substring(utf8[position..<end])
        if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
        position = end < utf8.endIndex ? utf8.index(after: end) : end
        lineNumber += 1
        return line
    }
}
