import CXXHash
import ParleyTemplates

/// Reduces what a page depends on to one 128-bit key, the same in every process (unlike `Hasher`, which is
/// seeded per run): two builds that give a page the same key render it to the same bytes.
///
/// The key is XXH3-128 (xxHash's reference implementation, from the system's libxxhash) of a byte encoding
/// of what was combined: each word as eight little-endian bytes, each text as its UTF-8 bytes followed by
/// its length, so that `("ab", "c")` and `("a", "bc")` differ. A copy of a hasher shares its state: combine
/// into one hasher at a time.
struct KeyHasher {
    /// xxHash's streaming state, allocated by the library (it must be aligned to 64 bytes).
    private final class State {
        let pointer: OpaquePointer
        init() {
            pointer = XXH3_createState()
            XXH3_128bits_reset(pointer)
        }
        deinit { XXH3_freeState(pointer) }
    }

    private let state = State()

    mutating func combine(_ word: UInt64) {
        var word = word.littleEndian
        withUnsafeBytes(of: &word) { _ = XXH3_128bits_update(state.pointer, $0.baseAddress, 8) }
    }

    mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    mutating func combine(_ flag: Bool) { combine(flag ? 1 as UInt64 : 2) }

    mutating func combine(_ key: CacheKey) {
        combine(key.high)
        combine(key.low)
    }

    /// The text and its length.
    mutating func combine(_ text: String) { combine(contents: text) }

    mutating func combine(_ text: String?) {
        if let text { combine(text) } else { combine(0x6E69_6C00 as UInt64) }
    }

    /// A long text: for whole files and pages.
    mutating func combine(contents text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Bytes, and their count.
    mutating func combine(bytes raw: UnsafeRawBufferPointer) {
        if let base = raw.baseAddress { _ = XXH3_128bits_update(state.pointer, base, raw.count) }
        combine(raw.count)
    }

    /// The key of what was combined (the hasher may go on combining).
    var finalized: CacheKey { CacheKey(XXH3_128bits_digest(state.pointer)) }

    /// The key of a long text alone: XXH3-128 of its bytes, in one call.
    static func contents(_ text: String) -> CacheKey {
        var text = text
        return text.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    /// The key of bytes alone: XXH3-128 of them, in one call.
    static func bytes(_ raw: UnsafeRawBufferPointer) -> CacheKey {
        CacheKey(XXH3_128bits(raw.baseAddress, raw.count))
    }

    static func key(_ build: (inout KeyHasher) -> Void) -> CacheKey {
        var hasher = KeyHasher()
        build(&hasher)
        return hasher.finalized
    }
}

/// The template engine's key type, for every cache key in Parley.
typealias CacheKey = ParleyTemplates.CacheKey

extension CacheKey {
    init(_ hash: XXH128_hash_t) { self.init(high: hash.high64, low: hash.low64) }

    /// No key: what nothing has been keyed as yet.
    static let none = CacheKey(high: 0, low: 0)
}

/// Page keys are made by the template engine, from the values each page's template reads.
extension KeyHasher: ValueHasher {}
