/// Reads a "you are here" trail: `当前位置：首页 > 新闻 > 正文`.
public enum BreadcrumbLine {
    /// The labels Chinese sites put before the trail.
    /// Longest first: a label is cut off by the first that prefixes the line.
    public static let labels = [
        "您现在的位置", "您当前的位置", "你现在的位置", "当前位置", "您的位置", "你的位置", "所在位置", "现在位置", "You are here", "位置",
    ]
    static let separators: Set<Character> = [">", "＞", "›", "»", "→", "/"]

    /// Whether `c` is one of ``separators``, without hashing a `Character`
    /// (hashing one normalizes it first: that was most of reading a trail).
    static func isSeparator(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return false
        }
        switch first {
        case ">", "＞", "›", "»", "→", "/": return true
        default: return false
        }
    }

    /// Whether `line` starts with a breadcrumb label.
    public static func hasLabel(_ line: String) -> Bool {
        let t = line.drop(while: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}" })
        return labels.contains { t.hasPrefix($0) }
    }

    /// The trail's parts after the label, split at `>` and its look-alikes, trimmed, empties dropped.
    public static func parts(_ line: String) -> [String] {
        var rest = Substring(line).drop(while: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}" })
        if let label = labels.first(where: { rest.hasPrefix($0) }) { rest = rest.dropFirst(label.count) }
        rest = rest.drop(while: { $0 == " " || $0 == "：" || $0 == ":" || isSeparator($0) || $0.isWhitespace })
        return rest.split(whereSeparator: isSeparator)
            .map { TextNormalizer.normalizeLine(String($0)) }
            .filter { !$0.isEmpty }
    }
}
