import Foundation
import GRDB

/// `dedup.sqlite`, beside the ledger: every document's MinHash signature,
/// its band keys and the similar pairs found, so a later pass compares only
/// new and changed documents with all earlier ones.
///
/// - `docs`: id, path, published, where the record is (`place`: a shard or
///   `duplicates.jsonl`), XXH3 of its JSON line (`line`: unchanged line,
///   nothing to do), the folded text's key (`exact`), the signature, the pass
///   that last saw it, whether its pairs are found (`linked`) and the cluster
///   annotation its record carries (`written`: `cluster|duplicate_of`);
/// - `bands`: (band, key, id), the LSH index;
/// - `edges`: pairs (a < b) whose estimated similarity passed the threshold;
/// - `settings`: the parameters the signatures were made with, and the pass count.
///
/// Threading: one client, the pass that holds the corpus lock.
final class DedupStore {
    static let fileName = "dedup.sqlite"
    let db: DatabaseQueue

    init(directory: URL, parameters: DedupParameters) throws {
        db = try DatabaseQueue(path: directory.appendingPathComponent(Self.fileName).path)
        try db.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS docs (
                        id TEXT PRIMARY KEY, path TEXT NOT NULL, published TEXT, place TEXT NOT NULL,
                        line INTEGER NOT NULL, exact INTEGER NOT NULL, signature BLOB NOT NULL,
                        seen INTEGER NOT NULL, linked INTEGER NOT NULL, written TEXT NOT NULL);
                    CREATE INDEX IF NOT EXISTS docs_unlinked ON docs (linked) WHERE linked = 0;
                    CREATE TABLE IF NOT EXISTS bands (
                        band INTEGER NOT NULL, key INTEGER NOT NULL, id TEXT NOT NULL,
                        PRIMARY KEY (band, key, id)) WITHOUT ROWID;
                    CREATE INDEX IF NOT EXISTS bands_by_id ON bands (id);
                    CREATE TABLE IF NOT EXISTS edges (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
                    CREATE INDEX IF NOT EXISTS edges_by_b ON edges (b);
                    """)
            // Signatures made under other parameters are not comparable: start again.
            let stored = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'parameters'")
            if stored != parameters.summary {
                try db.execute(sql: "DELETE FROM docs; DELETE FROM bands; DELETE FROM edges;")
                try db.execute(
                    sql: "INSERT OR REPLACE INTO settings (key, value) VALUES ('parameters', ?)",
                    arguments: [parameters.summary])
            }
        }
    }

    /// Starts a pass and returns its number.
    func beginPass() throws -> Int {
        try db.write { db in
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

    func signature(of id: String) throws -> [UInt32]? {
        try db.read { db in
            try Data.fetchOne(db, sql: "SELECT signature FROM docs WHERE id = ?", arguments: [id]).map(Self.decode)
        }
    }

    static func encode(_ signature: [UInt32]) -> Data { signature.withUnsafeBytes { Data($0) } }

    static func decode(_ data: Data) -> [UInt32] {
        data.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
    }
}

/// One signed document, ready to store.
struct SignedDocument: Sendable {
    var id: String
    var path: String
    var published: String?
    var place: String
    var line: Int64
    var exact: Int64
    var signature: [UInt32]
    var bandKeys: [Int64]
    var written: String
}
