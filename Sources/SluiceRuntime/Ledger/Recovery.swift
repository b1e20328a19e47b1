import Foundation

/// Puts a corpus directory back in a consistent state before a run, after
/// whatever stopped the last one (Ctrl-C, kill -9, power loss):
///
/// - `.part-*.partial` files (shards being written) are deleted: their
///   inputs were never committed and will be redone;
/// - `part-*.jsonl` files the ledger does not list (renamed, but the commit
///   did not happen) are deleted likewise;
/// - records in complete shards of unfinished runs that no committed input
///   claims become tombstones (their input is redone and written again).
enum Recovery {
    /// - Returns: the index for the run's first new shard.
    static func recover(ledger: Ledger, directory: URL) throws -> Int {
        let fm = FileManager.default
        let listed = try ledger.shards()
        let names = Set(listed.map(\.shard.name))
        for name in try fm.contentsOfDirectory(atPath: directory.path) {
            // Only Sluice's own shard names: a user's part-results.jsonl is not ours to delete.
            guard OutputDirectory.isCorpusFile(name), name.contains("part-") else { continue }
            let partial = name.hasSuffix(".partial")
            let unlisted = !partial && !names.contains(name)
            if partial || unlisted { try fm.removeItem(at: directory.appendingPathComponent(name)) }
        }
        let unfinished = try ledger.unfinishedGenerations()
        for (shard, generation) in listed where unfinished.contains(generation) {
            let ids = try recordIDs(in: directory.appendingPathComponent(shard.name))
            try ledger.buryOrphans(in: shard.name, ids: ids)
        }
        for g in unfinished { try ledger.finishRun(g, status: "interrupted") }
        let last = listed.compactMap { Int($0.shard.name.dropFirst(5).prefix(5)) }.max() ?? -1
        return last + 1
    }

    /// The `id` of every record line of a shard, streamed: a complete shard
    /// was fsynced before its rename, so every line is a whole record.
    static func recordIDs(in shard: URL) throws -> [String] {
        struct RecordID: Decodable { var id: String }
        let handle = try FileHandle(forReadingFrom: shard)
        defer { try? handle.close() }
        let reader = LineReader(handle)
        let decoder = JSONDecoder()
        var ids: [String] = []
        while let line = reader.next() {
            ids.append(try decoder.decode(RecordID.self, from: Data(line)).id)
        }
        return ids
    }
}
