import GRDB

/// The inputs' rows: committed entries, what change detection reads, and
/// the attachment links between pages and files.
extension Ledger {
    /// Commits, in one transaction, a shard that was just renamed into place
    /// (if any), the inputs whose records are all in complete shards (the
    /// records an entry replaces become tombstones), the unchanged inputs this
    /// run saw, the new modification times of inputs whose content did not
    /// change, the records of inputs a stop cut short (tombstones), and the
    /// meta keys first seen since the last commit.
    func commit(
        shard: Manifest.Shard?, generation: Int, entries: [LedgerEntry], seen: [String] = [],
        refreshed: [(path: String, mtime: Double)] = [], buried: [RecordLocation] = [],
        metaTypes: [String: MetaTypes.Learned] = [:], routing: String? = nil
    ) throws {
        guard shard != nil || !entries.isEmpty || !seen.isEmpty || !refreshed.isEmpty || !buried.isEmpty else {
            return
        }
        try db.write { db in
            try Self.saveMetaTypes(metaTypes, db)
            for r in buried { try Self.bury(r, db) }
            let mark = try db.cachedStatement(sql: "UPDATE inputs SET seen = ? WHERE path = ?")
            for path in seen { try mark.execute(arguments: [generation, path]) }
            // Checked by a worker (content, routing): stamped with this run's routing too.
            let touch = try db.cachedStatement(
                sql: "UPDATE inputs SET seen = ?, mtime = ?, routing = coalesce(?, routing) WHERE path = ?")
            for r in refreshed { try touch.execute(arguments: [generation, r.mtime, routing, r.path]) }
            if let shard {
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO shards (name, generation, sha256, records, bytes) VALUES (?, ?, ?, ?, ?)",
                    arguments: [shard.name, generation, shard.sha256, shard.records, shard.bytes])
            }
            for e in entries { try Self.save(e, seen: generation, routing: routing, db) }
        }
    }

    private static func save(_ e: LedgerEntry, seen generation: Int, routing: String?, _ db: Database) throws {
        let kept = Set(e.records)
        // Cached statements: this runs once per input, and compiling these five
        // each time was most of the ledger's share of a run.
        let old = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT shard, id FROM input_records WHERE input = ?"), arguments: [e.path])
        for row in old {
            let r = RecordLocation(shard: row["shard"], id: row["id"])
            if !kept.contains(r) { try bury(r, db) }
        }
        for sql in [
            "DELETE FROM input_records WHERE input = ?", "DELETE FROM input_plugins WHERE input = ?",
            "DELETE FROM page_links WHERE page = ?",
        ] {
            try db.cachedStatement(sql: sql).execute(arguments: [e.path])
        }
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO inputs (path, size, mtime, sha256, generation, seen, errorLines, skipLines, linkedFrom, routing)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                e.path, e.file?.size, e.file?.mtime, e.file?.sha256, e.generation, generation,
                e.errorLines.joined(separator: "\n"), e.skipLines.joined(separator: "\n"), e.linkedFrom, routing,
            ])
        let record = try db.cachedStatement(
            sql: "INSERT INTO input_records (input, ordinal, shard, id) VALUES (?, ?, ?, ?)")
        for (ordinal, r) in e.records.enumerated() { try record.execute(arguments: [e.path, ordinal, r.shard, r.id]) }
        let plugin = try db.cachedStatement(sql: "INSERT INTO input_plugins (input, plugin, version) VALUES (?, ?, ?)")
        for (id, version) in e.plugins { try plugin.execute(arguments: [e.path, id, version]) }
        let link = try db.cachedStatement(sql: "INSERT OR IGNORE INTO page_links (target, page) VALUES (?, ?)")
        for target in e.links { try link.execute(arguments: [target, e.path]) }
    }

    /// Removes inputs a complete walk of `generation` did not see; their records become tombstones.
    /// - Returns: how many were gone.
    func removeUnseen(generation: Int) throws -> Int {
        try db.write { db in
            let gone = "SELECT path FROM inputs WHERE seen < ?"
            try db.execute(
                sql:
                    // A record in duplicates.jsonl is in no shard: the side file drops its line instead.
                    "INSERT OR IGNORE INTO tombstones (shard, id) SELECT shard, id FROM input_records WHERE input IN (\(gone)) AND shard != ?",
                arguments: [generation, OutputDirectory.duplicatesName])
            for (table, column) in [("input_records", "input"), ("input_plugins", "input"), ("page_links", "page")] {
                try db.execute(sql: "DELETE FROM \(table) WHERE \(column) IN (\(gone))", arguments: [generation])
            }
            try db.execute(sql: "DELETE FROM inputs WHERE seen < ?", arguments: [generation])
            return db.changesCount
        }
    }

    /// The fingerprints of the inputs directly in `directory` ("" for the
    /// root), in two range queries on primary keys: memory stays bounded by
    /// one directory, whatever the size of the crawl.
    func fingerprints(inDirectory directory: String) throws -> [String: LedgerFingerprint] {
        let prefix = directory.isEmpty ? "" : directory + "/"
        // Every path in the directory sorts between "dir/" and "dir0" ("0" follows "/").
        let upper = directory.isEmpty ? "\u{10FFFF}" : directory + "0"
        let arguments: StatementArguments = [prefix, upper, prefix.utf8.count + 1]
        func inDirectory(_ column: String) -> String {
            "\(column) >= ? AND \(column) < ? AND instr(substr(\(column), ?), '/') = 0"
        }
        // `unsafeRead`: the queue still serializes it with this run's writes, and
        // the corpus lock keeps other runs out, so both queries see one state;
        // `read` added a read-only transaction and pragma, which GRDB compiled
        // anew each time: once per directory, a sixth of an unchanged re-run.
        return try db.unsafeRead { db in
            var out: [String: LedgerFingerprint] = [:]
            // Cached: a crawl has thousands of directories, and compiling these
            // two for each was a fifth of an unchanged re-run.
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT path, size, mtime, sha256, errorLines != '' AS hasErrors, linkedFrom, routing FROM inputs
                        WHERE \(inDirectory("path"))
                        """), arguments: arguments)
            while let row = try rows.next() {
                let sha: String? = row["sha256"]
                let file = sha.map { FileFacts(size: row["size"], mtime: row["mtime"], sha256: $0) }
                out[row["path"]] = LedgerFingerprint(
                    file: file, plugins: [:], hasErrors: row["hasErrors"], linkedFrom: row["linkedFrom"],
                    routing: row["routing"])
            }
            let plugins = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT input, plugin, version FROM input_plugins
                        WHERE \(inDirectory("input"))
                        """), arguments: arguments)
            while let row = try plugins.next() {
                out[row["input"]]?.plugins[row["plugin"]] = row["version"]
            }
            return out
        }
    }

    /// The current record id of the page that links the crawl file `target`
    /// (its first record), if a committed page links it. When several pages
    /// do, the one with the smallest path, so the answer does not depend on
    /// thread timing.
    func linkingPage(of target: String) throws -> String? {
        try db.read { db in
            try String.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT r.id FROM page_links l JOIN input_records r ON r.input = l.page AND r.ordinal = 0
                        WHERE l.target = ? ORDER BY l.page LIMIT 1
                        """), arguments: [target])
        }
    }
}
