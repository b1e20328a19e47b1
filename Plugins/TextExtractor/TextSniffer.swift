import Foundation
import SluicePluginAPI
import SluiceText

/// Decides whether bytes are text and decodes them, refusing binary rather
/// than turning it into mojibake.
enum TextSniffer {
    /// Cheap check on the first bytes, for the registry. Markup (a few tags)
    /// is left to the plugins that read it, even behind a `.txt` name.
    static func looksLikeText(_ head: Data) -> Bool {
        guard !head.isEmpty, MarkupSniff.tagCount(MarkupSniff.asciiCompatible(head)) < 3 else { return false }
        if TextDecoder.bom(head) != nil { return true }
        guard !head.contains(0), controlShare(head) <= 0.01 else { return false }
        if TextDecoder.isUTF8(head, allowTruncatedEnd: true) { return true }
        for cut in 0...3 where head.count > cut && TextDecoder.mostlyGB2312(head) {
            if let s = try? TextDecoder.decode(head.dropLast(cut), as: .gb18030) { return TextDecoder.looksChinese(s) }
        }
        return printableShare(head) >= 0.95
    }

    /// Decodes a whole document: the transport's charset when it decodes
    /// cleanly, else BOM, UTF-8, GB18030, windows-1252 in that order.
    static func decode(_ document: SourceDocument) throws(ExtractionError) -> DecodedText {
        let bytes = document.bytes
        if TextDecoder.bom(bytes) == nil,
            let label = document.hints.charset, let charset = Charset(label: label),
            let text = try? TextDecoder.decode(bytes, as: charset)
        {
            return try checked(DecodedText(text: text, charset: charset, source: "transport"), bytes: bytes)
        }
        let decoded = TextDecoder.detect(bytes)
        if decoded.charset == .windows1252, printableShare(bytes) < 0.95 {
            throw ExtractionError(
                .notText,
                "bytes are not text in UTF-8, UTF-16, GB18030 or windows-1252 (\(Int((1 - printableShare(bytes)) * 100))% unprintable); if this is a document format, add a plugin for it"
            )
        }
        return try checked(decoded, bytes: bytes)
    }

    /// Refuses decoded text that is mostly control characters (binary that happened to decode).
    private static func checked(_ decoded: DecodedText, bytes: Data) throws(ExtractionError) -> DecodedText {
        var controls = 0
        var total = 0
        for s in decoded.text.unicodeScalars {
            total += 1
            if s.value < 0x20 && s != "\n" && s != "\r" && s != "\t" && s != "\u{0C}" || s.value == 0x7F
                || s.value == 0xFFFD
            {
                controls += 1
            }
        }
        if total > 0, controls * 100 > total {
            throw ExtractionError(
                .notText,
                "decoded as \(decoded.charset.name) but \(controls) of \(total) characters are control characters: this is binary data, not text"
            )
        }
        return decoded
    }

    /// Share of bytes that are C0 controls other than tab, LF, FF and CR.
    static func controlShare(_ bytes: Data) -> Double {
        guard !bytes.isEmpty else { return 0 }
        let n = bytes.reduce(0) { $0 + ((($1 < 0x20 && ![9, 10, 12, 13].contains($1)) || $1 == 0x7F) ? 1 : 0) }
        return Double(n) / Double(bytes.count)
    }

    /// Share of bytes that windows-1252 text would use: printable ASCII,
    /// whitespace, and every high byte but the five the code page leaves undefined.
    static func printableShare(_ bytes: Data) -> Double {
        guard !bytes.isEmpty else { return 0 }
        let n = bytes.reduce(0) { $0 + (isPrintable1252($1) ? 1 : 0) }
        return Double(n) / Double(bytes.count)
    }

    private static func isPrintable1252(_ b: UInt8) -> Bool {
        switch b {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20...0x7E: true
        case 0x81, 0x8D, 0x8F, 0x90, 0x9D: false
        case 0x80...0xFF: true
        default: false
        }
    }
}
