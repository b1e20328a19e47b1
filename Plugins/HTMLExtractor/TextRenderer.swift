import SluiceLibXML2
import SluiceText

/// Turns the chosen containers into text a reader would see: paragraphs
/// separated by a blank line, headings as paragraphs, `<br>` as a line
/// break, list items and table rows as lines, table cells separated by a
/// tab. Site chrome, link lists and the nodes in `skip` (the headline, the
/// date line, a policy metadata table) are left out.
enum TextRenderer {
    static let lineBlocks: Set<String> = ["li", "tr", "dt", "dd", "caption"]
    static let cellNames: Set<String> = ["td", "th"]

    /// - Parameter everything: render all the page shows (only hidden, script
    ///   and certain chrome left out), for a page with no prose block.
    static func render(_ page: PageAnalysis, roots: [Int], skip: Set<Int>, everything: Bool = false) -> String {
        var writer = BreakWriter()
        let excluded = everything ? page.neverText : page.excluded
        for root in roots { renderNode(page, root, skip: skip, excluded: excluded, into: &writer) }
        return BoilerplateLines.strip(TextNormalizer.normalize(String(decoding: writer.out, as: UTF8.self)))
    }

    /// Output with at most one pending separator, the strongest asked for,
    /// written only before the next text: a list item closing and the next
    /// opening make one line break, not two.
    struct BreakWriter {
        var out: [UInt8] = []
        /// 0 nothing, 1 a tab, 2 a line break, 3 a paragraph break.
        var pending = 0

        mutating func request(_ strength: Int) { pending = max(pending, strength) }

        mutating func lineBreak() { pending = pending >= 2 ? 3 : 2 }

        mutating func text(_ bytes: ArraySlice<UInt8>, preformatted: Bool) {
            if !out.isEmpty {
                switch pending {
                case 3: out += [0x0A, 0x0A]
                case 2: out.append(0x0A)
                case 1: out.append(0x09)
                default: break
                }
            }
            pending = 0
            for b in bytes { out.append(!preformatted && (b == 0x0A || b == 0x0D || b == 0x09) ? 0x20 : b) }
        }
    }

    private static func renderNode(
        _ page: PageAnalysis, _ root: Int, skip: Set<Int>, excluded: [Bool], into w: inout BreakWriter
    ) {
        let tree = page.tree
        // What each element name means here, once per page (names are few, elements many).
        let isCell = tree.nameTable(cellNames)
        let isLineBlock = tree.nameTable(lineBlocks)
        let (pre, br) = (tree.nameID(of: "pre"), tree.nameID(of: "br"))
        // Explicit stack of (node, exiting) so deep pages cannot overflow.
        var stack: [(Int, Bool)] = [(root, false)]
        var children: [Int] = []
        var preDepth = 0
        while let (i, exiting) = stack.popLast() {
            let node = tree[i]
            if node.kind == .text {
                if !excluded[i] { w.text(tree.textBytes(of: i), preformatted: preDepth > 0) }
                continue
            }
            let name = Int(node.nameID)
            if exiting {
                if node.nameID == pre { preDepth -= 1 }
                if page.isBlock[i] && !isCell[name] {
                    w.request(isLineBlock[name] ? 2 : 3)
                }
                continue
            }
            if skip.contains(i) || (i != root && (excluded[i] || isLinkList(page, i))) { continue }
            if node.nameID == br {
                w.lineBreak()
                continue
            }
            if isCell[name] {
                if hasPreviousCell(tree, i, isCell) { w.request(1) }
            } else if page.isBlock[i] {
                w.request(isLineBlock[name] ? 2 : 3)
            }
            if node.nameID == pre { preDepth += 1 }
            stack.append((i, true))
            children.removeAll(keepingCapacity: true)
            for c in tree.children(of: i) { children.append(c) }
            for c in children.reversed() { stack.append((c, false)) }
        }
    }

