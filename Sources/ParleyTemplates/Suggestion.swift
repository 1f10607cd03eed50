/// "Did you mean …": the known names closest to a mistyped one.
public enum Suggestion {
    /// The candidates close enough to `name` to be what was meant, closest first (at most `limit`): those one
    /// edit away, when there are any, else the others within reach (`titel` suggests `title`, not `site` too).
    public static func closest(to name: String, in candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let target = Array(name.lowercased())
        let threshold = max(2, target.count / 3)
        var scored: [(Int, String)] = []
        for candidate in Set(candidates) where candidate != name {
            let distance = editDistance(target, Array(candidate.lowercased()))
            let isPrefix = target.count >= 3 && candidate.lowercased().hasPrefix(String(target))
            if distance <= threshold || isPrefix {
                scored.append((isPrefix ? min(distance, threshold) : distance, candidate))
            }
        }
        let sorted = scored.sorted { $0 < $1 }
        if let best = sorted.first, best.0 <= 1 { return sorted.filter { $0.0 <= 1 }.prefix(limit).map(\.1) }
        return sorted.prefix(limit).map(\.1)
    }

    /// A hint sentence, or nil when nothing is close: `did you mean 'title'?`.
    public static func hint(for name: String, in candidates: some Sequence<String>) -> String? {
        let close = closest(to: name, in: candidates)
        guard !close.isEmpty else { return nil }
        return "did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// Optimal string alignment distance (Levenshtein with transpositions: `tilte` is one edit from `title`).
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
