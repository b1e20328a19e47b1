import Foundation
import SluiceText

/// Decides a page's charset the way the WHATWG Encoding Standard orders it —
/// BOM, then the transport's charset, then a `<meta>` prescan of the first
/// 1024 bytes, then detection — and then checks the decision against the
/// bytes, because crawled pages are often mislabelled:
///
/// - bytes that are valid UTF-8 and hold multi-byte sequences are UTF-8,
///   whatever the label says (a GBK page is practically never valid UTF-8);
/// - a page labelled UTF-8 whose bytes are not UTF-8 but sit in the GB2312
///   block is GB18030.
///
/// Once settled, decoding replaces invalid bytes with U+FFFD, as browsers
/// do, so one bad byte never loses the page.
struct HTMLEncoding: Equatable {
    var charset: Charset
    /// `bom`, `transport`, `meta`, `detected`, or `corrected` (label overruled by the bytes).
    var source: String
    var declared: String?
    /// The page as UTF-8, for libxml2.
    var utf8: [UInt8]
    var replacedBytes: Int

    static func decode(_ bytes: [UInt8], transportCharset: String?) -> HTMLEncoding {
        if let (charset, skip) = TextDecoder.bom(bytes) {
            let (text, bad) = (try? TextDecoder.decodeLossy(bytes.dropFirst(skip), as: charset)) ?? ("", 0)
            return HTMLEncoding(
                charset: charset, source: "bom", declared: nil, utf8: Array(text.utf8), replacedBytes: bad)
        }
        var label: (charset: Charset, source: String, declared: String)? = nil
        if let t = transportCharset, let c = Charset(label: t) {
            label = (c, "transport", t)
        } else if let m = metaCharset(bytes.prefix(1024)), let c = Charset(label: m) {
            // A page cannot declare itself UTF-16 in ASCII-compatible bytes.
            label = (c == .utf16LE || c == .utf16BE ? .utf8 : c, "meta", m)
        }
        let validUTF8 = TextDecoder.isUTF8(array: bytes)
        let multiByte = bytes.withUnsafeBufferPointer { $0.contains { $0 >= 0x80 } }

        let chosen: (Charset, String)
        switch label {
        case .some(let l) where l.charset == .utf8:
            if validUTF8 || !bytes.withUnsafeBufferPointer(TextDecoder.mostlyGB2312(buffer:)) {
                chosen = (.utf8, l.source)
            } else {
                chosen = (.gb18030, "corrected")
            }
        case .some(let l):
            chosen = validUTF8 && multiByte ? (.utf8, "corrected") : (l.charset, l.source)
        case nil:
            if validUTF8 {
                chosen = (.utf8, "detected")
            } else if bytes.withUnsafeBufferPointer(TextDecoder.mostlyGB2312(buffer:)) {
                chosen = (.gb18030, "detected")
            } else {
                chosen = (.windows1252, "detected")
            }
        }
        if chosen.0 == .utf8 && validUTF8 {
            return HTMLEncoding(
                charset: .utf8, source: chosen.1, declared: label?.declared, utf8: Array(bytes), replacedBytes: 0)
        }
        let (text, bad) =
            (try? TextDecoder.decodeLossy(bytes, as: chosen.0)) ?? (TextDecoder.detect(Data(bytes)).text, 0)
        return HTMLEncoding(
            charset: chosen.0, source: chosen.1, declared: label?.declared, utf8: Array(text.utf8), replacedBytes: bad)
    }

    /// The charset named by a `<meta charset>` or `<meta http-equiv=Content-Type
    /// content="...; charset=...">` in `head` (a simplified WHATWG prescan).
    static func metaCharset(_ head: some Collection<UInt8>) -> String? {
        let lower = head.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        var i = 0
        let meta = Array("<meta".utf8)
        let charset = Array("charset".utf8)
        while i + meta.count < lower.count {
            guard lower[i..<(i + meta.count)].elementsEqual(meta) else {
                i += 1
                continue
            }
            let end = lower[i...].firstIndex(of: UInt8(ascii: ">")) ?? lower.count
            let tag = Array(lower[i..<end])
            if let at = firstRange(of: charset, in: tag) {
                var j = at + charset.count
                while j < tag.count, tag[j] == 0x20 || tag[j] == 0x09 { j += 1 }
                if j < tag.count, tag[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < tag.count, [0x20, 0x09, 0x22, 0x27].contains(tag[j]) { j += 1 }
                    var k = j
                    while k < tag.count, !([0x20, 0x09, 0x22, 0x27, 0x3B, 0x2F, 0x3E] as [UInt8]).contains(tag[k]) {
                        k += 1
                    }
                    if k > j { return String(decoding: tag[j..<k], as: UTF8.self) }
                }
            }
            i = end
        }
        return nil
    }

    private static func firstRange(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }
}
