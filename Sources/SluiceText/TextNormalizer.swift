import Foundation

/// The one normalization every plugin's text goes through, so that records
/// from different formats compare equal:
///
/// - Unicode NFC (compatibility forms are kept: full-width Chinese
///   punctuation stays as published);
/// - NBSP, the ideographic space U+3000 and the other Unicode spaces become
///   ordinary spaces; runs of spaces collapse to one; lines are trimmed;
/// - zero-width characters, the BOM and control characters go, except the
///   line feed and the tab (the tab separates table cells, so a run of tabs
///   inside a line is kept: an empty cell keeps its column);
/// - CR LF and CR become LF; U+2028/U+2029 become LF;
/// - paragraphs are separated by exactly one blank line; no blank lines at
///   the start or the end.
///
/// Works in one pass over the scalars, writing UTF-8 bytes: it runs over
/// every document's whole text, so it must be cheap.
public enum TextNormalizer {
    /// Normalize a multi-line text.
    public static func normalize(_ text: String) -> String { run(nfc(text), singleLine: false) }

    /// Normalize a single-line value (a title, a breadcrumb part): like
    /// ``normalize(_:)``, with line breaks and tabs turned into spaces.
    public static func normalizeLine(_ text: String) -> String { run(nfc(text), singleLine: true) }

    /// `normalizeLine`, or nil when the result is empty.
    public static func normalizeOptionalLine(_ text: String?) -> String? {
        guard let text else { return nil }
        let n = normalizeLine(text)
        return n.isEmpty ? nil : n
    }

    private enum Kind {
        case character, space, tab, newline, drop
    }

    @inline(__always)
    private static func kind(_ v: UInt32) -> Kind {
        switch v {
        case 0x0A, 0x0D, 0x2028, 0x2029: .newline
        case 0x09: .tab
        case 0x20, 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: .space
        case 0x00...0x1F, 0x7F...0x9F: .drop  // other C0/C1 controls
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: .drop  // zero-width characters, BOM, soft hyphen
        default: .character
        }
    }

    private static func run(_ text: String, singleLine: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var lineHasContent = false
        var anyContent = false
        var blankLineSeen = false
        var pendingSpace = false
        var pendingTabs = 0
        var previousCR = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            var k = kind(v)
            if v == 0x0A && previousCR { k = .drop }  // the LF of CR LF
            previousCR = v == 0x0D
            if singleLine && (k == .newline || k == .tab) { k = .space }
            switch k {
            case .drop:
                continue
            case .space:
                pendingSpace = true
            case .tab:
                pendingTabs += 1
            case .newline:
                if !lineHasContent && anyContent { blankLineSeen = true }
                lineHasContent = false
                pendingSpace = false
                pendingTabs = 0
            case .character:
                if !lineHasContent {
                    if anyContent { out += blankLineSeen ? [0x0A, 0x0A] : [0x0A] }
                    blankLineSeen = false
                } else if pendingTabs > 0 {
                    out += repeatElement(0x09, count: pendingTabs)
                } else if pendingSpace {
                    out.append(0x20)
                }
                pendingSpace = false
                pendingTabs = 0
                if v < 0x80 {
                    out.append(UInt8(v))
                } else {
                    UTF8.encode(scalar) { out.append($0) }
                }
                lineHasContent = true
                anyContent = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Unicode NFC. Most text (ASCII, Latin-1, CJK, kana, full-width forms)
    /// is NFC already and has no character NFC changes; those texts skip the
    /// costly full normalization.
    static func nfc(_ text: String) -> String {
        for b in text.utf8 where b >= 0xCC {
            // Only scalars from U+0300 up can be changed by NFC; check them.
            return nfcSlow(text)
        }
        return text
    }

    private static func nfcSlow(_ text: String) -> String {
        // Decoded from the bytes by hand: the scalar view cost twice as much on
        // CJK text. A String's bytes are valid UTF-8, so each lead byte says
        // how many follow.
        var text = text
        let unchanged = text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = UInt32(bytes[i])
                let scalar: UInt32
                switch b {
                case 0..<0x80:
                    i += 1
                    continue
                case 0xC0..<0xE0:
                    scalar = (b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                case 0xE0..<0xF0:
                    scalar = (b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                default:
                    scalar =
                        (b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                if !isNFCStable(scalar) { return false }
            }
            return true
        }
        return unchanged ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether NFC leaves the scalar and its neighbours as they are: scalars
    /// of combining class 0 that NFC neither decomposes nor composes with a
    /// preceding one, in the ranges pages use most (Latin, general
    /// punctuation, CJK and its punctuation, kana, private use, full-width
    /// forms). Anything else takes Foundation's full normalization.
    /// `TextNormalizerTests` checks every scalar this accepts against
    /// Swift's Unicode data and Foundation's NFC.
    static func isNFCStable(_ value: UInt32) -> Bool {
        switch value {
        case 0...0x2FF, 0x2002...0x20CF, 0x2100...0x2125, 0x2127...0x2129, 0x212C...0x2328, 0x232B...0x2ADB,
            0x2ADD...0x2CEE, 0x2E00...0x2FFF, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0xA66E, 0xE000...0xF8FF,
            0xFB50...0xFE1F, 0xFE30...0xFFFF, 0x20000...0x2F7FF:
            return true
        default:
            return false
        }
    }
}
