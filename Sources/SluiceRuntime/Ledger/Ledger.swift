import Foundation
import GRDB

/// What the corpus directory remembers of every input, in SQLite
/// (`ledger.sqlite`, through GRDB; tables in ``LedgerSchema``): enough to
/// resume a stopped run without redoing committed inputs, to re-extract only
/// new and changed inputs, and to rebuild `errors.jsonl` and `skipped.jsonl`.
///
/// An input's row is written only once its outcomes are durable: its records
/// in a shard that has been renamed into place. A run killed at any moment
/// leaves rows only for inputs whose records are all in complete shards.
///
/// Threading: one client. The run's ``CorpusWriter`` owns the ledger and
/// calls it on its serial queue only (and the run's thread before and after
/// the pipeline, when nothing else runs); worker threads never touch it.
package final class Ledger {
    static let fileName = "ledger.sqlite"

    let db: DatabaseQueue

    /// Opens (or creates) the ledger and brings its tables up to date.
    package init(directory: URL) throws {
        var configuration = Configuration()
        // A reader (`sluice report`, a merge check) may hold a read lock for a moment.
        configuration.busyMode = .timeout(30)
        db = try DatabaseQueue(path: directory.appendingPathComponent(Self.fileName).path, configuration: configuration)
        try LedgerSchema.migrator.migrate(db)
    }

    /// Opens an existing ledger to read only: no migration, no write, and a
    /// wait instead of an error while a run holds it. Tables an older Sluice
    /// did not have read as empty.
    package init(readingAt directory: URL) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        db = try DatabaseQueue(path: directory.appendingPathComponent(Self.fileName).path, configuration: configuration)
    }

    // MARK: runs

    /// Starts a run routing by `routing` (an ``ExtractorRegistry/routingSignature``)
    /// and returns its generation number.
    func beginRun(started: String, routing: String) throws -> Int {
        try db.write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(generation) FROM runs") ?? 0
            try db.execute(
                sql: "INSERT INTO runs (generation, started, status, routing) VALUES (?, ?, 'running', ?)",
                arguments: [last + 1, started, routing])
            return last + 1
        }
    }

    func finishRun(_ generation: Int, status: String, progress: RunProgress? = nil) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE runs SET status = ? WHERE generation = ?", arguments: [status, generation])
            guard let p = progress else { return }
            try db.execute(
                sql: """
                    UPDATE runs SET finished = ?, elapsed = ?, inputs = ?, new = ?, changed = ?, unchanged = ?,
                    gone = ?, records = ?, errors = ?, skipped = ? WHERE generation = ?
                    """,
                arguments: [
                    ISO8601DateFormatter().string(from: Date()), p.elapsed, p.counts.inputs, p.changes.new,
                    p.changes.changed, p.changes.unchanged, p.changes.gone, p.counts.records, p.counts.errors,
                    p.counts.skipped, generation,
                ])
        }
    }

    /// One row of the run history: what a run did.
    package struct RunRow: Sendable, Equatable {
        package var generation: Int
        package var started: String
        package var status: String
        package var elapsed: Double?
        package var inputs, new, changed, unchanged, gone, records, errors, skipped: Int?
    }

    /// Every run, oldest first (runs of Sluice 0.1 have no counts).
    package func runHistory() throws -> [RunRow] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY generation").map { r in
                RunRow(
                    generation: r["generation"], started: r["started"], status: r["status"], elapsed: r["elapsed"],
                    inputs: r["inputs"], new: r["new"], changed: r["changed"], unchanged: r["unchanged"],
                    gone: r["gone"], records: r["records"], errors: r["errors"], skipped: r["skipped"])
            }
        }
    }

    /// Generations whose run did not finish (killed, or still running).
    func unfinishedGenerations() throws -> Set<Int> {
        try db.read { db in Set(try Int.fetchAll(db, sql: "SELECT generation FROM runs WHERE status = 'running'")) }
    }

    // MARK: shards and tombstones

    /// Complete shards, oldest first, and the generations that wrote them.
    func shards() throws -> [(shard: Manifest.Shard, generation: Int)] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM shards ORDER BY name").map { row in
                (
                    Manifest.Shard(
                        name: row["name"], sha256: row["sha256"], records: row["records"], bytes: row["bytes"]),
                    row["generation"]
                )
            }
        }
    }

    /// The records of `shard` that no committed input claims (their input
    /// was redone after a killed run) become tombstones, so the current
    /// corpus never holds a record twice. One indexed query per shard.
    func buryOrphans(in shard: String, ids: [String]) throws {
        try db.write { db in
            let claimed = Set(
                try String.fetchAll(db, sql: "SELECT id FROM input_records WHERE shard = ?", arguments: [shard]))
            for id in ids where !claimed.contains(id) { try Self.bury(RecordLocation(shard: shard, id: id), db) }
        }
    }

    /// A record leaves the current corpus. One in `duplicates.jsonl` is not in
    /// a shard, so it needs no tombstone: the side file drops its line.
    static func bury(_ r: RecordLocation, _ db: Database) throws {
        guard r.shard != OutputDirectory.duplicatesName else { return }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO tombstones (shard, id) VALUES (?, ?)")
            .execute(arguments: [r.shard, r.id])
    }

    func tombstoneCount() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tombstones") ?? 0 }
    }

    /// Writes `errors.jsonl`, `skipped.jsonl` and `tombstones.jsonl` from the
    /// ledger, streaming rows in path order into temporary files renamed into
    /// place: memory stays flat however many inputs the corpus has. Lines of
    /// `duplicates.jsonl` whose input was since extracted again or is gone leave
    /// it, so every record stays in one place.
    func writeSideFiles(to directory: URL) throws {
        try pruneDuplicates(in: directory)
        let errors = try SideFile(directory, "errors.jsonl")
        let skips = try SideFile(directory, "skipped.jsonl")
        let tombs = try SideFile(directory, "tombstones.jsonl")
        try db.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT errorLines, skipLines FROM inputs ORDER BY path")
            while let row = try rows.next() {
                let e: String = row["errorLines"]
                let s: String = row["skipLines"]
                if !e.isEmpty { try errors.append(e) }
                if !s.isEmpty { try skips.append(s) }
            }
            let buried = try Row.fetchCursor(db, sql: "SELECT shard, id FROM tombstones ORDER BY shard, id")
            while let row = try buried.next() {
                var line = ""
                JSONText.writeObject(["shard": .string(row["shard"]), "id": .string(row["id"])], to: &line)
                try tombs.append(line)
            }
        }
        for f in [errors, skips, tombs] { try f.finish() }
    }
}

