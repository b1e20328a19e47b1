/// A word of at most 16 bytes (a class or id word, a CMS container name)
/// as two little-endian integers and its length: a dictionary key that
/// hashes three integers, where a `String` key cost a String to make and to
/// hash for every word of every class value on a page.
struct PackedWord: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var count: UInt8 = 0

    /// Nil when `word` is longer than 16 bytes.
    init?(_ word: UnsafeBufferPointer<UInt8>) {
        guard word.count <= 16 else { return nil }
        for (i, b) in word.enumerated() {
            if i < 8 { low |= UInt64(b) << (8 * i) } else { high |= UInt64(b) << (8 * (i - 8)) }
        }
        count = UInt8(word.count)
    }
}
