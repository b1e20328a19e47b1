import Foundation
import SluiceRuntime

/// What a summary counts from the records themselves: everything but the
/// side files and the run history. A pure function of the corpus's shards,
/// tombstones and `duplicates.jsonl`.
package struct RecordAggregates: Codable, Sendable, Equatable {
    var documents: Int
    var textCharacters: Int
    var byLanguage: [String: Int]
    var byExtractor: [String: Int]
    var bySite: [String: Int]
    var byMonthAndSite: [String: [String: Int]]
    var lengths: LengthHistogram
    var duplicateClusters: [String: Int]?
    var keptPaths: [String: String]
    var droppedDuplicates: Int
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
