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

    /// The shortcut that skips NFC for text it cannot change must agree with
    /// Foundation's NFC: scalars from both sides of every range the shortcut
    /// trusts, in one, two, three and four UTF-8 bytes, in every pair.
    @Test func nfcAgreesWithFoundationOnEveryRangeBoundary() {
        let edges: [UInt32] = [
            0x41, 0x65, 0x2FF, 0x300, 0x301, 0x327, 0x2001, 0x2002, 0x20CF, 0x20D0, 0x2126, 0x212A, 0x212B, 0x2328,
            0x2329, 0x232A, 0x232B, 0x3002, 0x304B, 0x3098, 0x3099, 0x309A, 0x309B, 0x4E2D, 0xABFF, 0xAC00, 0xD7A3,
            0xF8FF, 0xF900, 0xFA0E, 0xFB1D, 0xFB4F, 0xFB50, 0xFE1F, 0xFE20, 0xFE2F, 0xFE30, 0xFF0C, 0x1D15E, 0x20000,
            0x2F7FF, 0x2F800,
        ]
        // Every ordered pair (a base and what follows it is where NFC composes or reorders), and each between ASCII.
        let pairs: [[UInt32]] = edges.flatMap { a in edges.map { b in [a, b] } }
        for scalars in pairs + edges.map({ [0x61, $0, 0x62] }) {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars.map { Unicode.Scalar($0)! })
            let text = String(view)
            #expect(
                Array(TextNormalizer.nfc(text).utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8),
                "\(scalars.map { String($0, radix: 16) })")
        }
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
