import Foundation
import GRDB

/// The ledger's tables, as GRDB migrations: a corpus written by an older
/// Sluice is brought up to date when a run opens it, once.
///
/// - `inputs`: one row per input (file facts nullable: an input explained at
///   discovery was never read), the generation that last saw it, its error
///   and skip lines verbatim, and the `linked_from` id its record carries;
/// - `input_records`: its records (input, ordinal, shard, id), indexed by shard;
/// - `input_plugins`: the plugin versions that produced its outcomes;
/// - `page_links`: crawl paths a page links as attachments (target, page);
/// - `meta_types`: the JSON type of each `meta` key and the first record that gave it;
/// - `shards`, `tombstones`, `runs`: the corpus files and the run history
///   (each run with the routing signature of its plugin set).
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: Sluice 0.1") { db in try createVersion1(db) }
        migrator.registerMigration("v2: typed rows") { db in try typedRows(db) }
        migrator.registerMigration("v3: routing and counts per run, meta types") { db in
            try db.alter(table: "runs") { t in
                t.add(column: "routing", .text)
                // What each run did, for the report's run history.
                t.add(column: "finished", .text)
                t.add(column: "elapsed", .double)
                for column in ["inputs", "new", "changed", "unchanged", "gone", "records", "errors", "skipped"] {
                    t.add(column: column, .integer)
                }
            }
            // The routing signature each input was last routed under (NULL: before 1.0).
            try db.alter(table: "inputs") { t in t.add(column: "routing", .text) }
            try db.create(table: "meta_types") { t in
                t.primaryKey("key", .text)
                t.column("type", .text).notNull()
                t.column("path", .text).notNull()
                t.column("plugin", .text).notNull()
            }
        }
        return migrator
    }

    /// Sluice 0.1's tables, created only where absent: a 0.1 ledger passes through unchanged.
    private static func createVersion1(_ db: Database) throws {
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
        try db.create(table: "links", ifNotExists: true) { t in
            t.primaryKey("target", .text)
            t.column("pagePath", .text).notNull()
            t.column("pageID", .text).notNull()
        }
    }

    /// 0.1 kept records as a JSON string, plugins as "id@version" words and one
    /// page id per link (which went stale when the page changed). Rows instead,
    /// converted once.
    private static func typedRows(_ db: Database) throws {
        try db.create(table: "inputs_v2") { t in
            t.primaryKey("path", .text)
            t.column("size", .integer)
            t.column("mtime", .double)
            t.column("sha256", .text)
            t.column("generation", .integer).notNull()
            t.column("seen", .integer).notNull()
            t.column("errorLines", .text).notNull()
            t.column("skipLines", .text).notNull()
            t.column("linkedFrom", .text)
        }
        try db.create(table: "input_records") { t in
            t.column("input", .text).notNull()
            t.column("ordinal", .integer).notNull()
            t.column("shard", .text).notNull()
            t.column("id", .text).notNull()
            t.primaryKey(["input", "ordinal"])
        }
        try db.create(index: "input_records_by_shard", on: "input_records", columns: ["shard", "id"])
        try db.create(table: "input_plugins") { t in
            t.column("input", .text).notNull()
            t.column("plugin", .text).notNull()
            t.column("version", .text).notNull()
            t.primaryKey(["input", "plugin"])
        }
        try db.create(table: "page_links") { t in
            t.column("target", .text).notNull()
            t.column("page", .text).notNull()
            t.primaryKey(["target", "page"])
        }
        try db.create(index: "page_links_by_page", on: "page_links", columns: ["page"])
        try convertVersion1Rows(db)
        try db.drop(table: "inputs")
        try db.rename(table: "inputs_v2", to: "inputs")
        try db.execute(sql: "INSERT INTO page_links (target, page) SELECT target, pagePath FROM links")
        try db.drop(table: "links")
    }

    private static func convertVersion1Rows(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM inputs")
        while let row = try rows.next() {
            let path: String = row["path"]
            let sha: String = row["sha256"]
            let unread = sha.isEmpty
            try db.execute(
                sql: """
                    INSERT INTO inputs_v2 (path, size, mtime, sha256, generation, seen, errorLines, skipLines)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    path, unread ? nil : row["size"] as Int, unread ? nil : row["mtime"] as Double,
                    unread ? nil : sha, row["generation"], row["seen"], row["errorLines"], row["skipLines"],
                ])
            let records =
                (try? JSONDecoder().decode([[String]].self, from: Data((row["records"] as String).utf8))) ?? []
            for (ordinal, pair) in records.enumerated() where pair.count == 2 {
                try db.execute(
                    sql: "INSERT INTO input_records (input, ordinal, shard, id) VALUES (?, ?, ?, ?)",
                    arguments: [path, ordinal, pair[0], pair[1]])
            }
            for tag in (row["extractors"] as String).split(separator: " ") {
                guard let at = tag.lastIndex(of: "@") else { continue }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO input_plugins (input, plugin, version) VALUES (?, ?, ?)",
                    arguments: [path, String(tag[..<at]), String(tag[tag.index(after: at)...])])
            }
        }
    }
}
