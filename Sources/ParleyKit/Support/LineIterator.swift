import Foundation

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
        let end = ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: text, from: position) ?? utf8.endIndex
        var line = Substring(utf8[position..<end])
        if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
        position = end < utf8.endIndex ? utf8.index(after: end) : end
        lineNumber += 1
        return line
    }
}

/// Finding a byte in a string's UTF-8 with `memchr`: the generic `firstIndex(of:)` on `String.UTF8View`
/// goes a byte at a time through the collection protocol, and was a tenth of a body's rendering.
enum ByteSearch {
    /// The index of the first `byte` at or after `start` in `text`'s UTF-8, nil if there is none.
    static func firstIndex(of byte: UInt8, in text: String, from start: String.Index) -> String.Index? {
        let utf8 = text.utf8
        let offset = utf8.distance(from: utf8.startIndex, to: start)
        var searched = false
        var hit: Int?
        _ = utf8.withContiguousStorageIfAvailable { (buffer: UnsafeBufferPointer<UInt8>) in
            searched = true
            guard offset < buffer.count, let base = buffer.baseAddress,
                let found = memchr(base + offset, Int32(byte), buffer.count - offset)
            else { return }
            hit = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        guard searched else { return utf8[start...].firstIndex(of: byte) }
        return hit.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }
}
