import Testing

@testable import SluiceDedup

@Suite struct FoldingAndSignatureTests {
    @Test func widthSpacingAndPunctuationDoNotMakeADifferentText() {
        let plain = FoldedText("今年以来全市共完成病险水库除险加固12座，成效明显。")
        let variant = FoldedText("今年以来 全市共完成病险水库除险加固１２座, 成效明显.\n")
        #expect(plain.isCJK && plain.exactKey == variant.exactKey)
        #expect(FoldedText("今年以来全市共完成病险水库除险加固13座，成效明显。").exactKey != plain.exactKey)
    }

    @Test func chineseIsShingledByCharactersOtherScriptsByWords() {
        let chinese = FoldedText("水库安全巡查工作")
        #expect(chinese.tokens.count == 8 && chinese.shingles(width: 5).count == 4)
        let english = FoldedText("The reservoir was inspected on Friday, and repairs begin in May.")
        #expect(!english.isCJK && english.tokens.count == 11 && english.shingles(width: 5).count == 7)
        // Case and punctuation fold away; the words stay words.
        #expect(FoldedText("THE reservoir -- was").tokens == FoldedText("the Reservoir was").tokens)
        #expect(FoldedText("ab cd").exactKey != FoldedText("abcd").exactKey)
        #expect(FoldedText("").shingles(width: 5).isEmpty)
    }

    @Test func signaturesEstimateSimilarity() {
        let hasher = MinHasher(DedupParameters())
        let original = DedupCorpus.paragraphs(topic: 0, place: 0, seed: 3)
        let copy = DedupCorpus.republished(original, drop: 2)
        let other = DedupCorpus.paragraphs(topic: 1, place: 4, seed: 8)
        func signature(_ p: [String]) -> [UInt32] {
            hasher.signature(of: FoldedText(p.joined(separator: "\n\n")).shingles(width: 5))
        }
        let (a, b, c) = (signature(original), signature(copy), signature(other))
        #expect(a.count == 100 && a == signature(original))
        #expect(MinHasher.similarity(a, b) >= DedupParameters().threshold, "a republished copy stays near its original")
        // Same template, other topic and place: shared boilerplate, but far below the threshold.
        #expect(MinHasher.similarity(a, c) < 0.3)
        #expect(hasher.bandKeys(of: a).count == 20 && hasher.bandKeys(of: a) == hasher.bandKeys(of: a))
    }

    @Test func clustersAreConnectedComponents() {
        var clusters = DuplicateClusters<String>()
        clusters.link("c", "d")
        clusters.link("a", "b")
        clusters.link("d", "e")
        clusters.link("b", "a")
        #expect(clusters.clusters() == [["a", "b"], ["c", "d", "e"]])
    }
}

@Suite struct DocumentBitsTests {
    @Test func membersCountAndOrder() {
        var bits = DocumentBits()
        #expect(bits.isEmpty)
        for doc: Int64 in [130, 1, 64, 63, 1, 0, 129] { bits.insert(doc) }
        #expect(bits.count == 6)
        #expect(bits.contains(63) && bits.contains(64) && bits.contains(0) && !bits.contains(2) && !bits.contains(999))
        #expect(Array(bits) == [0, 1, 63, 64, 129, 130])
        #expect(Array(DocumentBits()).isEmpty)
    }
}
