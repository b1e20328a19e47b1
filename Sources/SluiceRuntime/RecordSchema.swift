import SluicePluginAPI

/// The checks a plugin's ``Extraction`` passes before it becomes a record,
/// for the fields whose form Docs/corpus-record.schema.json fixes. (`meta`
/// types are checked by the writer, which knows the whole corpus: ``MetaTypes``.)
enum RecordSchema {
    /// Why `extraction` cannot be written as it is, or nil when it can.
    static func problem(_ extraction: Extraction) -> String? {
        if let published = extraction.published, !isISODate(Array(published.utf8)) {
            return
                "published '\(published)' is not an ISO 8601 date (2020-11-20) or date-time (2020-11-20T10:30, optionally with seconds and Z or ±hh:mm); normalize it in the plugin (SluiceText's DateNormalizer does) or leave it nil"
        }
        if let lang = extraction.lang, !isLanguageCode(lang) {
            return
                "lang '\(lang)' is not a two- or three-letter lower-case language code, 'zh-Hant' or 'und'; give one (zh, en, ...) or leave it nil for the core to identify"
        }
        return nil
    }

    /// `YYYY-MM-DD`, then optionally `Thh:mm`, `:ss`, and `Z` or `±hh:mm`.
    static func isISODate(_ b: [UInt8]) -> Bool {
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= b.count && b[range].allSatisfy { (0x30...0x39).contains($0) }
        }
        func byte(_ i: Int, _ c: Character) -> Bool { i < b.count && b[i] == c.asciiValue! }
        guard digits(0..<4), byte(4, "-"), digits(5..<7), byte(7, "-"), digits(8..<10) else { return false }
        if b.count == 10 { return true }
        guard byte(10, "T"), digits(11..<13), byte(13, ":"), digits(14..<16) else { return false }
        var i = 16
        if byte(i, ":") {
            guard digits(17..<19) else { return false }
            i = 19
        }
        if i == b.count { return true }
        if byte(i, "Z") { return i + 1 == b.count }
        guard byte(i, "+") || byte(i, "-"), digits(i + 1..<i + 3), byte(i + 3, ":"), digits(i + 4..<i + 6) else {
            return false
        }
        return i + 6 == b.count
    }

    static func isLanguageCode(_ s: String) -> Bool {
        s == "und" || s == "zh-Hant"
            || ((2...3).contains(s.utf8.count) && s.utf8.allSatisfy { (0x61...0x7A).contains($0) })
    }
}
