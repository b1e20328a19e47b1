import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// What the corpus directory remembers of every input, in SQLite
/// (`ledger.sqlite`, through GRDB): enough to resume a stopped run without
/// redoing committed inputs, to re-extract only new and changed inputs, and
/// to rebuild `errors.jsonl` and `skipped.jsonl` exactly.
///
/// An input's row is written only once its outcomes are durable: its records
/// in a shard that has been renamed into place. A run killed at any moment
/// leaves rows only for inputs whose records are all in complete shards.
///
/// Threading: safe from any thread (GRDB's `DatabaseQueue` serializes access).
public final class Ledger: Sendable {
    public static let fileName = "ledger.sqlite"

    /// One input, as committed.
    public struct Entry: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
        public static let databaseTableName = "inputs"

        public var path: String
        public var size: Int
        public var mtime: Double
        public var sha256: String
        /// The run (generation) that extracted it.
        public var generation: Int
        /// Plugin ids and versions that produced its outcomes, as `id@version` joined by spaces.
        public var extractors: String
        /// Its records as a JSON array of `[shard, id]` pairs.
        public var records: String
        /// Its lines for `errors.jsonl` and `skipped.jsonl`, newline-separated.
        public var errorLines: String
        public var skipLines: String
        /// The last generation that saw it in the input directory.
        public var seen: Int

        public init(
            path: String, size: Int, mtime: Double, sha256: String, generation: Int, extractors: Set<String>,
            records: [RecordLocation], errorLines: [String], skipLines: [String]
        ) {
            self.path = path
            self.size = size
            self.mtime = mtime
            self.sha256 = sha256
            self.generation = generation
            self.extractors = extractors.sorted().joined(separator: " ")
            self.records = String(
                decoding: (try? JSONEncoder().encode(records.map { [$0.shard, $0.id] })) ?? Data("[]".utf8),
                as: UTF8.self)
            self.errorLines = errorLines.joined(separator: "\n")
            self.skipLines = skipLines.joined(separator: "\n")
            self.seen = generation
        }