extension Ledger {
    /// Where each input's records are, by id, for the records in `place` (a shard or `duplicates.jsonl`).
    func recordIDs(in place: String) throws -> Set<String> {
        try db.read { db in
            Set(try String.fetchAll(db, sql: "SELECT id FROM input_records WHERE shard = ?", arguments: [place]))
        }
    }

    private func pruneDuplicates(in directory: URL) throws {
        let name = OutputDirectory.duplicatesName
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) else { return }
        let placed = try recordIDs(in: name)
        let kept = try SideFile(directory, name)
        try CorpusReader.forEachLine(of: directory.appendingPathComponent(name)) { line in
            struct RecordID: Decodable { var id: String }
            if let id = try? JSONDecoder().decode(RecordID.self, from: Data(line)).id, placed.contains(id) {
                try kept.append(String(decoding: line, as: UTF8.self))
            }
        }
        try kept.finish(synchronize: true)
    }
}

/// A line file written to a temporary name and renamed when complete.
final class SideFile {
    let final: URL
    let file: LineFile

    init(_ directory: URL, _ name: String) throws {
        final = directory.appendingPathComponent(name)
        file = try LineFile(url: directory.appendingPathComponent("." + name + ".tmp"))
    }

    func append(_ lines: String) throws { try file.append(Data((lines + "\n").utf8)) }

    /// - Parameter synchronize: force the bytes to disk first (a file that is the only copy of its lines).
    func finish(synchronize: Bool = false) throws {
        try file.close(synchronize: synchronize)
        // rename(2) replaces atomically, whether or not the old file exists.
        guard rename(file.url.path, final.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
        }
    }
}
