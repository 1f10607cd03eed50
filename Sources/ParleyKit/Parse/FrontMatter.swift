/// An entry file split into its YAML front matter and its Markdown body.
struct FrontMatter {
    /// The YAML between the `---` lines.
    var yaml: String
    /// The Markdown after the closing line.
    var body: String
    /// How many lines of the file come before the body (the body's line 1 is the file's `bodyLineOffset + 1`).
    var bodyLineOffset: Int

    /// Splits a file whose first line is `---` at the next line that is `---` (or `...`).
    static func split(_ file: SourceFile) -> Result<FrontMatter, Diagnostic> {
        let example =
            "start the file with the fields between two '---' lines:\n---\ntitle: First round of talks\ndate: 2022-02-28\n---"
        if file.text.allSatisfy(\.isWhitespace) {
            return .failure(file.error(line: 1, column: 1, "the file is empty", hint: example))
        }
        var lines = LineIterator(file.text)
        guard let first = lines.next(), isFence(first, closing: false) else {
            return .failure(file.error(line: 1, column: 1, "the file has no front matter", hint: example))
        }
        var yamlLines: [Substring] = []
        while let line = lines.next() {
            if isFence(line, closing: true) {
                let body = String(Substring(file.text.utf8[lines.position...]))
                return .success(
                    FrontMatter(yaml: yamlLines.joined(separator: "\n"), body: body, bodyLineOffset: lines.lineNumber))
            }
            yamlLines.append(line)
        }
        return .failure(
            file.error(
                line: 1, column: 1, "the front matter that starts here is never closed",
                hint: "add a line '---' after the last field, before the text of the entry"))
    }

    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        var bytes = line.utf8[...]
        while let last = bytes.last,
            last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r")
        {
            bytes = bytes.dropLast()
        }
        return bytes.elementsEqual("---".utf8) || (closing && bytes.elementsEqual("...".utf8))
    }
}
