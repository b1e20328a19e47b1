import SluiceText

/// The parts of a plain-text capture. Ministry pages saved as text look like:
///
///     当前位置 > 某部 > 要闻 > 正文
///
///     标题
///
///     ——副标题
///     发布时间：2020-11-20  来源：某部
///
///     正文第一段……
///
/// Only the trail makes the shape certain; without it the first line is the
/// title only when it reads like one (short, no sentence-ending punctuation,
/// a blank line after it). A line with no body after it is the body.
struct PlainTextLayout {
    var breadcrumb: [String] = []
    var title: String?
    var subtitle: String?
    var header: ArticleHeaderLine?
    var body: String

    /// Longest line still read as a headline, in characters.
    static let maxTitleLength = 100
    static let sentenceEnds: Set<Character> = ["。", "！", "？", "；", "：", ".", "!", "?", ";", ":", "，", ","]

    init(_ text: String) {
        // Normalizing first turns CR LF into LF (Swift reads "\r\n" as one
        // Character, so splitting at "\n" would miss it) and blank runs into one.
        var lines = TextNormalizer.normalize(text).split(separator: "\n", omittingEmptySubsequences: false).map {
            TextNormalizer.normalizeLine(String($0))
        }
        func nextNonBlank(_ from: Int) -> Int? { lines[from...].firstIndex { !$0.isEmpty } }

        body = ""
        guard var i = nextNonBlank(0) else { return }
        let shaped = BreadcrumbLine.hasLabel(lines[i])
        if shaped {
            breadcrumb = BreadcrumbLine.parts(lines[i])
            lines[i] = ""
            guard let t = nextNonBlank(i + 1) else { return }
            i = t
        }
        let followedByBlank = i + 1 < lines.count && lines[i + 1].isEmpty
        let hasBody = nextNonBlank(i + 1) != nil
        if Self.readsAsTitle(lines[i]) && hasBody && (shaped || followedByBlank) {
            title = lines[i]
            lines[i] = ""
            // A subtitle and a metadata line may follow, in either order.
            for _ in 0..<2 {
                guard let n = nextNonBlank(i + 1) else { break }
                if subtitle == nil, let sub = Self.subtitle(lines[n]) {
                    subtitle = sub
                } else if header == nil, let h = ArticleHeaderLine.parse(lines[n]),
                    h.published != nil || h.source != nil
                {
                    header = h
                } else {
                    break
                }
                lines[n] = ""
                i = n
            }
        }
        body = lines.joined(separator: "\n")
    }

    static func readsAsTitle(_ line: String) -> Bool {
        guard !line.isEmpty, line.count <= maxTitleLength, let last = line.last else { return false }
        return !sentenceEnds.contains(last)
    }

    /// The text of a `——subtitle` line, without its dashes.
    static func subtitle(_ line: String) -> String? {
        for dash in ["——", "--", "—"] where line.hasPrefix(dash) {
            let rest = TextNormalizer.normalizeLine(String(line.dropFirst(dash.count)))
            return rest.isEmpty ? nil : rest
        }
        return nil
    }
}
