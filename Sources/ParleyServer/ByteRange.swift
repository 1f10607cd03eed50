/// A single `Range: bytes=…` request against a file of known size (video players seek with these; Safari needs them to play at all).
enum ByteRange: Equatable {
    /// No usable range header, or several ranges: send the whole file.
    case whole
    /// The bytes to send, within the file.
    case part(ClosedRange<Int>)
    /// A range that starts past the end: 416.
    case unsatisfiable

    /// Reads `bytes=a-b`, `bytes=a-` and `bytes=-n`; anything else is ignored, as RFC 9110 allows.
    init(header: String?, size: Int) {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else {
            self = .whole
            return
        }
        let spec = header.dropFirst("bytes=".count)
        guard let dash = spec.firstIndex(of: "-") else {
            self = .whole
            return
        }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int(last), suffix >= 0 else {
                self = .whole
                return
            }
            self = suffix == 0 || size == 0 ? .unsatisfiable : .part(max(0, size - suffix)...(size - 1))
            return
        }
        guard let start = Int(first), start >= 0 else {
            self = .whole
            return
        }
        var end = size - 1
        if !last.isEmpty {
            guard let requested = Int(last), requested >= start else {
                self = .whole
                return
            }
            end = min(requested, size - 1)
        }
        self = start < size ? .part(start...end) : .unsatisfiable
    }
}
