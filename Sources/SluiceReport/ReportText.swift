/// The report on a terminal: a few lines a person reads in ten seconds.
package enum ReportText {
    package static func summary(_ s: CorpusSummary, corpus: String) -> String {
        func line(_ label: String, _ counts: [String: Int], _ n: Int) -> String {
            let items = ReportPage.top(counts, n).map { "\($0.0) \(ReportFormat.count($0.1))" }
            return "  " + label.padding(toLength: 11, withPad: " ", startingAt: 0)
                + (items.isEmpty ? "none" : items.joined(separator: ", "))
        }
        func kinds(_ byKind: [String: CorpusSummary.Examples]) -> [String: Int] { byKind.mapValues(\.count) }
        let months = s.byMonthAndSite.keys.filter { $0 != "undated" }.sorted()
        let span =
            months.isEmpty ? "no dates" : "\(ReportFormat.month(months.first!)) to \(ReportFormat.month(months.last!))"
        let p = [0.1, 0.5, 0.9, 0.99].map { "p\(Int($0 * 100)) \(ReportFormat.count(s.lengths.percentile($0)))" }
        var out = [
            "sluice: report of \(corpus)",
            "  documents  \(ReportFormat.count(s.documents)) from \(ReportFormat.count(s.bySite.count)) sites, published \(span)",
            line("languages", s.byLanguage, 6), line("sites", s.bySite, 6), line("extractors", s.byExtractor, 6),
            line("errors", kinds(s.errors), 6), line("skipped", kinds(s.skips), 6),
            "  length     " + p.joined(separator: ", ") + " characters (to the bucket)",
        ]
        if let clusters = s.duplicateClusters {
            out.append(
                "  duplicates \(ReportFormat.count(clusters.count)) clusters, \(ReportFormat.count(clusters.values.reduce(0, +))) documents in them"
                    + (s.droppedDuplicates > 0
                        ? " (\(ReportFormat.count(s.droppedDuplicates)) moved to duplicates.jsonl)" : "")
            )
        } else {
            out.append("  duplicates not computed (run sluice dedupe)")
        }
        if let last = s.runs.last {
            out.append(
                "  runs       \(s.runs.count); the last, \(last.generation), \(last.status) at \(ReportFormat.timestamp(last.started))"
            )
        }
        return out.joined(separator: "\n")
    }
}
