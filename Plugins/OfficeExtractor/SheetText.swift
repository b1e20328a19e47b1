import SluiceLibXML2
import SluicePluginAPI

/// Spreadsheets as text: each sheet a paragraph headed by its name, each row
/// a line of tab-separated cells (empty cells kept inside a row, trailing ones dropped).
enum SheetText {
    struct Sheet {
        var name: String
        var rows: [[String]]

        var text: String {
            let lines = rows.map { $0.joined(separator: "\t") }.filter { !$0.isEmpty }
            return ([name] + lines).joined(separator: "\n")
        }
    }

    /// Repeated empty rows and columns (ODF writes `number-columns-repeated="1024"`) are capped.
    static let maxRepeat = 1000

    // MARK: Office Open XML

    /// `xl/sharedStrings.xml`: the `si` items, each the text of its `t` elements.
    static func sharedStrings(_ tree: MarkupTree?) -> [String] {
        guard let tree, let sst = tree.first("sst") else { return [] }
        return tree.elementChildren(of: sst).filter { tree[$0].name == "si" }.map { si in
            var text = ""
            tree.forEachDescendant(of: si) { i in
                if tree[i].kind == .element && tree[i].name == "rPh" { return false }  // phonetic guides, not text
                if tree[i].kind == .text, tree[Int(tree[i].parent)].name == "t" { text += tree.text(of: i) }
                return true
            }
            return text
        }
    }

    /// Sheet names in workbook order, with their part names from the workbook's relationships.
    static func workbookSheets(workbook: MarkupTree?, relationships: MarkupTree?) -> [(name: String, part: String)] {
        guard let workbook, let relationships else { return [] }
        var targets: [String: String] = [:]
        for rel in relationships.elements(named: "Relationship") {
            guard let id = relationships.attribute("Id", of: rel),
                let target = relationships.attribute("Target", of: rel)
            else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return workbook.elements(named: "sheet").compactMap { s in
            guard let id = workbook.attribute("r:id", of: s), let part = targets[id] else { return nil }
            return (workbook.attribute("name", of: s) ?? part, part)
        }
    }

    /// One worksheet part: `row`/`c` cells with `r` references, shared-string (`t="s"`),
    /// inline (`t="inlineStr"`), boolean and plain values.
    /// The text counts against `meter` as it grows: a shared string used by a
    /// million cells costs a `limit` error, not gigabytes.
    static func worksheet(_ tree: MarkupTree, name: String, shared: [String], meter: inout ExpansionMeter)
        throws(ExtractionError) -> Sheet
    {
        var rows: [[String]] = []
        for row in tree.elements(named: "row") {
            var cells: [String] = []
            for c in tree.elementChildren(of: row) where tree[c].name == "c" {
                let column = tree.attribute("r", of: c).map(columnIndex) ?? cells.count
                var value = ""
                switch tree.attribute("t", of: c) {
                case "s":
                    if let v = childText(tree, c, "v"), let i = Int(v), shared.indices.contains(i) { value = shared[i] }
                case "inlineStr":
                    value = tree.first(in: c, "is").map { tree.textContent(of: $0) } ?? ""
                case "b":
                    value = childText(tree, c, "v") == "1" ? "TRUE" : "FALSE"
                default:
                    value = childText(tree, c, "v") ?? ""
                }
                guard !value.isEmpty, column < 16_384 else { continue }
                while cells.count < column { cells.append("") }
                try spend(value.utf8.count + column - cells.count + 1, &meter)
                cells.append(clean(value))
            }
            rows.append(cells)
        }
        return Sheet(name: name, rows: rows)
    }

    /// `A1` → 0, `AB7` → 27.
    /// Past the format's last column (XFD, 16,384) the answer is `Int.max`: the
    /// cell is dropped, and a hostile `ZZZZZZZZZZZZZZZ1` cannot overflow.
    static func columnIndex(_ reference: String) -> Int {
        var n = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            n = n * 26 + Int(scalar.value - 64)
            if n > 16_384 { return Int.max }
        }
        return max(n - 1, 0)
    }

    private static func childText(_ tree: MarkupTree, _ index: Int, _ name: String) -> String? {
        tree.elementChildren(of: index).first { tree[$0].name == name }.map { tree.textContent(of: $0) }
    }

    /// Tabs and line breaks inside a cell would break the row layout.
    private static func clean(_ value: String) -> String {
        value.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: OpenDocument

    /// `content.xml` of a spreadsheet: `table:table` sheets, `table:table-row`s and
    /// `table:table-cell`s (with their repeat counts), the cell text in `text:p`.
    static func openDocumentSheets(_ tree: MarkupTree, meter: inout ExpansionMeter) throws(ExtractionError) -> [Sheet] {
        var failure: ExtractionError? = nil
        let sheets = tree.elements(named: "table:table").map { table in
            var rows: [[String]] = []
            tree.forEachDescendant(of: table) { r in
                guard tree[r].kind == .element, tree[r].name == "table:table-row" else { return true }
                var cells: [String] = []
                var pendingEmpty = 0
                for c in tree.elementChildren(of: r)
                where tree[c].name == "table:table-cell" || tree[c].name == "table:covered-table-cell" {
                    let repeats = repeatCount(tree.attribute("table:number-columns-repeated", of: c))
                    let paragraphs = tree.elementChildren(of: c).filter { tree[$0].name == "text:p" }.map {
                        DocumentText.runText(
                            tree, $0, text: nil, tab: "text:tab", breaks: ["text:line-break"], space: "text:s")
                    }
                    let value = clean(paragraphs.joined(separator: " "))
                    if value.isEmpty {
                        pendingEmpty = min(pendingEmpty + repeats, 16_384)
                        continue
                    }
                    if let over = exceeds(pendingEmpty + repeats * (value.utf8.count + 1), &meter) {
                        failure = over
                        return false
                    }
                    cells += Array(repeating: "", count: pendingEmpty) + Array(repeating: value, count: repeats)
                    pendingEmpty = 0
                }
                if !cells.isEmpty, failure == nil {
                    let repeatRows = repeatCount(tree.attribute("table:number-rows-repeated", of: r))
                    let rowSize = cells.reduce(1) { $0 + $1.utf8.count + 1 }
                    if let over = exceeds((repeatRows - 1) * rowSize, &meter) {
                        failure = over
                        return false
                    }
                    rows += Array(repeating: cells, count: repeatRows)
                }
                return false
            }
            return Sheet(name: tree.attribute("table:name", of: table) ?? "Sheet", rows: rows)
        }
        if let failure { throw failure }
        return sheets
    }

    private static func spend(_ bytes: Int, _ meter: inout ExpansionMeter) throws(ExtractionError) {
        if let over = exceeds(bytes, &meter) { throw over }
    }

    /// The limit error when `bytes` more text would pass the meter's limits.
    private static func exceeds(_ bytes: Int, _ meter: inout ExpansionMeter) -> ExtractionError? {
        do {
            try meter.add(bytes)
            return nil
        } catch {
            return error.error
        }
    }

    /// A repeat count from the file: 1 when absent or unreadable, and within
    /// 1...maxRepeat whatever it says ("-3" or "99999999999" included).
    static func repeatCount(_ attribute: String?) -> Int {
        min(max(attribute.flatMap { Int($0) } ?? 1, 1), maxRepeat)
    }
}
