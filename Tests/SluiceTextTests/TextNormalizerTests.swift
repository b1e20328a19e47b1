import Testing

@testable import SluiceText

@Suite struct TextNormalizerTests {
    @Test func paddingSpacesBecomeOrdinaryAndCollapse() {
        #expect(TextNormalizer.normalize("\u{3000}\u{3000}第一段\u{A0}\u{A0}内容  在此 ") == "第一段 内容 在此")
    }

    @Test func zeroWidthAndControlCharactersGo() {
        #expect(TextNormalizer.normalize("a\u{200B}b\u{FEFF}c\u{0007}d\u{200D}") == "abcd")
    }

    @Test func paragraphsAreSeparatedByExactlyOneBlankLine() {
        let input = "\n\n第一段。\r\n\r\n\r\n  \n第二段第一行\n第二段第二行\n\n\n"
        #expect(TextNormalizer.normalize(input) == "第一段。\n\n第二段第一行\n第二段第二行")
    }

    @Test func nfcComposesAndChinesePunctuationIsKept() {
        let decomposed = "Cafe\u{301}，“引号”（括号）：！？"
        #expect(TextNormalizer.normalize(decomposed) == "Café，“引号”（括号）：！？")
    }

    /// Each tab separates two cells, so a run of tabs (an empty cell) keeps its columns; spaces around them go.
    @Test func tabsSurviveAsCellSeparators() {
        #expect(TextNormalizer.normalize("名称 \t 数量") == "名称\t数量")
        #expect(TextNormalizer.normalize("名称 \t\t 数量\t") == "名称\t\t数量")
        #expect(TextNormalizer.normalizeLine("名称\t\t数量") == "名称 数量")
    }

    @Test func singleLineValuesLoseLineBreaks() {
        #expect(TextNormalizer.normalizeLine("  学先进\u{3000}\u{3000}当典型\n建功业 ") == "学先进 当典型 建功业")
        #expect(TextNormalizer.normalizeOptionalLine(" \u{3000} ") == nil)
    }
}
