import CLD2Shim

/// What the language identifier found in a text.
public struct LanguageIdentification: Sendable, Equatable {
    /// ISO 639-1 code (`zh` for Simplified Chinese, `zh-Hant` for
    /// Traditional; a 639-2/3 code only where 639-1 has none), or `und` when
    /// CLD2 calls its answer unreliable or the text has too few letters.
    public var lang: String
    /// The share of the text's letters written in `lang` (0–1). CLD2 gives
    /// no probability; this share is the confidence it does give.
    public var score: Double
    /// The languages that hold at least ``LanguageIdentifier/mixedShare`` of
    /// the letters, largest first, at most three (with `und` left out).
    public var languages: [(lang: String, share: Double)]

    public init(lang: String, score: Double, languages: [(lang: String, share: Double)]) {
        self.lang = lang
        self.score = score
        self.languages = languages
    }

    /// More than one language holds a real share of the text.
    public var isMixed: Bool { languages.count > 1 }

    public static func == (a: Self, b: Self) -> Bool {
        a.lang == b.lang && a.score == b.score && a.languages.map(\.lang) == b.languages.map(\.lang)
            && a.languages.map(\.share) == b.languages.map(\.share)
    }
}

/// Identifies a text's language with CLD2 (Debian's `libcld2`, its full
/// tables: 160+ languages and scripts; compiled-in model, no files to load).
///
/// Threading: stateless and thread-safe; call it from any thread.
public enum LanguageIdentifier {
    /// Bytes looked at: CLD2's verdict has settled long before, and long
    /// texts stay cheap (a 10 MB text costs the same as a 64 KiB one).
    public static let sampleBytes = 64 * 1024
    /// A language must hold this share of the letters to be listed in ``LanguageIdentification/languages``.
    public static let mixedShare = 0.1

    /// - Parameter hint: a declared language (an HTML `lang` attribute, a
    ///   `Content-Language` header), which tips CLD2 when the text is
    ///   ambiguous; never taken on its own.
    public static func identify(_ text: String, hint: String? = nil) -> LanguageIdentification {
        var result = sluice_cld2_result()
        var utf8 = Array(text.utf8.prefix(sampleBytes))
        // Never cut inside a character: drop trailing continuation bytes and their lead.
        if utf8.count == sampleBytes {
            while let last = utf8.last, last & 0xC0 == 0x80 { utf8.removeLast() }
            if let last = utf8.last, last >= 0xC0 { utf8.removeLast() }
        }
        // CLD2 reads the whole tag (`zh-TW` tips it to Traditional); only a tag is passed.
        let cleanHint = hint.flatMap { LanguageTag.primary(of: $0) != nil && $0.count <= 15 ? $0 : nil }
        utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let cleanHint {
                    cleanHint.withCString {
                        sluice_cld2_identify(chars.baseAddress, Int32(chars.count), $0, &result)
                    }
                } else {
                    sluice_cld2_identify(chars.baseAddress, Int32(chars.count), nil, &result)
                }
            }
        }
        let codes = withUnsafeBytes(of: result.codes) { raw in
            (0..<3).map { i in
                let slot = raw[(i * 16)..<(i * 16 + 16)]
                return String(decoding: slot.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        let percents = [result.percents.0, result.percents.1, result.percents.2]
        var languages: [(lang: String, share: Double)] = []
        for (code, percent) in zip(codes, percents) {
            guard let lang = iso639(code), Double(percent) / 100 >= mixedShare else { continue }
            if let i = languages.firstIndex(where: { $0.lang == lang }) {
                languages[i].share += Double(percent) / 100
            } else {
                languages.append((lang, Double(percent) / 100))
            }
        }
        guard let top = iso639(codes[0]), result.reliable != 0 || isClearWinner(percents, textBytes: result.textBytes)
        else {
            return LanguageIdentification(lang: "und", score: 0, languages: languages)
        }
        return LanguageIdentification(lang: top, score: Double(percents[0]) / 100, languages: languages)
    }

    /// CLD2 calls a verdict unreliable when much of the text is in no
    /// language it scored (command names, numbers, stray Latin words in
    /// Cyrillic text). A first language holding most of the text, well ahead
    /// of the second, over enough letters, is still the answer; a close race
    /// (Serbian against Macedonian at 49 to 46) stays `und`.
    static func isClearWinner(_ percents: [Int32], textBytes: Int32) -> Bool {
        percents[0] >= 50 && percents[1] * 2 <= percents[0] && textBytes >= 200
    }

    /// CLD2's code as ISO 639-1; nil for unknown and script-only verdicts.
    static func iso639(_ code: String) -> String? {
        switch code {
        case "un", "xxx", "": nil
        case _ where code.hasPrefix("xx-") || code.hasPrefix("zz"): nil
        case "iw": "he"
        case "jw": "jv"
        case "sr-ME": "sr"
        // CLD2's NORWEGIAN is Bokmål (Nynorsk is `nn`).
        case "no": "nb"
        case "tlh": nil  // Klingon: CLD2 knows it, no crawl needs it
        default: code
        }
    }
}

/// BCP 47 tags as documents declare them.
public enum LanguageTag {
    /// The primary subtag of a language tag (`zh-CN` and `ZH_cn` give `zh`),
    /// when it looks valid; nil otherwise (`Chinese`).
    public static func primary(of tag: String) -> String? {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        guard (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return primary
    }

    /// A declared tag in the corpus's form: the primary subtag, except
    /// Traditional Chinese (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`), which is `zh-Hant`.
    public static func corpusForm(of tag: String) -> String? {
        guard let primary = primary(of: tag) else { return nil }
        let rest = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).dropFirst().map { $0.lowercased() }
        if primary == "zh", rest.contains(where: { ["hant", "tw", "hk", "mo"].contains($0) }) { return "zh-Hant" }
        return primary
    }
}
