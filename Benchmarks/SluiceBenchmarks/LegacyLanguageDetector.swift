// Sluice 0.1's hand-written language detector (a script counter with
// function words for en/fr/de/es), kept only so the language benchmark can
// time and score it beside CLD2. Nothing else uses it.
/// Guesses a BCP 47 primary language tag from the scripts a text is written
/// in, and for Latin script from its most common function words. Returns
/// `und` when the evidence is thin rather than guessing.
enum LegacyLanguageDetector {
    /// Characters looked at; enough to decide, bounded so long texts stay cheap.
    static let sampleLimit = 20_000

    static func detect(_ text: String, hint: String? = nil) -> String {
        var han = 0
        var kana = 0
        var hangul = 0
        var latin = 0
        var cyrillic = 0
        var seen = 0
        for s in text.unicodeScalars {
            seen += 1
            if seen > sampleLimit { break }
            switch s.value {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2FA1F, 0xF900...0xFAFF: han += 1
            case 0x3040...0x30FF: kana += 1
            case 0xAC00...0xD7AF, 0x1100...0x11FF: hangul += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            case 0x400...0x4FF: cyrillic += 1
            default: break
            }
        }
        let letters = han + kana + hangul + latin + cyrillic
        guard letters >= 2 else { return hintTag(hint) ?? "und" }
        if kana > 0, kana + han >= letters / 3, kana * 20 >= han { return "ja" }
        if hangul >= letters / 3 { return "ko" }
        // Chinese text counts one character per word, so a third of Han
        // characters already means most of the words are Chinese.
        if han * 3 >= letters { return "zh" }
        if cyrillic * 2 >= letters { return hintTag(hint).flatMap { $0 == "ru" || $0 == "uk" ? $0 : nil } ?? "ru" }
        if latin * 2 >= letters { return latinLanguage(text) ?? hintTag(hint) ?? "und" }
        return hintTag(hint) ?? "und"
    }

    /// The primary subtag of a language tag (`zh-CN` and `ZH_cn` give `zh`),
    /// when it looks valid; nil otherwise (`Chinese`).
    static func primaryTag(of tag: String) -> String? { hintTag(tag) }

    /// The primary subtag of a declared language (`zh-CN` gives `zh`), when it looks valid.
    static func hintTag(_ hint: String?) -> String? {
        guard let hint else { return nil }
        let primary = hint.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        guard (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return primary
    }

    private static let functionWords: [(String, Set<String>)] = [
        ("en", ["the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "are"]),
        ("fr", ["le", "la", "les", "des", "et", "est", "une", "du", "dans", "pour", "que", "qui"]),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "zu", "von"]),
        ("es", ["el", "los", "las", "del", "y", "una", "por", "con", "para", "que", "es", "se"]),
    ]

    /// A short word's bytes in one integer, for lookups without building Strings.
    private static func pack(_ bytes: some Collection<UInt8>) -> UInt64 {
        bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// Each function word, packed, to the languages whose list has it.
    private static let packedFunctionWords: [UInt64: [Int]] = {
        var m: [UInt64: [Int]] = [:]
        for (i, entry) in functionWords.enumerated() {
            for w in entry.1 { m[pack(Array(w.utf8)), default: []].append(i) }
        }
        return m
    }()

    private static func latinLanguage(_ text: String) -> String? {
        var counts = [Int](repeating: 0, count: functionWords.count)
        var words = 0
        var current: [UInt8] = []
        // ASCII words are enough: the function words are ASCII.
        func finish() {
            guard !current.isEmpty else { return }
            words += 1
            if current.count <= 6, let language = packedFunctionWords[pack(current)] {
                for i in language { counts[i] += 1 }
            }
            current.removeAll(keepingCapacity: true)
        }
        for b in text.utf8.prefix(sampleLimit) {
            switch b {
            case 0x61...0x7A: current.append(b)
            case 0x41...0x5A: current.append(b | 0x20)
            case 0x80...0xFF: current.append(b)  // part of a non-ASCII letter
            default: finish()
            }
        }
        finish()
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }) else { return nil }
        // A real sentence in these languages is about a fifth function words.
        guard words > 0, counts[best] * 12 >= words, counts[best] >= 2 else { return nil }
        return functionWords[best].0
    }
}
