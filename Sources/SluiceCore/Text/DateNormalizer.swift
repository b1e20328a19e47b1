/// Finds a publication date in text the way Chinese and English pages write
/// one (`2020-11-20 10:30`, `2020年11月20日`, `2020/11/20`, `2020.11.20`) and
/// English pages (`March 5, 2019`, `5 Mar 2019`), and writes it as ISO 8601: `2020-11-20`, or `2020-11-20T10:30:00` when a time is given.
public enum DateNormalizer {
    nonisolated(unsafe) private static let pattern =
        /(?<y>(?:19|20)\d{2})\s*[-\/.年]\s*(?<m>\d{1,2})\s*[-\/.月]\s*(?<d>\d{1,2})(?!\d)\s*日?(?:\s*(?:T|\s)?\s*(?<h>\d{1,2})\s*[:：时]\s*(?<min>\d{2})(?:\s*[:：分]\s*(?<s>\d{2}))?)?/

    nonisolated(unsafe) private static let monthFirst =
        /(?i)\b(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})\b/
    nonisolated(unsafe) private static let dayFirst =
        /(?i)\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?<y>(?:19|20)\d{2})\b/
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The first valid date (and time) in `text`, as ISO 8601; nil when none.
    /// Numeric forms are preferred to English month names.
    public static func firstDate(in text: some StringProtocol) -> String? {
        let string = String(text)
        if let numeric = firstNumericDate(in: string) { return numeric }
        for match in string.matches(of: monthFirst) {
            if let d = validDate(year: match.y, month: match.mon, day: match.d) { return d }
        }
        for match in string.matches(of: dayFirst) {
            if let d = validDate(year: match.y, month: match.mon, day: match.d) { return d }
        }
        return nil
    }

    private static func validDate(year: Substring, month: Substring, day: Substring) -> String? {
        guard let y = Int(year), let d = Int(day),
            let m = months.firstIndex(of: String(month.lowercased().prefix(3))).map({ $0 + 1 }),
            (1...daysIn(month: m, year: y)).contains(d)
        else { return nil }
        return "\(y)-\(pad(m))-\(pad(d))"
    }

    private static func firstNumericDate(in text: String) -> String? {
        for match in text.matches(of: pattern) {
            guard let y = Int(match.y), let m = Int(match.m), let d = Int(match.d),
                (1...12).contains(m), (1...daysIn(month: m, year: y)).contains(d)
            else { continue }
            var iso = "\(y)-\(pad(m))-\(pad(d))"
            if let hs = match.h, let mins = match.min, let h = Int(hs), let mi = Int(mins), h < 24, mi < 60 {
                let s = match.s.flatMap { Int($0) }.flatMap { $0 < 60 ? $0 : nil } ?? 0
                iso += "T\(pad(h)):\(pad(mi)):\(pad(s))"
            }
            return iso
        }
        return nil
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
