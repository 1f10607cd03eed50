import ParleyTemplates

/// Reduces what a page depends on to one 64-bit key, the same in every process (unlike `Hasher`, which is
/// seeded per run): two builds that give a page the same key render it to the same bytes.
struct KeyHasher {
    private(set) var value: UInt64 = 0x27D4_EB2F_1656_67C5

    // XXH64's round and avalanche constants: cheap, and good enough mixing for change detection.
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    mutating func combine(_ word: UInt64) {
        let mixed = value ^ (word &* Self.prime2)
        value = ((mixed << 31) | (mixed >> 33)) &* Self.prime1
    }

    mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    mutating func combine(_ flag: Bool) { combine(flag ? 1 as UInt64 : 2) }

    /// The text and its length, so that `("ab", "c")` and `("a", "bc")` differ; eight bytes at a time.
    mutating func combine(_ text: String) { combine(contents: text) }

    mutating func combine(_ text: String?) {
        if let text { combine(text) } else { combine(0x6E69_6C00 as UInt64) }
    }

    /// A long text, eight bytes at a time: for whole files and pages.
    mutating func combine(contents text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Bytes, eight at a time, and their count.
    mutating func combine(bytes raw: UnsafeRawBufferPointer) {
        var index = 0
        while index + 8 <= raw.count {
            combine(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var word: UInt64 = 0
        while index < raw.count { word = word << 8 | UInt64(raw[index]); index += 1 }
        combine(word)
        combine(raw.count)
    }

    /// The final key, avalanched.
    var finalized: UInt64 {
        var h = value
        h ^= h >> 33; h &*= Self.prime2
        h ^= h >> 29; h &*= 0x1656_67B1_9E37_79F9
        h ^= h >> 32
        return h
    }

    /// The key of a long text alone.
    static func contents(_ text: String) -> UInt64 { key { $0.combine(contents: text) } }

    static func key(_ build: (inout KeyHasher) -> Void) -> UInt64 {
        var hasher = KeyHasher()
        build(&hasher)
        return hasher.finalized
    }
}

/// Page keys are made by the template engine, from the values each page's template reads.
extension KeyHasher: ValueHasher {}
