import Foundation
import GRDB
import SluiceRuntime

/// A full-text index of a corpus: `search.sqlite` beside the ledger, an
/// SQLite FTS5 table with the `trigram` tokenizer, so that any substring of
/// three characters or more is found in Chinese text without a word
/// segmenter, ranked by bm25. Shorter queries fall back to a scan
/// (``SearchQuery``).
///
/// Kept up to date incrementally: shards are immutable once written, so an
/// update indexes the shards it has not seen and deletes the records the
/// corpus has since buried (`tombstones.jsonl`); a corpus rebuilt under it
/// (`--overwrite`) is indexed afresh.
///
/// Threading: one instance, one thread (GRDB's queue serializes the database).
package final class SearchIndex {
    package static let fileName = "search.sqlite"
    let db: DatabaseQueue
    let corpus: URL

    /// Opens (or creates) the index of the corpus at `corpus`.
    package init(corpus: URL) throws {
        self.corpus = corpus
        db = try DatabaseQueue(path: corpus.appendingPathComponent(Self.fileName).path)
        try Self.migrator.migrate(db)
    }

    package static func exists(in corpus: URL) -> Bool {
        FileManager.default.fileExists(atPath: corpus.appendingPathComponent(fileName).path)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            // UNINDEXED columns are stored for filters and display, not tokenized.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE docs USING fts5(
                        id UNINDEXED, shard UNINDEXED, path UNINDEXED, site UNINDEXED, published UNINDEXED,
                        lang UNINDEXED, title, source_org, text, tokenize = 'trigram')
                    """)
            try db.execute(
                sql: "CREATE TABLE doc_keys (rowid INTEGER PRIMARY KEY, shard TEXT NOT NULL, id TEXT NOT NULL)")
            try db.execute(sql: "CREATE INDEX doc_keys_by_record ON doc_keys (shard, id)")
            try db.execute(sql: "CREATE TABLE indexed_shards (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL)")
        }
        return m
    }

    /// What an update did.
    package struct Update: Sendable, Equatable {
        package var added = 0
        package var removed = 0
        package var rebuilt = false
        package var seconds = 0.0
    }

    /// Brings the index up to the corpus: new shards' live records in, buried records out.
    @discardableResult
    package func update() throws -> Update {
        let start = Date()
        let reader = try CorpusReader(directory: corpus)
        var update = Update()
        let shards = Dictionary(uniqueKeysWithValues: reader.manifest.shards.map { ($0.name, $0.sha256) })
        let indexed = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT name, sha256 FROM indexed_shards").map {
                ($0["name"] as String, $0["sha256"] as String)
            }
        }
        // A shard gone or rewritten: the corpus was rebuilt under the index.
        if indexed.contains(where: { shards[$0.0] != $0.1 }) {
            try db.write { db in
                for table in ["docs", "doc_keys", "indexed_shards"] { try db.execute(sql: "DELETE FROM \(table)") }
            }
            update.rebuilt = true
        }
        let done = update.rebuilt ? [] : Set(indexed.map(\.0))
        let buried = Set(try reader.tombstones())
        for shard in reader.manifest.shards where !done.contains(shard.name) {
            update.added += try add(shard: shard, reader: reader, buried: buried)
        }
        update.removed = try remove(buried)
        update.seconds = Date().timeIntervalSince(start)
        return update
    }

    /// Indexes one shard's live records in one transaction.
    private func add(shard: Manifest.Shard, reader: CorpusReader, buried: Set<RecordLocation>) throws -> Int {
        var count = 0
        try db.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO docs (id, shard, path, site, published, lang, title, source_org, text)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let key = try db.cachedStatement(sql: "INSERT INTO doc_keys (rowid, shard, id) VALUES (?, ?, ?)")
            let decoder = JSONDecoder()
            try reader.forEachLine(of: shard.name) { line in
                let r = try decoder.decode(CorpusRecord.self, from: Data(line))
                guard !buried.contains(RecordLocation(shard: shard.name, id: r.id)) else { return }
                let path = ([r.path] + r.members).joined(separator: "/")
                try insert.execute(arguments: [
                    r.id, shard.name, path, r.site, r.published, r.lang, r.title ?? "", r.sourceOrg ?? "",
                    r.text,
                ])
                try key.execute(arguments: [db.lastInsertedRowID, shard.name, r.id])
                count += 1
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO indexed_shards (name, sha256) VALUES (?, ?)",
                arguments: [shard.name, shard.sha256])
        }
        return count
    }

    /// Deletes the records the corpus buried since they were indexed.
    private func remove(_ buried: Set<RecordLocation>) throws -> Int {
        guard !buried.isEmpty else { return 0 }
        return try db.write { db in
            var removed = 0
            let find = try db.cachedStatement(sql: "SELECT rowid FROM doc_keys WHERE shard = ? AND id = ?")
            for r in buried {
                guard let rowid = try Int64.fetchOne(find, arguments: [r.shard, r.id]) else { continue }
                try db.execute(sql: "DELETE FROM docs WHERE rowid = ?", arguments: [rowid])
                try db.execute(sql: "DELETE FROM doc_keys WHERE rowid = ?", arguments: [rowid])
                removed += 1
            }
            return removed
        }
    }

    /// Documents in the index.
    package func count() throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM doc_keys") ?? 0 }
    }
}
