/// Reads the line under a Chinese article's headline that carries its
/// metadata, e.g. `发布时间：2020-11-20 10:30  来源：国家移民管理局  作者：张三`.
public struct ArticleHeaderLine: Sendable, Equatable {
    public var published: String?
    public var source: String?
    public var author: String?
    public var editor: String?
    /// The date a document was written (成文日期), which is not its publication date.
    public var written: String?

    static let dateLabels = [
        "发布时间", "发布日期", "发文日期", "发表时间", "发表日期", "发表于", "发稿时间", "更新时间", "录入时间", "刊发时间", "发布",
        "时间", "日期",
    ]
    static let sourceLabels = ["信息来源", "文章来源", "本文来源", "新闻来源", "消息来源", "稿源", "来源"]
    /// 成文日期 on 信息公开 pages: kept apart, so that 发布日期 is the publication date.
    static let writtenLabels = ["成文日期", "成文时间", "印发日期"]
    static let authorLabels = ["作者", "撰稿"]
    static let editorLabels = ["责任编辑", "编辑"]
    /// Every label, longest first, so that 发布时间 is not read as 时间.
    static let allLabels: [String] =
        (dateLabels + sourceLabels + authorLabels + editorLabels + writtenLabels + [
            "字号", "浏览次数", "点击",
        ])
        .sorted { $0.count > $1.count }

    /// Parses `line`; nil when it has no labelled field. A line with labelled
    /// fields but no date label (`2005-04-25 08:24 来源: 某报`) gives the first
    /// date it holds.
    public static func parse(_ line: String) -> ArticleHeaderLine? {
        let fields = labelledFields(line)
        guard !fields.isEmpty else { return nil }
        var h = ArticleHeaderLine()
        for (label, value) in fields {
            if dateLabels.contains(label) {
                h.published = h.published ?? DateNormalizer.firstDate(in: value)
            } else if sourceLabels.contains(label) {
                h.source = h.source ?? nonEmpty(Self.sourceName(value))
            } else if authorLabels.contains(label) {
                h.author = h.author ?? nonEmpty(value)
            } else if editorLabels.contains(label) {
                h.editor = h.editor ?? nonEmpty(value)
            } else if writtenLabels.contains(label) {
                h.written = h.written ?? DateNormalizer.firstDate(in: value)
            }
        }
        if h.published == nil, h.written == nil { h.published = DateNormalizer.firstDate(in: line) }
        return h
    }

    /// A source runs to the next label, but not over an unlabelled date after
    /// it (`稿源：新华社  2024-03-02`): it ends at a space before a digit. A
    /// Chinese name has no spaces, so one that starts with a CJK character ends
    /// at the first space (`来源：长江网 调整字体`: a widget after the name).
    static func sourceName(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        let chinese = scalars.first.map { (0x4E00...0x9FFF).contains($0.value) } ?? false
        for i in scalars.indices.dropLast() where separators.contains(scalars[i]) {
            if chinese || (0x30...0x39).contains(scalars[i + 1].value) {
                return String(String.UnicodeScalarView(scalars[..<i])).trimmingCharacters(in: .whitespaces)
            }
        }
        return value
    }

    /// Splits `line` at known labels followed by a colon (date labels may
    /// also be followed directly by the date: `发表于2005-07-31`); each value
    /// runs to the next label. Compares scalars, not Characters: the labels
    /// are plain CJK and this runs on many lines.
    static func labelledFields(_ line: String) -> [(String, String)] {
        let chars = Array(line.unicodeScalars)
        guard chars.contains(where: isLabelInitial) else { return [] }
        var starts: [(label: String, labelStart: Int, valueStart: Int)] = []
        var i = 0
        while i < chars.count {
            guard isLabelInitial(chars[i]) else {
                i += 1
                continue
            }
            var matched = false
            for (label, l, isDate) in labelScalars {
                guard i + l.count < chars.count, chars[i..<(i + l.count)].elementsEqual(l) else { continue }
                var j = i + l.count
                while j < chars.count, chars[j] == " " { j += 1 }
                let colon = j < chars.count && (chars[j] == "：" || chars[j] == ":")
                let dateFollows = isDate && j < chars.count && (0x30...0x39).contains(chars[j].value)
                guard colon || dateFollows else { continue }
                starts.append((label, i, colon ? j + 1 : j))
                i = colon ? j + 1 : j
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        return starts.enumerated().map { n, s in
            let end = n + 1 < starts.count ? starts[n + 1].labelStart : chars.count
            var value = chars[s.valueStart..<end]
            while let f = value.first, separators.contains(f) { value = value.dropFirst() }
            while let l = value.last, separators.contains(l) { value = value.dropLast() }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: value)
            return (s.label, String(text))
        }
    }

    private static let labelScalars: [(String, [Unicode.Scalar], Bool)] = allLabels.map {
        ($0, Array($0.unicodeScalars), dateLabels.contains($0))
    }
    /// The first scalars of the labels, as a table over the Basic Multilingual
    /// Plane (every label starts there): a lookup per scalar of every header
    /// line, where hashing into a Set cost more than the rest of the parse.
    private static let labelInitialTable: [Bool] = {
        var table = [Bool](repeating: false, count: 0x10000)
        for label in allLabels {
            if let f = label.unicodeScalars.first, f.value < 0x10000 { table[Int(f.value)] = true }
        }
        return table
    }()

    private static func isLabelInitial(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x10000 && labelInitialTable[Int(s.value)]
    }
    private static let separators: Set<Unicode.Scalar> = [" ", "\u{3000}", "\u{A0}", "|", "｜", "/", "丨", "\t"]

    private static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
