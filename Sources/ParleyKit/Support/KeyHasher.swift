import CXXHash
import Foundation
import ParleyTemplates

/// Reduces what a page depends on to one 128-bit key, the same in every process (unlike `Hasher`, which is
/// seeded per run): two builds that give a page the same key render it to the same bytes.
///
/// The key is XXH3-128 (xxHash's reference implementation, from the system's libxxhash) of a byte encoding
/// of what was combined: each word as eight little-endian bytes, each text as its UTF-8 bytes followed by
/// its length, so that `("ab", "c")` and `("a", "bc")` differ. A copy of a hasher shares its state: combine
/// into one hasher at a time.
struct KeyHasher {
    /// xxHash's streaming state, allocated by the library (it must be aligned to 64 bytes), and a buffer in
    /// front of it: the many small words a key is made of are handed to the library a buffer at a time, not
    /// one call each. The bytes hashed are the same.
    private final class State {
        static let capacity = 1024
        let pointer: OpaquePointer
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: State.capacity, alignment: 8)
        var count = 0

        init() {
            pointer = XXH3_createState()
            XXH3_128bits_reset(pointer)
        }

        deinit {
            XXH3_freeState(pointer)
            buffer.deallocate()
        }

        func flush() {
            if count > 0 { _ = XXH3_128bits_update(pointer, buffer, count) }
            count = 0
        }

        @inline(__always) func append(_ word: UInt64) {
            if count + 8 > State.capacity { flush() }
            buffer.storeBytes(of: word.littleEndian, toByteOffset: count, as: UInt64.self)
            count += 8
        }

        func append(_ raw: UnsafeRawBufferPointer) {
            guard let base = raw.baseAddress, raw.count > 0 else { return }
            if count + raw.count > State.capacity { flush() }
            if raw.count >= State.capacity {
                _ = XXH3_128bits_update(pointer, base, raw.count)
            } else {
                (buffer + count).copyMemory(from: base, byteCount: raw.count)
                count += raw.count
            }
        }

        var digest: XXH128_hash_t {
            flush()
            return XXH3_128bits_digest(pointer)
        }
    }

    private let state = State()

    mutating func combine(_ word: UInt64) { state.append(word) }

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
        state.append(raw)
        combine(raw.count)
    }

    /// The key of what was combined (the hasher may go on combining).
    var finalized: CacheKey { CacheKey(state.digest) }

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

extension KeyHasher {
    /// Any value, by its structure as `Mirror` shows it, the same in every process: each stored property by its
    /// label and value, an optional as nothing or its value, and a dictionary's entries or a set's members by
    /// their own keys, sorted (the order they iterate in differs from process to process); text and numbers by
    /// their description. For settings, whose every field must be in a cache's key without a list kept by hand.
    mutating func combine(reflecting value: Any) {
        switch value {
        case let text as String: return combine(text)
        case let text as Substring: return combine(String(text))
        case let flag as Bool: return combine(flag)
        case let url as URL: return combine(url.absoluteString)
        default: break
        }
        let mirror = Mirror(reflecting: value)
        combine(String(describing: mirror.subjectType))
        switch mirror.displayStyle {
        case .optional:
            if let child = mirror.children.first {
                combine(true)
                combine(reflecting: child.value)
            } else {
                combine(false)
            }
        case .dictionary, .set:
            let keys = mirror.children.map { child in KeyHasher.key { $0.combine(reflecting: child.value) } }
                .sorted { ($0.high, $0.low) < ($1.high, $1.low) }
            combine(keys.count)
            for key in keys { combine(key) }
        default:
            combine(mirror.children.count)
            // A leaf (a number, an enumeration's case without a payload): its description.
            if mirror.children.isEmpty { combine(String(describing: value)) }
            for child in mirror.children {
                combine(child.label)
                combine(reflecting: child.value)
            }
        }
    }
}
