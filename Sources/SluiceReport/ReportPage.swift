import Foundation

/// The report as one self-contained HTML page: inline CSS and SVG, no script,
/// no font or image from anywhere else, so it opens from a file:// URL offline.
/// Its size depends on the numbers of sites, months and kinds, not documents.
package enum ReportPage {
    /// Sites drawn as their own colour in the monthly chart; the rest are "other sites".
    static let chartSites = 7
    /// Past this many months the monthly chart counts by year.
    static let maxMonths = 120

    package static func html(_ s: CorpusSummary, corpus: String, generated: Date = Date()) -> String {
        var body = header(s, corpus: corpus, generated: generated)
        body += section("Documents per month, by site", monthly(s))
        body += section("Text length", lengths(s))
        body += "<div class=\"pair\">"
        body += section(
            "Extractors",
            SVGChart.horizontalBars(title: "Documents by extractor", items: top(s.byExtractor, 10), total: s.documents))
        body += section(
            "Languages",
            SVGChart.horizontalBars(title: "Documents by language", items: top(s.byLanguage, 10), total: s.documents))
        body += "</div>"
        body += section(
            "Sites",
            table(
                ["Site", "Documents", "Share"],
                top(s.bySite, 20).map {
                    [$0.0, ReportFormat.count($0.1), ReportFormat.percent($0.1, of: s.documents)]
                }, numeric: [1, 2]))
        body += section("Errors by kind", examples(s.errors, what: "errors", column: "Kind"))
        body += section("Skipped by reason", examples(s.skips, what: "skipped inputs", column: "Reason"))
        body += section("Slowest documents (last run)", slowest(s))
        body += section("Duplicate clusters", duplicates(s))
        body += section("Run history", history(s))
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sluice report: \(ReportFormat.escape(corpus))</title>
            <style>\(style)</style></head>
            <body>\(body)</body></html>

            """
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1140px;color:#222;background:#fff}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
        .meta{color:#555;font-size:13px}.totals{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
        .total{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:120px}.total b{display:block;font-size:20px}
        table{border-collapse:collapse;font-size:13px;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.pair{display:flex;flex-wrap:wrap;gap:24px}
        code{font-size:12px;word-break:break-all}.none{color:#666;font-style:italic}svg{max-width:100%;height:auto}
        """

    static func header(_ s: CorpusSummary, corpus: String, generated: Date) -> String {
        let m = s.manifest
        let stamp = ISO8601DateFormatter().string(from: generated)
        let totals: [(String, String)] = [
            ("documents", ReportFormat.count(s.documents)), ("sites", ReportFormat.count(s.bySite.count)),
            ("languages", ReportFormat.count(s.byLanguage.count)),
            ("errors", ReportFormat.count(s.errors.values.reduce(0) { $0 + $1.count })),
            ("skipped", ReportFormat.count(s.skips.values.reduce(0) { $0 + $1.count })),
            ("characters of text", ReportFormat.count(s.textCharacters)),
        ]
        return
            "<h1>Sluice corpus report</h1><p class=\"meta\"><code>\(ReportFormat.escape(corpus))</code> · last run \(m.run.generation) \(ReportFormat.escape(m.status)) · report made \(ReportFormat.timestamp(stamp)) · Sluice \(ReportFormat.escape(m.sluiceVersion))</p>"
            + "<div class=\"totals\">" + totals.map { "<div class=\"total\"><b>\($0.1)</b>\($0.0)</div>" }.joined()
            + "</div>"
    }

    static func section(_ title: String, _ content: String) -> String {
        "<section><h2>\(ReportFormat.escape(title))</h2>\(content)</section>"
    }

    /// The largest `n` entries, largest first (ties by name), the rest summed as "other".
    static func top(_ counts: [String: Int], _ n: Int) -> [(String, Int)] {
        let sorted = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard sorted.count > n else { return sorted.map { ($0.key, $0.value) } }
        let rest = sorted.dropFirst(n - 1).reduce(0) { $0 + $1.value }
        return sorted.prefix(n - 1).map { ($0.key, $0.value) } + [("other (\(sorted.count - n + 1))", rest)]
    }

    static func monthly(_ s: CorpusSummary) -> String {
        guard s.documents > 0 else { return none("No documents.") }
        var periods = s.byMonthAndSite
        let dated = periods.keys.filter { $0 != "undated" }
        var byYear = false
        if dated.count > maxMonths {
            byYear = true
            var years: [String: [String: Int]] = [:]
            for (month, sites) in periods {
                let key = month == "undated" ? month : String(month.prefix(4))
                years[key, default: [:]].merge(sites, uniquingKeysWith: +)
            }
            periods = years
        }
        let keys = periods.keys.filter { $0 != "undated" }.sorted() + (periods["undated"] == nil ? [] : ["undated"])
        let sites = top(s.bySite, chartSites + 1).map(\.0)
        let named = Set(sites.prefix(chartSites))
        let series = sites.enumerated().map { i, site in
            SVGChart.Series(
                name: site,
                values: keys.map { key in
                    let row = periods[key] ?? [:]
                    if i < chartSites && named.contains(site) { return row[site] ?? 0 }
                    return row.filter { !named.contains($0.key) }.values.reduce(0, +)
                })
        }
        let labels = keys.map { byYear ? $0 : ReportFormat.month($0) }
        return SVGChart.stackedBars(
            title: "Documents per \(byYear ? "year" : "month") of publication, by site", yLabel: "documents",
            labels: labels, series: series)
    }

    static func lengths(_ s: CorpusSummary) -> String {
        guard s.documents > 0 else { return none("No documents.") }
        let last = s.lengths.counts.lastIndex { $0 > 0 } ?? 0
        let labels = (0...last).map { i in ReportFormat.count(LengthHistogram.lowerBound(i)) + "+" }
        let p = [0.1, 0.5, 0.9, 0.99].map { "p\(Int($0 * 100)) ≤ \(ReportFormat.count(s.lengths.percentile($0)))" }
        return SVGChart.bars(
            title: "Documents by text length (characters)", yLabel: "documents",
            xLabel: "characters of main text (each bar doubles the last)", labels: labels,
            values: Array(s.lengths.counts[0...last]))
            + "<p class=\"meta\">Percentiles, to the bucket: \(p.joined(separator: " · ")) characters.</p>"
    }

    static func examples(_ byKind: [String: CorpusSummary.Examples], what: String, column: String) -> String {
        guard !byKind.isEmpty else { return none("No \(what).") }
        let rows = byKind.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.map { kind, e in
            [
                kind, ReportFormat.count(e.count),
                e.paths.map { "<code>\(ReportFormat.escape($0))</code>" }.joined(separator: "<br>"),
            ]
        }
        return table([column, "Count", "Examples"], rows, numeric: [1], raw: [2])
    }

    static func slowest(_ s: CorpusSummary) -> String {
        guard !s.slowest.isEmpty else { return none("No timings (report.json is absent).") }
        return table(
            ["Path", "Seconds", "Bytes"],
            s.slowest.map { [$0.path, String(format: "%.3f", $0.seconds), ReportFormat.count($0.bytes)] },
            numeric: [1, 2])
    }

    static func duplicates(_ s: CorpusSummary) -> String {
        guard let clusters = s.duplicateClusters else {
            return none("Near-duplicate detection has not run on this corpus: no record carries meta.dup_cluster.")
        }
        let largest = clusters.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(20)
        let inClusters = clusters.values.reduce(0, +)
        let dropped =
            s.droppedDuplicates > 0
            ? " \(ReportFormat.count(s.droppedDuplicates)) duplicates were moved to duplicates.jsonl." : ""
        return
            "<p class=\"meta\">\(ReportFormat.count(clusters.count)) clusters hold \(ReportFormat.count(inClusters)) documents; each keeps its earliest published one.\(dropped)</p>"
            + table(
                ["Kept document", "Cluster", "Documents"],
                largest.map { [s.keptPaths[$0.key] ?? "–", $0.key, ReportFormat.count($0.value)] }, numeric: [2])
    }

    static func history(_ s: CorpusSummary) -> String {
        guard !s.runs.isEmpty else { return none("No run history (no ledger).") }
        let dash = "–"
        func n(_ v: Int?) -> String { v.map(ReportFormat.count) ?? dash }
        let rows = s.runs.reversed().map { r in
            [
                String(r.generation), ReportFormat.timestamp(r.started), r.status,
                r.elapsed.map(ReportFormat.seconds) ?? dash,
                n(r.inputs), n(r.new), n(r.changed), n(r.unchanged), n(r.gone), n(r.records), n(r.errors), n(r.skipped),
            ]
        }
        return table(
            [
                "Run", "Started", "Status", "Time", "Inputs", "New", "Changed", "Unchanged", "Gone", "Records",
                "Errors", "Skipped",
            ],
            rows, numeric: Array(3...11))
    }

    static func none(_ sentence: String) -> String { "<p class=\"none\">\(ReportFormat.escape(sentence))</p>" }

    /// A table; cells are escaped except in the columns of `raw`.
    static func table(_ head: [String], _ rows: [[String]], numeric: [Int] = [], raw: [Int] = []) -> String {
        func cell(_ tag: String, _ i: Int, _ v: String) -> String {
            let cls = numeric.contains(i) ? " class=\"n\"" : ""
            return "<\(tag)\(cls)>\(raw.contains(i) ? v : ReportFormat.escape(v))</\(tag)>"
        }
        let th = head.enumerated().map { cell("th", $0.offset, $0.element) }.joined()
        let trs = rows.map { "<tr>" + $0.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>" }
            .joined()
        return "<table><thead><tr>\(th)</tr></thead><tbody>\(trs)</tbody></table>"
    }
}
