import Foundation
import Testing
@testable import ParleyKit

/// Cache keys are xxHash's XXH3-128: the reference implementation's published values, and an encoding in
/// which different things combined make different keys.
@Suite struct KeyHasherTests {
    // `xxhsum -H2` (xxHash 0.8.1) of the empty input and of "abc".
    @Test func aTextsKeyIsXXH3Of128BitsOfItsBytes() {
        #expect(KeyHasher.contents("").description == "99aa06d3014798d86001c324468d497f")
        #expect(KeyHasher.contents("abc").description == "06b05ab6733a618578af5f94892f3950")
        let bytes: [UInt8] = Array("abc".utf8)
        #expect(bytes.withUnsafeBytes(KeyHasher.bytes) == KeyHasher.contents("abc"))
    }

    @Test func aKeyIsWrittenAndReadAsThirtyTwoHexDigits() {
        let key = KeyHasher.contents("Istanbul")
        #expect(CacheKey(hex: key.description) == key)
        #expect(CacheKey(hex: String(key.description.dropLast())) == nil)
        #expect(CacheKey(hex: "z" + key.description.dropFirst()) == nil)
    }

    @Test func textsAreCombinedWithTheirLengthsAndWordsInOrder() {
        let split1 = KeyHasher.key {
            $0.combine("ab")
            $0.combine("c")
        }
        let split2 = KeyHasher.key {
            $0.combine("a")
            $0.combine("bc")
        }
        #expect(split1 != split2)
        #expect(
            KeyHasher.key {
                $0.combine(1)
                $0.combine(2)
            }
                != KeyHasher.key {
                    $0.combine(2)
                    $0.combine(1)
                })
        #expect(KeyHasher.key { $0.combine(nil as String?) } != KeyHasher.key { $0.combine("") })
        // The same things combined give the same key, in any process: nothing is seeded.
        #expect(
            KeyHasher.key {
                $0.combine("Minsk")
                $0.combine(2014)
            }
                == KeyHasher.key {
                    $0.combine("Minsk")
                    $0.combine(2014)
                })
    }
}

extension KeyHasherTests {
    /// A value's key by its structure does not depend on the order its dictionaries and sets iterate in, and
    /// changes with any field.
    @Test func aKeyByReflectionIsTheSameWhateverTheOrderOfADictionary() {
        struct Names: Equatable {
            var title: String?
            var list: [Int]
        }
        struct Settings {
            var name: String
            var names: [String: Names]
            var tags: Set<String>
            var limit: Int?
            var kind: FloatingPointSign
        }
        var forward: [String: Names] = [:], backward: [String: Names] = [:]
        let keys = (0..<50).map { "section-\($0)" }
        for key in keys { forward[key] = Names(title: key.uppercased(), list: [key.count]) }
        for key in keys.reversed() { backward[key] = Names(title: key.uppercased(), list: [key.count]) }
        let a = Settings(name: "a", names: forward, tags: Set(keys), limit: 3, kind: .plus)
        let b = Settings(name: "a", names: backward, tags: Set(keys.reversed()), limit: 3, kind: .plus)
        func key(_ settings: Settings) -> CacheKey { KeyHasher.key { $0.combine(reflecting: settings) } }
        #expect(key(a) == key(b))
        var changed = b
        changed.names["section-7"]?.title = nil
        #expect(key(changed) != key(a))
        changed = b
        changed.limit = nil
        #expect(key(changed) != key(a))
        changed = b
        changed.kind = .minus
        #expect(key(changed) != key(a))
        changed = b
        changed.tags.insert("one more")
        #expect(key(changed) != key(a))
    }
}
