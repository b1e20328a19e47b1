import Foundation
import SluiceRuntime

/// What a summary counts from the records themselves: everything but the
/// side files and the run history. A pure function of the corpus's shards,
/// tombstones and `duplicates.jsonl`.
package struct RecordAggregates: Codable, Sendable, Equatable {
    package var documents = 0
    package var textCharacters = 0
    package var byLanguage: [String: Int] = [:]
    package var byExtractor: [String: Int] = [:]
    package var bySite: [String: Int] = [:]
    /// Month (`2021-03`, or `undated`) to site to documents.
    package var byMonthAndSite: [String: [String: Int]] = [:]
    /// Documents by text length, in ``LengthHistogram`` buckets.
    package var lengths = LengthHistogram()
    /// Cluster id to size, for records that carry `meta.dup_cluster` (those in
    /// `duplicates.jsonl` included); nil when dedup never ran.
    package var duplicateClusters: [String: Int]?
    /// Each cluster's kept document (its path), by cluster id.
    package var keptPaths: [String: String] = [:]
    /// Records moved out of the shards into `duplicates.jsonl`.
    package var droppedDuplicates = 0

    mutating func add(_ r: SummaryFields) {
        documents += 1
        // Unicode scalars, not grapheme clusters: counting clusters walked every
        // record's text through the grapheme rules, a fifth of the report's time.
        let length = r.text.unicodeScalars.count
        textCharacters += length
        lengths.add(length)
        byLanguage[r.lang, default: 0] += 1
        byExtractor[r.extractor, default: 0] += 1
        let site = CorpusRecord.site(url: r.url, path: r.path)
        bySite[site, default: 0] += 1
        byMonthAndSite[CorpusSummary.month(published: r.published), default: [:]][site, default: 0] += 1
        addToCluster(r)
    }

    /// A duplicate moved to `duplicates.jsonl`: in its cluster, not in the corpus's counts.
    mutating func addDropped(_ r: SummaryFields) {
        droppedDuplicates += 1
        addToCluster(r)
    }

    private mutating func addToCluster(_ r: SummaryFields) {
        guard let cluster = r.meta.dupCluster else { return }
        duplicateClusters = duplicateClusters ?? [:]
        duplicateClusters![cluster, default: 0] += 1
        if cluster == r.id { keptPaths[cluster] = r.path }
    }
}

/// The record aggregates of one state of a corpus, kept in the `report.html`
/// a run writes (an HTML comment at its end), so that the next run's page
/// reads the records again only when they changed: reading them was most of
/// an unchanged re-run's time (0.4 s of 0.7 s on the 10k benchmark crawl).
package struct AggregatesCache: Codable, Sendable, Equatable {
    /// What the aggregates were counted from (``key(of:)``).
    package var key: String
    package var aggregates: RecordAggregates

    private static let marker = "<!-- sluice-record-aggregates "

    /// The state of everything the aggregates depend on: each shard's name and
    /// checksum (shards never change once written), the current and buried
    /// record counts (tombstones are only ever added), the last dedup pass,
    /// and the size of `duplicates.jsonl` (a line leaves it when its input
    /// changes). Not the side files' times: every commit rewrites them. The
    /// format's version is part of it, so a Sluice that counts differently starts over.
    package static func key(of reader: CorpusReader) -> String {
        let m = reader.manifest
        var parts = ["record-aggregates 1", "records \(m.corpus.records) buried \(m.corpus.tombstones)"]
        parts += m.shards.map { "\($0.name) \($0.sha256)" }
        let dedup = m.dedup.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        parts.append("dedup \(dedup ?? "none")")
        var info = stat()
        let duplicates = reader.directory.appendingPathComponent("duplicates.jsonl").path
        parts.append("duplicates \(stat(duplicates, &info) == 0 ? String(info.st_size) : "absent")")
        return SHA256Digest.hex(of: parts.joined(separator: "\n"))
    }

    /// The comment that carries this cache in a page (base64: JSON may hold `--`).
    package var htmlComment: String {
        let json = (try? JSONEncoder().encode(self)) ?? Data()
        return Self.marker + json.base64EncodedString() + " -->\n"
    }

    /// The cache a page carries, if it carries one that reads.
    package static func found(inPage html: String) -> AggregatesCache? {
        guard let start = html.range(of: marker, options: .backwards),
            let end = html.range(of: " -->", range: start.upperBound..<html.endIndex),
            let data = Data(base64Encoded: String(html[start.upperBound..<end.lowerBound]))
        else { return nil }
        return try? JSONDecoder().decode(AggregatesCache.self, from: data)
    }
}
