import Foundation
import SluiceRuntime

/// What a corpus holds, as aggregates: counts by language, site, extractor
/// and month, a length histogram, errors and skips by kind with examples,
/// duplicate clusters when dedup ran, the slowest documents and the run
/// history. Built in one streaming pass (``CorpusSummary/read(_:)``), so its
/// size depends on the number of sites, months and kinds, never on the
/// number of documents: the same report for 10 documents and for 10 million.
@dynamicMemberLookup
package struct CorpusSummary: Sendable {
    /// What the records themselves give (documents, languages, sites, months,
    /// lengths, duplicate clusters): read as `summary.documents` and so on.
    package var aggregates = RecordAggregates()
    package var errors: [String: Examples] = [:]
    package var skips: [String: Examples] = [:]
    package var slowest: [RunProgress.Timing] = []
    package var runs: [Ledger.RunRow] = []
    package var manifest: Manifest
    /// The state of the corpus the record counts are of (``AggregatesCache/key(of:)``).
    package var recordsKey = ""

    package subscript<T>(dynamicMember field: WritableKeyPath<RecordAggregates, T>) -> T {
        get { aggregates[keyPath: field] }
        set { aggregates[keyPath: field] = newValue }
    }

    /// The counts taken from the records, to keep for the next run's page.
    package var cache: AggregatesCache { AggregatesCache(key: recordsKey, aggregates: aggregates) }

    /// A count and the first few paths that gave it.
    package struct Examples: Sendable, Equatable {
        package var count = 0
        package var paths: [String] = []
        static let kept = 3

        mutating func add(_ path: String) {
            count += 1
            if paths.count < Self.kept { paths.append(path) }
        }
    }

    /// `2021-03` from a published date, or `undated`.
    static func month(published: String?) -> String {
        guard let p = published, p.utf8.count >= 7 else { return "undated" }
        return String(p.prefix(7))
    }

    /// Reads the corpus at `directory` in one pass over its shards and side
    /// files; the pass over the records is skipped when `cache` holds their
    /// counts for the corpus as it is, or when `counted` gives them (the
    /// caller vouches that they are this corpus's:
    /// ``WrittenRecordAggregates/aggregates(ifCorpusIs:)``).
    package static func read(
        _ directory: URL, reusing cache: AggregatesCache? = nil, counted: RecordAggregates? = nil
    ) throws -> CorpusSummary {
        let reader = try CorpusReader(directory: directory)
        var s = CorpusSummary(manifest: reader.manifest)
        s.recordsKey = AggregatesCache.key(of: reader)
        let decoder = JSONDecoder()
        if let counted {
            s.aggregates = counted
        } else if let cache, cache.key == s.recordsKey {
            s.aggregates = cache.aggregates
        } else {
            // A pass that found nothing still ran: an empty table, not "not computed".
            if reader.manifest.dedup != nil { s.duplicateClusters = [:] }
            try reader.forEachCurrentRecord(as: SummaryFields.self, id: \.id) { s.aggregates.add($0) }
            try reader.forEachLine(of: "duplicates.jsonl") { line in
                s.aggregates.addDropped(try decoder.decode(SummaryFields.self, from: Data(line)))
            }
        }
        try reader.forEachLine(of: "errors.jsonl") { line in
            let e = try decoder.decode(ErrorEntry.self, from: Data(line))
            s.errors[e.kind, default: Examples()].add(([e.path] + e.members).joined(separator: "/"))
        }
        try reader.forEachLine(of: "skipped.jsonl") { line in
            let k = try decoder.decode(SkipEntry.self, from: Data(line))
            s.skips[k.reason, default: Examples()].add(([k.path] + k.members).joined(separator: "/"))
        }
        s.slowest = SlowestDocuments.read(directory)
        let ledgerFile = directory.appendingPathComponent("ledger.sqlite").path
        if FileManager.default.fileExists(atPath: ledgerFile) {
            s.runs = try Ledger(readingAt: directory).runHistory()
        }
        return s
    }
}

/// The fields of a record the summary counts. Decoding only these, not the
/// title, breadcrumb, members or the rest of `meta`, took `sluice report` on
/// the 10k benchmark crawl's corpus from 0.64 s to 0.41 s.
struct SummaryFields: Decodable {
    var id: String
    var path: String
    var lang: String
    var extractor: String
    var published: String?
    var url: String?
    var text: String
    var meta: Meta

    struct Meta: Decodable {
        var dupCluster: String?
        enum CodingKeys: String, CodingKey { case dupCluster = "dup_cluster" }

        init(dupCluster: String?) { self.dupCluster = dupCluster }

        /// A `dup_cluster` that is not a string (not one Sluice wrote) counts as none.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            dupCluster = (try? c.decodeIfPresent(String.self, forKey: .dupCluster)) ?? nil
        }
    }
}

/// The slowest documents of the last run, from `report.json`.
enum SlowestDocuments {
    static func read(_ directory: URL) -> [RunProgress.Timing] {
        struct Report: Decodable { var slowest: [RunProgress.Timing] }
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("report.json")),
            let report = try? JSONDecoder().decode(Report.self, from: data)
        else { return [] }
        return report.slowest
    }
}

/// Text lengths in buckets that double: 0–15 characters, 16–31, 32–63, …;
/// percentiles are read from the buckets (the bucket's upper bound), so they
/// are exact to a factor of two, with memory that does not grow.
package struct LengthHistogram: Codable, Sendable, Equatable {
    package private(set) var counts = [Int](repeating: 0, count: 24)
    package private(set) var total = 0

    /// The bucket of a length: 0 for 0–15, then one per power of two.
    static func bucket(_ length: Int) -> Int {
        guard length >= 16 else { return 0 }
        return min(Int.bitWidth - length.leadingZeroBitCount - 4, 23)
    }

    /// The lowest length of bucket `i`.
    package static func lowerBound(_ i: Int) -> Int { i == 0 ? 0 : 1 << (i + 3) }

    mutating func add(_ length: Int) {
        counts[Self.bucket(length)] += 1
        total += 1
    }

    /// The length below which `fraction` of the documents fall, to the bucket.
    package func percentile(_ fraction: Double) -> Int {
        guard total > 0 else { return 0 }
        let target = Int((Double(total) * fraction).rounded(.up))
        var seen = 0
        for (i, c) in counts.enumerated() {
            seen += c
            if seen >= max(target, 1) { return Self.lowerBound(i + 1) - 1 }
        }
        return Self.lowerBound(counts.count) - 1
    }
}