    private static func hasPreviousCell(_ tree: MarkupTree, _ i: Int, _ isCell: [Bool]) -> Bool {
        let parent = Int(tree[i].parent)
        for c in tree.children(of: parent) {
            if c == i { return false }
            if isCell[Int(tree[c].nameID)] { return true }
        }
        return false
    }

    /// A block inside the article that is mostly links: related articles,
    /// "previous/next", tag lists.
    static func isLinkList(_ page: PageAnalysis, _ i: Int) -> Bool {
        guard page.isBlock[i], page.chars[i] >= 10 else { return false }
        let ld = page.linkDensity(i)
        if ld > 0.65 { return true }
        return ld > 0.4 && page.punct[i] == 0
    }
}

/// Lines that are page furniture, not text: font-size and print widgets,
/// share prompts, copyright and site-registration lines.
enum BoilerplateLines {
    static let widgetPhrases = [
        "扫一扫在手机打开当前页", "扫一扫在手机上查看当前页面", "在手机打开当前页", "打印本页", "打印此页", "关闭窗口", "关闭本页",
        "分享到", "分享", "收藏本页", "加入收藏", "返回顶部", "保存本页", "字号", "字体", "打印", "关闭", "默认", "放大", "缩小",
        "大", "中", "小", "Print", "Share", "Email", "Tweet",
    ]
    static let linePrefixes = [
        "版权所有", "Copyright", "copyright", "©", "网站标识码", "ICP备", "京ICP", "主办单位", "技术支持", "承办单位", "网站地图",
    ]
    static let ignorable: Set<Character> = [
        "【", "】", "[", "]", "（", "）", "(", ")", "：", ":", "|", "｜", "丨", "/", " ", "\t", "-", "·", "•", "》", "《",
    ]

    /// Drops furniture lines; most lines are long and never decoded here.
    static func strip(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = 0
        var first = true
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            if !isBoilerplate(line) {
                if !first { out.append(0x0A) }
                out += line
                first = false
            }
            start = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isBoilerplate(_ line: ArraySlice<UInt8>) -> Bool {
        let trimmed = line.drop { $0 == 0x20 }
        if trimmed.isEmpty { return false }
        if prefixBytes.contains(where: { trimmed.starts(with: $0) }) { return true }
        guard trimmed.count <= 160 else { return false }
        let text = String(decoding: trimmed, as: UTF8.self)
        // Most lines fail at their first scalar: test that before counting and
        // hashing characters (every widget character is one scalar).
        guard text.unicodeScalars.allSatisfy({ widgetScalars.contains($0.value) }) else { return false }
        return text.count <= 40 && text.allSatisfy { widgetCharacters.contains($0) } && isWidgetLine(text)
    }

    /// Every character a widget line can be made of; a line with any other is text.
    static let widgetCharacters = Set(widgetPhrases.joined()).union(ignorable)
    /// The same, as scalar values (each of those characters is a single scalar).
    private static let widgetScalars = Set(widgetCharacters.flatMap { $0.unicodeScalars.map(\.value) })

    private static let prefixBytes = linePrefixes.map { Array($0.utf8) }

    /// A short line made only of widget words (字号 大 中 小, 打印, 关闭, …) and brackets.
    static func isBoilerplate(_ line: Substring) -> Bool {
        let trimmed = line.drop(while: { $0 == " " })
        if trimmed.isEmpty { return false }
        if prefixBytes.contains(where: { trimmed.utf8.starts(with: $0) }) { return true }
        guard trimmed.count <= 40, trimmed.allSatisfy({ widgetCharacters.contains($0) }) else { return false }
        return isWidgetLine(String(trimmed))
    }

    /// After removing every widget phrase, only brackets and separators remain.
    static func isWidgetLine(_ text: String) -> Bool {
        var rest = text
        // The standard library's search, not Foundation's (which goes through NSString).
        for phrase in widgetPhrases where rest.contains(phrase) { rest = rest.replacing(phrase, with: "") }
        return rest.allSatisfy { ignorable.contains($0) }
    }
}
