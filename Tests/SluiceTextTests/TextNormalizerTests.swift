import Foundation
import Testing

@testable import SluiceText

@Suite struct TextNormalizerTests {
    @Test func paddingSpacesBecomeOrdinaryAndCollapse() {
        #expect(TextNormalizer.normalize("\u{3000}\u{3000}第一段\u{A0}\u{A0}内容  在此 ") == "第一段 内容 在此")
    }

    @Test func zeroWidthAndControlCharactersGo() {
        #expect(TextNormalizer.normalize("a\u{200B}b\u{FEFF}c\u{0007}d\u{200D}") == "abcd")
    }

    @Test func everyUnicodeSpaceBreakAndInvisibleCharacterIsReadFromItsBytes() {
        // Each listed character, and the characters next to them in Unicode, which stay.
        let spaces = ["\u{A0}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200A}", "\u{202F}", "\u{205F}", "\u{3000}"]
        for space in spaces {
            #expect(TextNormalizer.normalize("a\(space)\(space)b") == "a b", "\(space.unicodeScalars.first!.value)")
        }
        let invisible = [
            "\u{AD}", "\u{80}", "\u{85}", "\u{9F}", "\u{7F}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}",
            "\u{FEFF}",
        ]
        for mark in invisible {
            #expect(TextNormalizer.normalize("a\(mark)b") == "ab", "\(mark.unicodeScalars.first!.value)")
        }
        #expect(TextNormalizer.normalize("a\u{2028}b\u{2029}\u{2029}c\rd\r\ne") == "a\nb\n\nc\nd\ne")
        // Their neighbours in the byte patterns are ordinary characters, kept as they are.
        let kept = "\u{A1}\u{AC}\u{1681}\u{200E}\u{2030}\u{2061}\u{3001}\u{FEFE}中😀𠀀"
        #expect(TextNormalizer.normalize(kept) == kept)
    }

    @Test func paragraphsAreSeparatedByExactlyOneBlankLine() {
        let input = "\n\n第一段。\r\n\r\n\r\n  \n第二段第一行\n第二段第二行\n\n\n"
        #expect(TextNormalizer.normalize(input) == "第一段。\n\n第二段第一行\n第二段第二行")
    }

    @Test func nfcComposesAndChinesePunctuationIsKept() {
        let decomposed = "Cafe\u{301}，“引号”（括号）：！？"
        // Compared as bytes: Swift's == on Strings holds for canonically equal ones.
        #expect(Array(TextNormalizer.normalize(decomposed).utf8) == Array("Caf\u{E9}，“引号”（括号）：！？".utf8))
    }

    /// The shortcut that skips NFC for text it cannot change trusts only
    /// scalars NFC leaves alone wherever they stand: every scalar it accepts
    /// has combining class 0 and is its own NFC, and none is the second part
    /// of any character's canonical decomposition (which NFC would compose).
    @Test func nfcShortcutTrustsOnlyScalarsNFCNeverTouches() {
        var wrong: [String] = []
        for value in UInt32(0)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let single = String(Character(scalar))
            if TextNormalizer.isNFCStable(value) {
                if scalar.properties.canonicalCombiningClass != .notReordered
                    || Array(single.precomposedStringWithCanonicalMapping.unicodeScalars) != [scalar]
                {
                    wrong.append(String(value, radix: 16))
                }
            }
            let parts = single.decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
            for later in parts.dropFirst() where TextNormalizer.isNFCStable(later) {
                wrong.append("\(String(later, radix: 16)) (in \(String(value, radix: 16)))")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    /// And on text: a base letter followed by a combining mark composes; a
    /// text of trusted scalars comes back byte for byte.
    @Test func nfcComposesWhereNeededAndKeepsTheRest() {
        for (input, expected) in [
            ("e\u{301}", "\u{E9}"), ("\u{304B}\u{3099}", "\u{304C}"), ("a\u{302B}\u{302A}", "a\u{302A}\u{302B}"),
        ] {
            #expect(
                Array(TextNormalizer.nfc(input).unicodeScalars) == Array(expected.unicodeScalars),
                "\(input.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let kept = "中文，“引号”（括号）：！？ Latin text — 全角ＡＢＣ"
        #expect(Array(TextNormalizer.nfc(kept).utf8) == Array(kept.utf8))
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
