/// A set of document numbers (`dedup.sqlite`'s `doc`, small positive
/// integers) as one bit each. On a first night every document is unlinked:
/// a hash set of them costs about 12 bytes a document (1.2 GB at 100 M), this
/// one an eighth of a byte (12.5 MB).
struct DocumentBits {
    private var words: [UInt64] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func insert(_ doc: Int64) {
        guard doc >= 0 else { return }
        let (word, bit) = (Int(doc >> 6), UInt64(1) << UInt64(doc & 63))
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        if words[word] & bit == 0 {
            words[word] |= bit
            count += 1
        }
    }

    func contains(_ doc: Int64) -> Bool {
        guard doc >= 0 else { return false }
        let word = Int(doc >> 6)
        return word < words.count && words[word] & (UInt64(1) << UInt64(doc & 63)) != 0
    }

    /// The documents in increasing order.
    func forEach(_ body: (Int64) throws -> Void) rethrows {
        for (w, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                let bit = rest.trailingZeroBitCount
                try body(Int64(w << 6 | bit))
                rest &= rest - 1
            }
        }
    }
}
