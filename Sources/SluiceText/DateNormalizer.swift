/// Finds a publication date in text the way Chinese and English pages write
/// one (`2020-11-20 10:30`, `2020年11月20日`, `2020/11/20`, `2020.11.20`) and
/// English pages (`March 5, 2019`, `5 Mar 2019`), and writes it as ISO 8601: `2020-11-20`, or `2020-11-20T10:30:00` when a time is given.
public enum DateNormalizer {

    nonisolated(unsafe) private static let monthFirst =
        /(?i)\b(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})\b/
    nonisolated(unsafe) private static let dayFirst =
        /(?i)\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?<y>(?:19|20)\d{2})\b/
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The first valid date (and time) in `text`, as ISO 8601; nil when none.
    /// Numeric forms are preferred to English month names.
    public static func firstDate(in text: some StringProtocol) -> String? {
        // Every form has a four-digit year; most texts have none, and the
        // regular expressions are far slower than this scan.
        // The scan runs on the contiguous bytes (Strings and Substrings have
        // them): through the generic `utf8` view it cost a witness call a byte.
        let hasYear = text.utf8.withContiguousStorageIfAvailable(Self.holdsYear) ?? Self.holdsYear(text.utf8)
        guard hasYear else { return nil }
        let string = String(text)
        if let numeric = firstNumericDate(in: string) { return numeric }
        guard mentionsMonth(string) else { return nil }
        for match in string.matches(of: monthFirst) {
            if let d = validDate(year: match.y, month: match.mon, day: match.d) { return d }
        }
        for match in string.matches(of: dayFirst) {
            if let d = validDate(year: match.y, month: match.mon, day: match.d) { return d }
        }
        return nil
    }

    /// Whether four digits follow one another somewhere in `bytes`.
    private static func holdsYear(_ bytes: some Collection<UInt8>) -> Bool {
        var run = 0
        for b in bytes {
            run = (0x30...0x39).contains(b) ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }

    /// Whether an English month name may occur (three letters, any case).
    private static func mentionsMonth(_ text: String) -> Bool {
        var window: UInt32 = 0
        for b in text.utf8 {
            let lower = (0x41...0x5A).contains(b) ? b | 0x20 : b
            window = (window << 8 | UInt32(lower)) & 0xFF_FFFF
            if monthKeys.contains(window) { return true }
        }
        return false
    }

    private static let monthKeys: Set<UInt32> = Set(
        months.map { m in m.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } })

    private static func validDate(year: Substring, month: Substring, day: Substring) -> String? {
        guard let y = Int(year), let d = Int(day),
            let m = months.firstIndex(of: String(month.lowercased().prefix(3))).map({ $0 + 1 }),
            (1...daysIn(month: m, year: y)).contains(d)
        else { return nil }
        return "\(y)-\(pad(m))-\(pad(d))"
    }

    /// `yyyy[-/.年]m[-/.月]d[日]` with an optional ` hh:mm[:ss]`, scanned by
    /// hand over the UTF-8 (a regular expression here cost more than the
    /// rest of the header search together).
    private static func firstNumericDate(in text: String) -> String? {
        let b = Array(text.utf8)
        func digits(_ i: inout Int, max: Int) -> Int? {
            var v = 0
            var n = 0
            while i < b.count, n < max, (0x30...0x39).contains(b[i]) {
                v = v * 10 + Int(b[i] - 0x30)
                i += 1
                n += 1
            }
            return n == 0 ? nil : v
        }
        func skipSpaces(_ i: inout Int) { while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        /// Skips one separator: - / . or the UTF-8 of 年 / 月.
        func separator(_ i: inout Int, cjk: [UInt8]) -> Bool {
            skipSpaces(&i)
            guard i < b.count else { return false }
            if b[i] == 0x2D || b[i] == 0x2F || b[i] == 0x2E {
                i += 1
            } else if i + 3 <= b.count, b[i..<(i + 3)].elementsEqual(cjk) {
                i += 3
            } else {
                return false
            }
            skipSpaces(&i)
            return true
        }
        var start = 0
        while start + 4 <= b.count {
            defer { start += 1 }
            guard (b[start] == 0x31 && b[start + 1] == 0x39) || (b[start] == 0x32 && b[start + 1] == 0x30) else {
                continue
            }
            if start > 0, (0x30...0x39).contains(b[start - 1]) { continue }
            var i = start
            guard let y = digits(&i, max: 4), y >= 1900, i - start == 4, separator(&i, cjk: nian),
                let m = digits(&i, max: 2), separator(&i, cjk: yue), let d = digits(&i, max: 2)
            else { continue }
            if i < b.count, (0x30...0x39).contains(b[i]) { continue }
            guard (1...12).contains(m), (1...daysIn(month: m, year: y)).contains(d) else { continue }
            var iso = "\(y)-\(pad(m))-\(pad(d))"
            if i + 3 <= b.count, b[i..<(i + 3)].elementsEqual(ri) { i += 3 }
            // An optional time: T or spaces, hh, a colon (: ： 时), mm, optionally :ss.
            var t = i
            if t < b.count, b[t] == 0x54 { t += 1 }
            skipSpaces(&t)
            if let h = digits(&t, max: 2), timeColon(b, &t), let mi = digits(&t, max: 2), h < 24, mi < 60 {
                var sec = 0
                var u = t
                if timeColon(b, &u), let s = digits(&u, max: 2), s < 60 {
                    sec = s
                    t = u
                }
                iso += "T\(pad(h)):\(pad(mi)):\(pad(sec))" + zone(b, t)
            }
            return iso
        }
        return nil
    }

    /// A time zone written right after the time (`Z`, `+08:00`, `-0500`), as ISO 8601 writes it.
    private static func zone(_ b: [UInt8], _ start: Int) -> String {
        var i = start
        while i < b.count, b[i] == 0x2E || (0x30...0x39).contains(b[i]) { i += 1 }  // fractional seconds
        guard i < b.count else { return "" }
        if b[i] == 0x5A { return "Z" }
        guard b[i] == 0x2B || b[i] == 0x2D, i + 5 <= b.count else { return "" }
        let d = b[(i + 1)...].prefix(5).filter { (0x30...0x39).contains($0) }
        guard d.count == 4 else { return "" }
        let s = String(decoding: d, as: UTF8.self)
        return String(UnicodeScalar(b[i])) + s.prefix(2) + ":" + s.suffix(2)
    }

    private static let nian = Array("年".utf8)
    private static let yue = Array("月".utf8)
    private static let ri = Array("日".utf8)
    private static let timeSeparators = [Array("：".utf8), Array("时".utf8), Array("分".utf8)]

    private static func timeColon(_ b: [UInt8], _ i: inout Int) -> Bool {
        guard i < b.count else { return false }
        if b[i] == 0x3A {
            i += 1
            return true
        }
        for sep in timeSeparators where i + 3 <= b.count && b[i..<(i + 3)].elementsEqual(sep) {
            i += 3
            return true
        }
        return false
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
