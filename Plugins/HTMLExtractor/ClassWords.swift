/// What one class or id word says about its element (`article-body` is the
/// words `article` and `body`), decided once per distinct word on a page.
/// Prefix lists match longer words (`share` matches `sharebox`); exact
/// lists match only the word itself. Comparison is on UTF-8 bytes: the
/// words are lower-case ASCII, and `String.hasPrefix` compares by Unicode
/// rules, which a page with thousands of class values pays for.
struct ClassWords {
    struct Flags: OptionSet {
        let rawValue: UInt16
        static let positive = Flags(rawValue: 1 << 0)
        static let negative = Flags(rawValue: 1 << 1)
        static let title = Flags(rawValue: 1 << 2)
        static let trail = Flags(rawValue: 1 << 3)
        static let source = Flags(rawValue: 1 << 4)
        static let content = Flags(rawValue: 1 << 5)
        static let certainChrome = Flags(rawValue: 1 << 6)
        static let likelyChrome = Flags(rawValue: 1 << 7)
    }

    /// Flags by word, for the words of up to 16 bytes (nearly all class
    /// words): packed into two integers, so a lookup makes no String.
    private var known: [PackedWord: Flags] = [:]
    /// The rare longer words.
    private var knownLong: [String: Flags] = [:]

    /// The union of the flags of the words of a class or id value: runs of
    /// ASCII letters and digits, lower-cased (`article-body` is `article` and `body`).
    mutating func flags(ofValue value: String) -> Flags {
        var all: Flags = []
        var value = value
        value.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lower in
                var start = -1  // of the current word in `lower`
                for (i, b) in bytes.enumerated() {
                    switch b {
                    case 0x30...0x39, 0x61...0x7A, 0x41...0x5A:
                        lower[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                        if start < 0 { start = i }
                    default:
                        if start >= 0 { all.formUnion(flags(ofWord: UnsafeBufferPointer(rebasing: lower[start..<i]))) }
                        start = -1
                    }
                }
                if start >= 0 {
                    all.formUnion(flags(ofWord: UnsafeBufferPointer(rebasing: lower[start..<bytes.count])))
                }
            }
        }
        return all
    }

    private mutating func flags(ofWord word: UnsafeBufferPointer<UInt8>) -> Flags {
        if let packed = PackedWord(word) {
            if let f = known[packed] { return f }
            let f = Self.decide(word)
            known[packed] = f
            return f
        }
        let string = String(decoding: word, as: UTF8.self)
        if let f = knownLong[string] { return f }
        let f = Self.decide(word)
        knownLong[string] = f
        return f
    }

    /// What one lower-case word says.
    static func decide(_ w: UnsafeBufferPointer<UInt8>) -> Flags {
        var f: Flags = []
        func startsWithAny(_ prefixes: [[UInt8]]) -> Bool {
            prefixes.contains { p in p.count <= w.count && p.indices.allSatisfy { p[$0] == w[$0] } }
        }
        // Most words start with a letter no prefix of a list starts with.
        if let first = w.first, prefixInitials[Int(first)] {
            if startsWithAny(positivePrefixes) { f.insert(.positive) }
            if startsWithAny(titlePrefixes) { f.insert(.title) }
            if startsWithAny(trailPrefixes) { f.insert(.trail) }
            if startsWithAny(contentPrefixes) { f.insert(.content) }
            if startsWithAny(certainPrefixes) { f.insert(.certainChrome) }
            if startsWithAny(likelyPrefixes) { f.insert(.likelyChrome) }
        }
        if let packed = PackedWord(w) {
            f.formUnion(exactWords[packed] ?? [])
        } else {
            // A word too long to pack: the lists by name (none of them holds one today).
            let word = String(decoding: w, as: UTF8.self)
            if ContentSelector.negativeWords.contains(word) { f.insert(.negative) }
            if ArticleHeader.sourceWords.contains(word) { f.insert(.source) }
            if PageAnalysis.likelyExact.contains(word) { f.insert(.likelyChrome) }
        }
        return f
    }

    /// The whole words that say something, with what they say.
    private static let exactWords: [PackedWord: Flags] = {
        var table: [PackedWord: Flags] = [:]
        func add(_ words: some Sequence<String>, _ flag: Flags) {
            for word in words {
                var word = word
                // A longer word is looked up by name instead (see `decide`).
                guard let packed = word.withUTF8({ PackedWord($0) }) else { continue }
                table[packed, default: []].insert(flag)
            }
        }
        add(ContentSelector.negativeWords, .negative)
        add(ArticleHeader.sourceWords, .source)
        add(PageAnalysis.likelyExact, .likelyChrome)
        return table
    }()

    // The prefix lists as bytes, made once.
    private static let positivePrefixes = ContentSelector.positiveWords.map { Array($0.utf8) }
    private static let titlePrefixes = ArticleHeader.titleWords.map { Array($0.utf8) }
    private static let trailPrefixes = ArticleHeader.trailWords.map { Array($0.utf8) }
    private static let contentPrefixes = PageAnalysis.contentWords.map { Array($0.utf8) }
    private static let certainPrefixes = PageAnalysis.certainPrefixes.map { Array($0.utf8) }
    private static let likelyPrefixes = PageAnalysis.likelyPrefixes.map { Array($0.utf8) }
    private static let prefixInitials: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for list in [positivePrefixes, titlePrefixes, trailPrefixes, contentPrefixes, certainPrefixes, likelyPrefixes] {
            for p in list { if let b = p.first { table[Int(b)] = true } }
        }
        return table
    }()
}
