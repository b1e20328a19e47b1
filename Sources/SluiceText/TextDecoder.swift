import Foundation

/// Bytes turned into text, with the charset that was actually used.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    public var charset: Charset
    /// How the charset was decided: `bom`, `transport`, `declared`, `detected`.
    public var source: String

    public init(text: String, charset: Charset, source: String) {
        self.text = text
        self.charset = charset
        self.source = source
    }
}

/// Decoding shared by every plugin: strict conversions (a wrong charset fails
/// rather than producing mojibake) and detection for unlabelled bytes.
public enum TextDecoder {
    public enum Failure: Error, Equatable {
        case invalid(charset: String, offset: Int)
        case unsupported(charset: String)
    }

    /// The charset a byte-order mark announces, and the mark's length.
    public static func bom(_ bytes: some Collection<UInt8>) -> (Charset, Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    /// Decodes `bytes` as `charset`, failing on any invalid sequence.
    public static func decode(_ bytes: some Collection<UInt8>, as charset: Charset) throws(Failure) -> String {
        if charset == .utf8 {
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw .invalid(charset: charset.name, offset: invalidUTF8Offset(bytes))
            }
            return s
        }
        if charset == .windows1252 { return decodeWindows1252(bytes) }
        do {
            return try Iconv.decode(bytes, from: charset.iconvName)
        } catch {
            switch error {
            case .unsupported: throw .unsupported(charset: charset.name)
            case .invalid(let offset), .truncated(let offset): throw .invalid(charset: charset.name, offset: offset)
            }
        }
    }

    /// Decodes `bytes` as `charset`, replacing invalid bytes with U+FFFD (as
    /// browsers do once they have settled on a charset). Returns the text and
    /// the number of bytes replaced.
    public static func decodeLossy(_ bytes: some Collection<UInt8>, as charset: Charset) throws(Failure) -> (
        String, Int
    ) {
        if charset == .utf8 {
            if let s = String(validating: bytes, as: UTF8.self) { return (s, 0) }
            let s = String(decoding: bytes, as: UTF8.self)
            return (s, s.unicodeScalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : 0) })
        }
        if charset == .windows1252 { return (decodeWindows1252(bytes), 0) }
        do {
            return try Iconv.decodeLossy(Array(bytes), from: charset.iconvName)
        } catch {
            throw .unsupported(charset: charset.name)
        }
    }

    /// Whether `bytes` are valid UTF-8, ignoring a sequence cut off by the end
    /// (for checking a prefix of a larger input).
    public static func isUTF8(_ bytes: some Collection<UInt8>, allowTruncatedEnd: Bool = false) -> Bool {
        // ASCII is valid UTF-8: skip it without building a String.
        if !bytes.contains(where: { $0 >= 0x80 }) { return true }
        if String(validating: bytes, as: UTF8.self) != nil { return true }
        guard allowTruncatedEnd else { return false }
        let a = Array(bytes)
        for cut in 1...3 where a.count > cut {
            if String(validating: a[0..<(a.count - cut)], as: UTF8.self) != nil { return true }
        }
        return false
    }

    /// Detection for bytes with no BOM and no label: UTF-8 when valid, else
    /// GB18030 when it decodes cleanly and reads as Chinese, else windows-1252
    /// (which decodes anything; callers check the result looks like text).
    public static func detect(_ bytes: Data) -> DecodedText {
        if let (charset, skip) = bom(bytes),
            let text = try? decode(bytes.dropFirst(skip), as: charset)
        {
            return DecodedText(text: text, charset: charset, source: "bom")
        }
        if let text = try? decode(bytes, as: .utf8) {
            return DecodedText(text: text, charset: .utf8, source: "detected")
        }
        if mostlyGB2312(bytes) {
            if let text = try? decode(bytes, as: .gb18030), looksChinese(text) {
                return DecodedText(text: text, charset: .gb18030, source: "detected")
            }
            // Real GBK pages and texts often carry a few broken bytes (a
            // character cut in half by a CMS): accept a handful, replaced.
            if let (text, bad) = try? decodeLossy(bytes, as: .gb18030), bad * 200 <= bytes.count, looksChinese(text) {
                return DecodedText(text: text, charset: .gb18030, source: "detected")
            }
        }
        return DecodedText(text: decodeWindows1252(bytes), charset: .windows1252, source: "detected")
    }

    /// Whether text decoded as GB18030 is plausibly Chinese: most of its
    /// non-ASCII characters are common Han characters or CJK punctuation,
    /// not the rare ranges that Latin-1 or binary bytes map to.
    public static func looksChinese(_ text: String) -> Bool {
        var nonASCII = 0
        var cjk = 0
        for s in text.unicodeScalars where s.value >= 0x80 {
            nonASCII += 1
            switch s.value {
            case 0x4E00...0x9FFF, 0x3000...0x303F, 0xFF00...0xFFEF, 0x2010...0x201F, 0x2026: cjk += 1
            default: break
            }
        }
        return nonASCII > 0 && cjk * 10 >= nonASCII * 9
    }

    /// Whether most double-byte sequences fall in the GB2312 block (lead and
    /// trail bytes 0xA1-0xFE), where nearly all characters of ordinary
    /// Chinese text are. Latin-1 text and binary rarely do: an accented
    /// letter is followed by an ASCII byte or a byte below 0xA1.
    public static func mostlyGB2312(_ bytes: some Collection<UInt8>) -> Bool {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer(mostlyGB2312(buffer:))
    }

    /// ``mostlyGB2312(_:)`` on a buffer: concrete, so it runs at byte speed from any module.
    public static func mostlyGB2312(buffer b: UnsafeBufferPointer<UInt8>) -> Bool {
        var pairs = 0
        var inBlock = 0
        var i = 0
        while i < b.count {
            let lead = b[i]
            i += 1
            guard lead >= 0x81 else { continue }
            guard i < b.count else { break }
            let t = b[i]
            i += 1
            pairs += 1
            if (0x30...0x39).contains(t) {  // a four-byte sequence: a rare character
                i += 2
                continue
            }
            if (0xA1...0xF7).contains(lead) && (0xA1...0xFE).contains(t) { inBlock += 1 }
        }
        return pairs > 0 && inBlock * 4 >= pairs * 3
    }

    /// Whether `bytes` are valid UTF-8 (concrete, for hot paths).
    public static func isUTF8(array bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(UTF8Validation.isValid)
    }

    // windows-1252 as WHATWG defines it: bytes 0x80-0x9F map through the
    // table below; the five holes map to the C1 control of the same value.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func decodeWindows1252(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let v = (0x80...0x9F).contains(b) ? cp1252High[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(v)!)
        }
        return String(scalars)
    }

    private static func invalidUTF8Offset(_ bytes: some Collection<UInt8>) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                consumed += UTF8.width(s)
                offset = consumed
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}
