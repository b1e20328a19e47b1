import SluiceLibXML2
import SluiceText

/// The metadata table that opens a 信息公开 (government information
/// disclosure) page: 索引号, 主题分类, 发文机关, 成文日期, 发文字号, 发布日期,
/// 有效性. Users search by these, so they go to `meta`, and the table stays
/// out of the text.
struct PolicyTable {
    /// `meta` key for each label.
    static let labels: [(label: String, key: String)] = [
        ("索引号", "index_number"), ("主题分类", "topic"), ("发文机关", "issuer"), ("发布机构", "issuer"),
        ("发文单位", "issuer"), ("成文日期", "written_date"), ("发文字号", "doc_number"), ("文号", "doc_number"),
        ("发布日期", "published"), ("有效性", "validity"), ("时效性", "validity"),
    ]

    var fields: [String: String] = [:]
    var node: Int

    /// The UTF-8 of the labels, to find them in text nodes without decoding.
    private static let labelBytes = labels.map { Array($0.label.utf8) }
    /// The first character of each label, as its three UTF-8 bytes packed.
    private static let labelInitials = Set(labelBytes.map { UInt32($0[0]) << 16 | UInt32($0[1]) << 8 | UInt32($0[2]) })
    /// The first two bytes of the labels' first characters, as a table: most
    /// CJK characters of a page are ruled out by it without hashing.
    private static let labelInitialHeads: [Bool] = {
        var table = [Bool](repeating: false, count: 0x10000)
        for l in labelBytes { table[Int(l[0]) << 8 | Int(l[1])] = true }
        return table
    }()

    /// The first element with at least three of the labels, read cell by cell.
    static func find(_ page: PageAnalysis) -> PolicyTable? {
        let tree = page.tree
        // Most pages have no such table: look for the labels in the raw text first.
        var labelled: [Int] = []
        for i in tree.nodes.indices where tree[i].kind == .text {
            let b = tree.textBytes(of: i)
            guard b.count >= 9, b.count < 400 else { continue }
            var k = b.startIndex
            while k + 3 <= b.endIndex {
                if b[k] >= 0xE0, labelInitialHeads[Int(b[k]) << 8 | Int(b[k + 1])],
                    labelInitials.contains(UInt32(b[k]) << 16 | UInt32(b[k + 1]) << 8 | UInt32(b[k + 2])),
                    labelBytes.contains(where: { l in k + l.count <= b.endIndex && b[k..<(k + l.count)].elementsEqual(l)
                    })
                {
                    labelled.append(i)
                    break
                }
                k += 1
            }
        }
        guard labelled.count >= 3 else { return nil }
        let firstLabel = labelled[0]
        for i in tree.nodes.indices where ["table", "div", "ul", "dl"].contains(tree[i].name) {
            guard i < firstLabel, tree.isAncestor(i, of: firstLabel) else { continue }
            let length = page.visibleChars[i]
            guard length >= 10, length <= 1500 else { continue }
            // Labels are often spaced out to align (索 引 号): compare without spaces.
            let cells = cellTexts(tree, i).map(Self.closeLabelGaps)
            let found = Set(cells.compactMap { cell in labels.first { cell.hasPrefix($0.label) }?.key })
            guard found.count >= 3 else { continue }
            var table = PolicyTable(node: i)
            var k = 0
            while k < cells.count {
                defer { k += 1 }
                guard let entry = labels.first(where: { cells[k].hasPrefix($0.label) }), table.fields[entry.key] == nil
                else { continue }
                var value = String(cells[k].dropFirst(entry.label.count)).drop { " ：:".contains($0) }
                if value.isEmpty, k + 1 < cells.count, !labels.contains(where: { cells[k + 1].hasPrefix($0.label) }) {
                    value = Substring(cells[k + 1])
                    k += 1
                }
                // A label and the next label in one cell: cut the value there.
                for other in labels where value.contains(other.label) {
                    value = value[..<value.range(of: other.label)!.lowerBound]
                }
                let v = value.trimmingCharacters(in: [" "])
                if !v.isEmpty { table.fields[entry.key] = v }
            }
            if let d = table.fields["written_date"] {
                table.fields["written_date"] = DateNormalizer.firstDate(in: d) ?? d
            }
            if let d = table.fields["published"] { table.fields["published"] = DateNormalizer.firstDate(in: d) }
            return table
        }
        return nil
    }

    /// Removes the spaces inside a leading label (`索 引 号：x` gives `索引号：x`), up to its colon.
    static func closeLabelGaps(_ cell: String) -> String {
        guard let colon = cell.firstIndex(where: { $0 == "：" || $0 == ":" }),
            cell.distance(from: cell.startIndex, to: colon) <= 10
        else { return cell }
        let label = cell[..<colon].filter { $0 != " " && $0 != "\u{3000}" }
        return label + cell[colon...]
    }

    /// The texts of the leaf cells under `i` (td, th, li, dt, dd, p, span, div without block children).
    private static func cellTexts(_ tree: MarkupTree, _ i: Int) -> [String] {
        var out: [String] = []
        tree.forEachDescendant(of: i) { d in
            guard tree[d].kind == .element else { return false }
            let cellLike = ["td", "th", "li", "dt", "dd", "p", "span", "b", "strong", "label"].contains(tree[d].name)
            let hasElementChild = tree.children(of: d).contains { tree[$0].kind == .element && tree[$0].name != "br" }
            if cellLike && !hasElementChild || (tree[d].name == "td" || tree[d].name == "th") {
                let t = TextNormalizer.normalizeLine(tree.textContent(of: d))
                if !t.isEmpty { out.append(t) }
                return false
            }
            return true
        }
        return out
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
