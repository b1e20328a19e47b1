import SluiceLibXML2

/// The running text of word-processing documents: paragraphs separated by
/// blank lines, table rows as tab-separated cells.
enum DocumentText {
    /// `word/document.xml`: `w:p` paragraphs of `w:t` runs, `w:tab`, `w:br`; `w:tbl` tables.
    static func wordprocessingML(_ tree: MarkupTree) -> String {
        guard let body = tree.first("w:body") else { return "" }
        var paragraphs: [String] = []
        walkBlocks(tree, body, paragraphs: &paragraphs, paragraph: "w:p", table: "w:tbl", row: "w:tr", cell: "w:tc") {
            tree, p in runText(tree, p, text: ["w:t"], tab: "w:tab", breaks: ["w:br", "w:cr"], space: nil)
        }
        return paragraphs.joined(separator: "\n\n")
    }

    /// `content.xml` of an OpenDocument text: `text:h` and `text:p`, with `text:s`, `text:tab`, `text:line-break`.
    static func openDocumentText(_ tree: MarkupTree) -> String {
        guard let body = tree.first("office:text") else { return "" }
        var paragraphs: [String] = []
        walkBlocks(
            tree, body, paragraphs: &paragraphs, paragraph: "text:p", heading: "text:h", table: "table:table",
            row: "table:table-row", cell: "table:table-cell"
        ) { tree, p in
            runText(tree, p, text: nil, tab: "text:tab", breaks: ["text:line-break"], space: "text:s")
        }
        return paragraphs.joined(separator: "\n\n")
    }

    /// Visits block elements in order: paragraphs (and headings) become one
    /// paragraph each, a table one paragraph of rows; anything else is descended.
    private static func walkBlocks(
        _ tree: MarkupTree, _ container: Int, paragraphs: inout [String], paragraph: String, heading: String? = nil,
        table: String, row: String, cell: String, text: (MarkupTree, Int) -> String
    ) {
        tree.forEachDescendant(of: container) { i in
            guard tree[i].kind == .element else { return false }
            let name = tree[i].name
            if name == paragraph || name == heading {
                let t = text(tree, i).trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { paragraphs.append(t) }
                return false
            }
            if name == table {
                var rows: [String] = []
                tree.forEachDescendant(of: i) { r in
                    guard tree[r].kind == .element, tree[r].name == row else { return true }
                    let cells = tree.elementChildren(of: r).filter { tree[$0].name == cell }.map { c in
                        var parts: [String] = []
                        tree.forEachDescendant(of: c) { p in
                            guard tree[p].kind == .element, tree[p].name == paragraph else { return true }
                            parts.append(text(tree, p).trimmingCharacters(in: .whitespaces))
                            return false
                        }
                        return parts.filter { !$0.isEmpty }.joined(separator: " ")
                    }
                    if cells.contains(where: { !$0.isEmpty }) { rows.append(cells.joined(separator: "\t")) }
                    return false
                }
                if !rows.isEmpty { paragraphs.append(rows.joined(separator: "\n")) }
                return false
            }
            return true
        }
    }

    /// The text of one paragraph: text nodes (under `text` elements when given),
    /// tabs, line breaks, and ODF's `text:s` runs of spaces (`text:c` of them).
    static func runText(
        _ tree: MarkupTree, _ paragraph: Int, text: Set<String>?, tab: String, breaks: Set<String>, space: String?
    ) -> String {
        var out = ""
        tree.forEachDescendant(of: paragraph) { i in
            let node = tree[i]
            if node.kind == .text {
                if let text {
                    guard text.contains(tree[Int(node.parent)].name) else { return true }
                }
                out += tree.text(of: i)
                return true
            }
            if node.name == tab {
                out += "\t"
            } else if breaks.contains(node.name) {
                out += "\n"
            } else if node.name == space {
                out += String(repeating: " ", count: min(Int(tree.attribute("text:c", of: i) ?? "1") ?? 1, 100))
            }
            return true
        }
        return out
    }
}
