import Foundation
import GRDB
import SluiceRuntime

/// `dedup.sqlite`, beside the ledger: every document's MinHash signature,
/// its band keys and the similar pairs found, so a later pass compares only
/// new and changed documents with all earlier ones.
///
/// - `docs`: a row number (`doc`), the record id, path, published, where the
///   record is (`place`: a shard or `duplicates.jsonl`), XXH3 of its JSON
///   line (`line`: unchanged line, nothing to do), the folded text's key
///   (`exact`), the signature and band keys, the pass that last saw it,
///   whether its pairs are found (`linked`) and the cluster annotation its
///   record carries (`written`: `cluster|duplicate_of`);
/// - `bands`: (key, doc), the LSH index; each band's key is seeded by its
///   band number, so one column holds every band;
/// - `edges`: pairs of docs (a < b) whose estimated similarity passed the threshold;
/// - `settings`: the parameters the signatures were made with, and the pass count.
///
/// Threading: one client, the pass that holds the corpus lock.
final class DedupStore: Sendable {
    static let fileName = "dedup.sqlite"
    static let schema = "4"
    let db: DatabaseQueue

    init(directory: URL, parameters: DedupParameters) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // A page cache (bounded: 256 MiB) that holds the band index's hot
            // pages. The rollback journal keeps every commit atomic; a WAL
            // would write a first pass's pages twice.
            try db.execute(sql: "PRAGMA cache_size = -262144")
        }
        db = try DatabaseQueue(path: directory.appendingPathComponent(Self.fileName).path, configuration: configuration)
        try db.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            // Signatures made under other parameters (or another layout) are not comparable: start again.
            let stored = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'parameters'")
            if stored != parameters.summary + " s" + Self.schema {
                try db.execute(
                    sql:
                        "DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS bands; DROP TABLE IF EXISTS edges; DROP TABLE IF EXISTS shards"
                )
                try db.execute(
                    sql: "INSERT OR REPLACE INTO settings (key, value) VALUES ('parameters', ?)",
                    arguments: [parameters.summary + " s" + Self.schema])
            }
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS docs (
                        doc INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL, published TEXT,
                        place TEXT NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL,
                        line INTEGER NOT NULL, exact INTEGER NOT NULL, signature BLOB NOT NULL,
                        bands BLOB NOT NULL, seen INTEGER NOT NULL, linked INTEGER NOT NULL, banded INTEGER NOT NULL,
                        written TEXT NOT NULL);
                    CREATE INDEX IF NOT EXISTS docs_unlinked ON docs (linked) WHERE linked = 0;
                    CREATE INDEX IF NOT EXISTS docs_unbanded ON docs (banded) WHERE banded = 0;
                    CREATE INDEX IF NOT EXISTS docs_exact ON docs (exact);
                    CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, doc INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS edges (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
                    CREATE INDEX IF NOT EXISTS edges_by_b ON edges (b);
                    CREATE TABLE IF NOT EXISTS shards (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL);
                    """)
        }
    }

    /// Before many documents are added at once (a first pass, a merge): the
    /// band index goes, so rows are appended instead of inserted at random
    /// places of a B-tree; ``indexBands()`` builds it again by one sort.
    func dropBandIndex() throws {
        try db.write { db in try db.execute(sql: "DROP INDEX IF EXISTS bands_by_key") }
    }

    func indexBands() throws {
        try db.write { db in try db.execute(sql: "CREATE INDEX IF NOT EXISTS bands_by_key ON bands (key, doc)") }
    }

    /// The shards every line of which a pass has read (or written), with their checksums:
    /// shards never change once complete, so a later pass need not read them again.
    func readShards() throws -> [String: String] {
        try db.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sha256 FROM shards").map {
                    ($0[0] as String, $0[1] as String)
                })
        }
    }

    func rememberShards(_ shards: [Manifest.Shard]) throws {
        try db.write { db in
            for s in shards {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO shards (name, sha256) VALUES (?, ?)", arguments: [s.name, s.sha256])
            }
        }
    }

    /// A document of a shard read before stays without being read or
    /// touched (rewriting every row each night would cost more than the
    /// night's new documents), unless a tombstone has since buried it there:
    /// then it loses its place, and ``SimilarityGraph/forget(before:keeping:)``
    /// forgets it unless this pass saw it elsewhere.
    func unplaceBuried(_ buried: Set<RecordLocation>, in shards: Set<String>) throws {
        try db.write { db in
            let unplace = try db.cachedStatement(sql: "UPDATE docs SET place = '' WHERE id = ? AND place = ?")
            for t in buried where shards.contains(t.shard) { try unplace.execute(arguments: [t.id, t.shard]) }
        }
    }

    /// Starts a pass and returns its number. Documents a killed pass stored
    /// without their band rows are forgotten first: they are signed again.
    func beginPass() throws -> Int {
        try db.write { db in
            try db.execute(sql: "DELETE FROM docs WHERE banded = 0")
            let last = Int(try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'pass'") ?? "0") ?? 0
            try db.execute(
                sql: "INSERT OR REPLACE INTO settings (key, value) VALUES ('pass', ?)", arguments: ["\(last + 1)"])
            return last + 1
        }
    }

    func documentCount() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM docs") ?? 0 }
    }

    func unlinkedCount() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM docs WHERE linked = 0") ?? 0 }
    }

    func signature(of doc: Int64) throws -> [UInt32]? {
        try db.read { db in
            try Data.fetchOne(db, sql: "SELECT signature FROM docs WHERE doc = ?", arguments: [doc]).map(Self.decode)
        }
    }

    static func encode<T: FixedWidthInteger>(_ values: [T]) -> Data { values.withUnsafeBytes { Data($0) } }

    static func decode<T: FixedWidthInteger>(_ data: Data) -> [T] {
        data.withUnsafeBytes { raw in
            (0..<(raw.count / MemoryLayout<T>.size)).map {
                raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)
            }
        }
    }
}

/// One signed document, ready to store.
struct SignedDocument: Sendable {
    var id: String
    var path: String
    var published: String?
    var place: String
    var offset: Int
    var length: Int
    var line: Int64
    var exact: Int64
    var signature: [UInt32]
    var bandKeys: [Int64]
    var written: String
}
