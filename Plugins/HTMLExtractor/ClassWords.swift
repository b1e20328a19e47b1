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

    private var known: [String: Flags] = [:]

    /// The union of the flags of `words`.
    mutating func flags(of words: [String]) -> Flags {
        var all: Flags = []
        for word in words {
            if let f = known[word] {
                all.formUnion(f)
            } else {
                let f = Self.decide(word)
                known[word] = f
                all.formUnion(f)
            }
        }
        return all
    }

    static func decide(_ word: String) -> Flags {
        var f: Flags = []
        var bytes = Array(word.utf8)
        bytes.withUnsafeMutableBufferPointer { w in
            func startsWithAny(_ prefixes: [[UInt8]]) -> Bool {
                prefixes.contains { p in p.count <= w.count && p.indices.allSatisfy { p[$0] == w[$0] } }
            }
            if startsWithAny(positivePrefixes) { f.insert(.positive) }
            if startsWithAny(titlePrefixes) { f.insert(.title) }
            if startsWithAny(trailPrefixes) { f.insert(.trail) }
            if startsWithAny(contentPrefixes) { f.insert(.content) }
            if startsWithAny(certainPrefixes) { f.insert(.certainChrome) }
            if startsWithAny(likelyPrefixes) { f.insert(.likelyChrome) }
        }
        bytes.removeAll()
        if ContentSelector.negativeWords.contains(word) { f.insert(.negative) }
        if ArticleHeader.sourceWords.contains(word) { f.insert(.source) }
        if PageAnalysis.likelyExact.contains(word) { f.insert(.likelyChrome) }
        return f
    }

    // The prefix lists as bytes, made once.
    private static let positivePrefixes = ContentSelector.positiveWords.map { Array($0.utf8) }
    private static let titlePrefixes = ArticleHeader.titleWords.map { Array($0.utf8) }
    private static let trailPrefixes = ArticleHeader.trailWords.map { Array($0.utf8) }
    private static let contentPrefixes = PageAnalysis.contentWords.map { Array($0.utf8) }
    private static let certainPrefixes = PageAnalysis.certainPrefixes.map { Array($0.utf8) }
    private static let likelyPrefixes = PageAnalysis.likelyPrefixes.map { Array($0.utf8) }
}
