import CXXHash
import Foundation

/// The form of a text that duplicates are judged on, and its shingles.
///
/// Folding: NFKC (full-width letters, digits and punctuation become their
/// ordinary forms), lower case, and only letters and digits kept: what
/// republishing sites change without changing the text (whitespace,
/// punctuation width, line breaks) disappears. In a text that is mostly
/// CJK, every character is a token and shingles are character 5-grams; in
/// other scripts tokens are words and shingles are word 5-grams.
struct FoldedText {
    /// Tokens: one per character (CJK) or one hash per word (other scripts).
    var tokens: [UInt64]
    var isCJK: Bool

    init(_ text: String) {
        var characters: [UInt32] = []
        characters.reserveCapacity(text.utf8.count / 2)
        var cjk = 0
        var letters = 0
        var slow: [UInt32: [UInt32]] = [:]
        func boundary() {
            if let last = characters.last, last != 0 { characters.append(0) }
        }
        func token(_ v: UInt32) {
            characters.append(v)
            letters += 1
            if Self.isCJK(v) { cjk += 1 }
        }
        // 0 marks a boundary between words; runs of non-letters collapse to one.
        for scalar in text.unicodeScalars {
            var v = scalar.value
            // Full-width ASCII is what NFKC makes of it.
            if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }
            switch v {
            case 0x30...0x39, 0x61...0x7A: token(v)
            case 0x41...0x5A: token(v + 0x20)
            case 0...0x7F, 0x2000...0x206F, 0x3000...0x3004, 0x3008...0x3020: boundary()
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3041...0x3096, 0x30A1...0x30FA, 0xAC00...0xD7A3: token(v)
            default:
                // Anything else: NFKC and lower case of the character, as Unicode defines them.
                let folded =
                    slow[v]
                    ?? {
                        let mapped = String(Character(Unicode.Scalar(v)!)).precomposedStringWithCompatibilityMapping
                            .lowercased()
                        let kept = mapped.unicodeScalars.map { s -> UInt32 in
                            s.properties.isAlphabetic || s.properties.numericType != nil ? s.value : 0
                        }
                        slow[v] = kept
                        return kept
                    }()
                for f in folded {
                    if f == 0 { boundary() } else { token(f) }
                }
            }
        }
        if characters.last == 0 { characters.removeLast() }
        // Chinese has about one character per word: a third of the letters
        // being CJK already means most of the words are.
        isCJK = letters > 0 && cjk * 3 >= letters
        if isCJK {
            tokens = characters.compactMap { $0 == 0 ? nil : UInt64($0) }
        } else {
            tokens = []
            var start = 0
            characters.withUnsafeBufferPointer { buffer in
                for i in 0...buffer.count where i == buffer.count || buffer[i] == 0 {
                    if i > start {
                        tokens.append(XXH3_64bits(buffer.baseAddress! + start, (i - start) * 4))
                    }
                    start = i + 1
                }
            }
        }
    }

    static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2FA1F, 0xF900...0xFAFF, 0x3040...0x30FF, 0xAC00...0xD7AF:
            true
        default: false
        }
    }

    /// XXH3 of the folded tokens: equal for texts that differ only in what folding removes.
    var exactKey: UInt64 {
        tokens.withUnsafeBytes { XXH3_64bits_withSeed($0.baseAddress, $0.count, isCJK ? 1 : 2) }
    }

    /// XXH3 of every run of `width` tokens (one shingle of all of them when there are fewer).
    func shingles(width: Int) -> [UInt64] {
        guard !tokens.isEmpty else { return [] }
        let count = max(tokens.count - width + 1, 1)
        let span = min(width, tokens.count)
        return tokens.withUnsafeBufferPointer { buffer in
            (0..<count).map { XXH3_64bits(buffer.baseAddress! + $0, span * 8) }
        }
    }
}
