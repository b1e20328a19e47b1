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
            let partial = name.hasPrefix(".part-") && name.hasSuffix(".partial")
            let unlisted = name.hasPrefix("part-") && name.hasSuffix(".jsonl") && !names.contains(name)
            if partial || unlisted { try fm.removeItem(at: directory.appendingPathComponent(name)) }
        }
        let unfinished = try ledger.unfinishedGenerations()
        for (shard, generation) in listed where unfinished.contains(generation) {
            let data = try Data(contentsOf: directory.appendingPathComponent(shard.name))
            let ids = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
                // The id is the first field of every record line: {"id":"…",
                guard line.hasPrefix("{\"id\":\"") else { return nil }
                return String(line.dropFirst(7).prefix { $0 != "\"" })
            }
            try ledger.buryOrphans(in: shard.name, ids: ids)
        }
        for g in unfinished { try ledger.finishRun(g, status: "interrupted") }
        let last = listed.compactMap { Int($0.shard.name.dropFirst(5).prefix(5)) }.max() ?? -1
        return last + 1
    }
}
