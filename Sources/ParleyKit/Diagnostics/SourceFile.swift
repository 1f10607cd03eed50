import Foundation

/// A text file of the site's source, read once, with its path relative to the site root.
struct SourceFile: Sendable, Hashable {
    /// Relative to the site root, `/`-separated: `Content/rounds/first-round.md`.
    let path: String
    let text: String

    init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The text of line `number` (counting from 1), without its line break.
    func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var lines = LineIterator(text)
        while let line = lines.next() {
            if lines.lineNumber == number { return String(line) }
        }
        return nil
    }

    /// A diagnostic at a line and column of this file, with that line's text attached.
    func diagnostic(
        _ severity: Diagnostic.Severity, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            severity, at: SourceLocation(file: path, line: line, column: column), message,
            hint: hint, sourceLine: line.flatMap(self.line))
    }

    func error(line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil) -> Diagnostic {
        diagnostic(.error, line: line, column: column, message, hint: hint)
    }

    func warning(line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil) -> Diagnostic {
        diagnostic(.warning, line: line, column: column, message, hint: hint)
    }
}

extension SourceFile {
    /// Decodes a file's bytes as UTF-8 (dropping a byte-order mark), or explains where it is not UTF-8.
    static func decode(_ data: Data, path: String) -> Result<SourceFile, Diagnostic> {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(SourceFile(path: path, text: text))
        }
        // Find the first byte that does not decode, and say where it is in editor terms.
        var line = 1
        var lineStart = bytes.startIndex
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = offset + 1
                }
                offset += encoded.count
            case .error(let length):
                let prefix = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
                let column = prefix.unicodeScalars.count + 1
                let byte = String(bytes[offset], radix: 16, uppercase: true)
                let shown =
                    String(decoding: bytes[lineStart..<offset], as: UTF8.self)
                    + String(repeating: "?", count: max(1, length))
                return .failure(
                    Diagnostic(
                        .error, at: SourceLocation(file: path, line: line, column: column),
                        "the file is not valid UTF-8 (byte 0x\(byte) cannot start or continue a character)",
                        hint: "save the file as UTF-8 in your editor (it may be in Latin-1 or Windows-1252)",
                        sourceLine: shown))
            case .emptyInput:
                return .success(SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self)))
            }
        }
    }
}