        public var recordLocations: [RecordLocation] {
            let pairs = (try? JSONDecoder().decode([[String]].self, from: Data(records.utf8))) ?? []
            return pairs.compactMap { $0.count == 2 ? RecordLocation(shard: $0[0], id: $0[1]) : nil }
        }

    }

    private let db: DatabaseQueue

    public init(directory: URL) throws {
        db = try DatabaseQueue(path: directory.appendingPathComponent(Self.fileName).path)
        try db.write { db in
            try db.create(table: "inputs", ifNotExists: true) { t in
                t.primaryKey("path", .text)
                t.column("size", .integer).notNull()
                t.column("mtime", .double).notNull()
                t.column("sha256", .text).notNull()
                t.column("generation", .integer).notNull()
                t.column("extractors", .text).notNull()
                t.column("records", .text).notNull()
                t.column("errorLines", .text).notNull()
                t.column("skipLines", .text).notNull()
            }
            // The generation that last saw each input: gone inputs are those a complete walk did not see.
            if try !db.columns(in: "inputs").contains(where: { $0.name == "seen" }) {
                try db.alter(table: "inputs") { t in t.add(column: "seen", .integer).notNull().defaults(to: 0) }
            }
            try db.create(table: "shards", ifNotExists: true) { t in
                t.primaryKey("name", .text)
                t.column("generation", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("records", .integer).notNull()
                t.column("bytes", .integer).notNull()
            }
            try db.create(table: "tombstones", ifNotExists: true) { t in
                t.column("shard", .text).notNull()
                t.column("id", .text).notNull()
                t.primaryKey(["shard", "id"])
            }
            try db.create(table: "runs", ifNotExists: true) { t in
                t.primaryKey("generation", .integer)
                t.column("started", .text).notNull()
                t.column("status", .text).notNull()
            }
            // Attachment (crawl path) → the page that links it, for `meta.linked_from`.
            try db.create(table: "links", ifNotExists: true) { t in
                t.primaryKey("target", .text)
                t.column("pagePath", .text).notNull()
                t.column("pageID", .text).notNull()
            }
        }
    }

    /// Remembers that the page at `pagePath` (record `pageID`) links these
    /// crawl files. When several pages link one file, the page with the
    /// smallest path is kept, so the answer does not depend on thread timing.
    public func recordLinks(_ targets: [String], pagePath: String, pageID: String) throws {
        try db.write { db in
            for target in targets {
                try db.execute(
                    sql: """
                        INSERT INTO links (target, pagePath, pageID) VALUES (?, ?, ?)
                        ON CONFLICT(target) DO UPDATE SET pagePath = excluded.pagePath, pageID = excluded.pageID
                        WHERE excluded.pagePath < links.pagePath
                        """, arguments: [target, pagePath, pageID])
            }
        }
    }

    /// The id of the page record that links the crawl file `target`, if any.
    public func linkingPage(of target: String) throws -> String? {
        try db.read { db in
            try String.fetchOne(db, sql: "SELECT pageID FROM links WHERE target = ?", arguments: [target])
        }
    }

    /// Starts a run and returns its generation number.
    public func beginRun(started: String) throws -> Int {
        try db.write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(generation) FROM runs") ?? 0
            try db.execute(
                sql: "INSERT INTO runs (generation, started, status) VALUES (?, ?, 'running')",
                arguments: [last + 1, started])
            return last + 1
        }
    }

    public func finishRun(_ generation: Int, status: String) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE runs SET status = ? WHERE generation = ?", arguments: [status, generation])
        }
    }

    /// What change detection needs of every entry, in one query: a lookup
    /// per input through SQLite would cost more than the unchanged input itself.
    public struct Fingerprint: Sendable {
        public var size: Int
        public var mtime: Double
        public var sha256: String
        public var extractors: String
        /// It has lines in `errors.jsonl` (for `--retry-errors`).
        public var hasErrors: Bool
    }

    /// The fingerprints of the inputs directly in `directory` ("" for the
    /// root), in one range query on the primary key: memory stays bounded by
    /// one directory, whatever the size of the crawl.
    public func fingerprints(inDirectory directory: String) throws -> [String: Fingerprint] {
        let prefix = directory.isEmpty ? "" : directory + "/"
        // Every path in the directory sorts between "dir/" and "dir0" ("0" follows "/").
        let upper = directory.isEmpty ? "\u{10FFFF}" : directory + "0"
        return try db.read { db in
            var out: [String: Fingerprint] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT path, size, mtime, sha256, extractors, errorLines != '' AS hasErrors FROM inputs
                    WHERE path >= ? AND path < ? AND instr(substr(path, ?), '/') = 0
                    """, arguments: [prefix, upper, prefix.utf8.count + 1])
            while let row = try rows.next() {
                out[row["path"]] = Fingerprint(
                    size: row["size"], mtime: row["mtime"], sha256: row["sha256"], extractors: row["extractors"],
                    hasErrors: row["hasErrors"])
            }
            return out
        }
    }

    public func entry(path: String) throws -> Entry? {
        try db.read { db in try Entry.fetchOne(db, key: path) }
    }

    /// Commits, in one transaction, a shard that was just renamed into
    /// place (if any) and the inputs whose records are all in complete
    /// shards; the records an entry replaces become tombstones.
    public func commit(shard: Manifest.Shard?, generation: Int, entries: [Entry], seen: [String] = []) throws {
        guard shard != nil || !entries.isEmpty || !seen.isEmpty else { return }
        try db.write { db in
            let mark = try db.cachedStatement(sql: "UPDATE inputs SET seen = ? WHERE path = ?")
            for path in seen { try mark.execute(arguments: [generation, path]) }
            if let shard {
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO shards (name, generation, sha256, records, bytes) VALUES (?, ?, ?, ?, ?)",
                    arguments: [shard.name, generation, shard.sha256, shard.records, shard.bytes])
            }
            for e in entries {
                if let old = try Entry.fetchOne(db, key: e.path) {
                    let kept = Set(e.recordLocations)
                    for r in old.recordLocations where !kept.contains(r) { try Self.bury(r, db) }
                }
                var e = e
                e.seen = generation
                try e.save(db)
            }
        }
    }

    /// Removes inputs a complete walk of `generation` did not see; their records become tombstones.
    /// - Returns: how many were gone.
    public func removeUnseen(generation: Int) throws -> Int {
        try db.write { db in
            let gone = try Entry.filter(sql: "seen < ?", arguments: [generation]).fetchAll(db)
            for e in gone {
                for r in e.recordLocations { try Self.bury(r, db) }
                try e.delete(db)
            }
            return gone.count
        }
    }

    /// The records of shards written by runs that did not finish, that no
    /// committed entry claims (their input was redone): tombstones, so the
    /// current corpus never holds a record twice.
    public func buryOrphans(in shard: String, ids: [String]) throws {
        try db.write { db in
            let claimed = Set(
                try Entry.fetchAll(db).flatMap { $0.recordLocations.filter { $0.shard == shard }.map(\.id) })
            for id in ids where !claimed.contains(id) { try Self.bury(RecordLocation(shard: shard, id: id), db) }
        }
    }

    private static func bury(_ r: RecordLocation, _ db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO tombstones (shard, id) VALUES (?, ?)", arguments: [r.shard, r.id])
    }

    /// Complete shards, oldest first, and the generations that wrote them.
    public func shards() throws -> [(shard: Manifest.Shard, generation: Int)] {
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

    /// Generations whose run did not finish (killed, or still running).
    public func unfinishedGenerations() throws -> Set<Int> {
        try db.read { db in Set(try Int.fetchAll(db, sql: "SELECT generation FROM runs WHERE status = 'running'")) }
    }

    /// Writes `errors.jsonl`, `skipped.jsonl` and `tombstones.jsonl` from the
    /// ledger, streaming rows in path order into temporary files renamed into
    /// place: memory stays flat however many inputs the corpus has.
    public func writeSideFiles(to directory: URL) throws {
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

    /// The number of tombstones.
    public func tombstoneCount() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tombstones") ?? 0 }
    }

}

/// Where one record is: its shard and its id.
public struct RecordLocation: Sendable, Hashable, Codable {
    public var shard: String
    public var id: String

    public init(shard: String, id: String) {
        self.shard = shard
        self.id = id
    }
}

/// A line file written to a temporary name and renamed when complete.
private final class SideFile {
    let final: URL
    let file: LineFile

    init(_ directory: URL, _ name: String) throws {
        final = directory.appendingPathComponent(name)
        file = try LineFile(url: directory.appendingPathComponent("." + name + ".tmp"))
    }

    func append(_ lines: String) throws { try file.append(Data((lines + "\n").utf8)) }

    func finish() throws {
        try file.close()
        // rename(2) replaces atomically, whether or not the old file exists.
        guard rename(file.url.path, final.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
        }
    }
}
