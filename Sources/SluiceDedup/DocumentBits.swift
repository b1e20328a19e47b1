/// A set of document numbers (`dedup.sqlite`'s `doc`, small positive
/// integers) as one bit each. On a first night every document is unlinked:
/// a hash set of them costs about 12 bytes a document (1.2 GB at 100 M), this
/// one an eighth of a byte (12.5 MB).
struct DocumentBits {
    fileprivate var words: [UInt64] = []
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
}

extension DocumentBits: Sequence {
    /// The documents in increasing order.
    struct Iterator: IteratorProtocol {
        fileprivate let words: [UInt64]
        fileprivate var word = 0
        fileprivate var rest: UInt64 = 0

        mutating func next() -> Int64? {
            while rest == 0 {
                guard word < words.count else { return nil }
                rest = words[word]
                word += 1
            }
            let bit = rest.trailingZeroBitCount
            rest &= rest - 1
            return Int64((word - 1) << 6 | bit)
        }
    }

    func makeIterator() -> Iterator { Iterator(words: words) }
}
