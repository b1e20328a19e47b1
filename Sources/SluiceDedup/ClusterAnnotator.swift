import CXXHash
import Dispatch
import Foundation
import GRDB
import SluicePluginAPI
import SluiceRuntime

/// Decides which records must change to carry their clusters, and builds
/// their new versions: `meta.dup_cluster` (the kept member's id) on every
/// member, `meta.duplicate_of` (the same id) on all but the kept one, both
/// removed from a record that left its cluster; with `dropDuplicates`,
/// duplicates go to `duplicates.jsonl` and a record that is no longer a
/// duplicate comes back to a shard.
struct ClusterAnnotator {
    let store: DedupStore
    let directory: URL
    let reader: CorpusReader
    /// Threads that decode and re-encode the records that change.
    let jobs: Int
    let dropDuplicates: Bool

    /// What a record should carry, by id (`cluster|duplicate_of`; absent: none).
    private func annotations(for clusters: [[String]]) throws -> [String: String] {
        var out: [String: String] = [:]
        try store.db.read { db in
            let facts = try db.cachedStatement(sql: "SELECT path, published FROM docs WHERE id = ?")
            for members in clusters {
                var best: (key: (String, Int, String, String), id: String)?
                for id in members {
                    guard let row = try Row.fetchOne(facts, arguments: [id]) else { continue }
                    let path: String = row[0]
                    // Undated sorts after every date.
                    let published: String = row[1] ?? "~"
                    let key = (published, path.utf8.count, path, id)
                    if best == nil || key < best!.key { best = (key, id) }
                }
                guard let kept = best?.id else { continue }
                for id in members { out[id] = kept + "|" + (id == kept ? "" : kept) }
            }
        }
        return out
    }

    func revisions(for clusters: [[String]]) throws -> [RecordReviser.Revision] {
        let wanted = try annotations(for: clusters)
        // Where each record that must change is, with its new annotation and place.
        var changes: [String: [Change]] = [:]
        try store.db.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, place, offset, length, written FROM docs")
            while let row = try rows.next() {
                let id: String = row[0]
                let place: String = row[1]
                let annotation = wanted[id] ?? "|"
                let isDuplicate = !annotation.hasSuffix("|")
                let toDuplicates = dropDuplicates && isDuplicate
                let inDuplicates = place == RecordReviser.duplicatesName
                if annotation != row[4] || toDuplicates != inDuplicates {
                    changes[place, default: []].append((id, row[2], row[3], annotation, toDuplicates))
                }
            }
        }
        // Only the lines that change are read back, by offset.
        var work: [(item: Change, place: String, line: [UInt8])] = []
        for (place, items) in changes.sorted(by: { $0.key < $1.key }) {
            let sorted = items.sorted { $0.offset < $1.offset }
            let lines = try reader.lines(of: place, at: sorted.map { ($0.offset, $0.length) })
            for (item, line) in zip(sorted, lines) { work.append((item, place, line)) }
        }
        // Decoding and re-encoding are most of the cost: on `jobs` threads.
        let todo = work
        let slots = ParallelSlots<RecordReviser.Revision>(count: todo.count)
        let threads = max(1, min(jobs, todo.count))
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let decoder = JSONDecoder()
            for i in stride(from: thread, to: todo.count, by: threads) {
                slots.set(
                    i, Result { try Self.revision(todo[i].item, place: todo[i].place, line: todo[i].line, decoder) })
            }
        }
        return try slots.values()
    }

    typealias Change = (id: String, offset: Int, length: Int, annotation: String, toDuplicates: Bool)

    private static func revision(_ item: Change, place: String, line: [UInt8], _ decoder: JSONDecoder) throws
        -> RecordReviser.Revision
    {
        guard RecordLine.id(of: line) == item.id else {
            throw DedupError.failed("\(place) changed under the pass (no record \(item.id) where it was)")
        }
        var record = try decoder.decode(CorpusRecord.self, from: Data(line))
        let parts = item.annotation.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        record.meta["dup_cluster"] = parts[0].isEmpty ? nil : .string(parts[0])
        record.meta["duplicate_of"] = parts[1].isEmpty ? nil : .string(parts[1])
        return RecordReviser.Revision(
            record: record, from: RecordLocation(shard: place, id: item.id), toDuplicates: item.toDuplicates)
    }

    /// After the revisions are committed: their new lines and places, so the
    /// next pass sees them unchanged.
    func remember(_ revisions: [RecordReviser.Revision], shard: String?) throws {
        try store.db.write { db in
            let update = try db.cachedStatement(
                sql: "UPDATE docs SET place = ?, offset = ?, length = ?, line = ?, written = ? WHERE id = ?")
            // The reviser wrote the shard's lines in this order; duplicates.jsonl is
            // rewritten whole, so its offsets are learnt when the next pass reads it.
            var offset = 0
            for r in revisions {
                let line = Array(r.line.utf8)
                var place = r.from.shard
                var at = 0
                if r.toDuplicates {
                    place = RecordReviser.duplicatesName
                } else if let shard {
                    place = shard
                    at = offset
                    offset += line.count + 1
                }
                try update.execute(arguments: [
                    place, at, line.count, RecordLine.hash(line), RecordLine.annotation(of: r.record.meta), r.record.id,
                ])
            }
        }
    }
}
