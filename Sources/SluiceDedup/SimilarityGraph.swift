import Foundation
import GRDB

/// The pairs of similar documents, kept as edges in ``DedupStore``: found
/// from shared LSH bands, checked against the threshold, and clustered.
struct SimilarityGraph {
    let store: DedupStore
    let parameters: DedupParameters

    /// Forgets documents the pass did not see (gone from the corpus), except
    /// those still in shards it did not need to read (`keeping`): their
    /// bands and edges go, and their neighbours look for pairs again (the
    /// gone document may have been what joined them).
    func forget(before pass: Int, keeping shards: Set<String>) throws {
        try store.db.write { db in
            // Streamed: only the gone documents are held.
            var gone: [Int64] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT doc, place FROM docs WHERE seen < ?", arguments: [pass])
            while let row = try rows.next() {
                if !shards.contains(row[1] as String) { gone.append(row[0]) }
            }
            let bandsOf = try db.cachedStatement(sql: "SELECT bands FROM docs WHERE doc = ?")
            for doc in gone {
                guard let blob = try Data.fetchOne(bandsOf, arguments: [doc]) else { continue }
                try db.execute(
                    sql: """
                        UPDATE docs SET linked = 0 WHERE doc IN
                        (SELECT b FROM edges WHERE a = ?1 UNION SELECT a FROM edges WHERE b = ?1)
                        """, arguments: [doc])
                for key: Int64 in DedupStore.decode(blob) {
                    try db.execute(sql: "DELETE FROM bands WHERE key = ? AND doc = ?", arguments: [key, doc])
                }
                for sql in [
                    "DELETE FROM edges WHERE a = ?", "DELETE FROM edges WHERE b = ?", "DELETE FROM docs WHERE doc = ?",
                ] {
                    try db.execute(sql: sql, arguments: [doc])
                }
            }
        }
    }

    /// Finds the pairs of every unlinked document. When most documents are
    /// unlinked (a first night, a merge) one ordered scan of the band index
    /// beats a lookup per document; otherwise each unlinked document's
    /// buckets are looked up.
    func link() throws {
        let unlinked = try store.db.read { db in
            var bits = DocumentBits()
            let docs = try Int64.fetchCursor(db, sql: "SELECT doc FROM docs WHERE linked = 0")
            while let doc = try docs.next() { bits.insert(doc) }
            return bits
        }
        guard !unlinked.isEmpty else { return }
        let exact = try exactCopies()
        var candidates = Set<Pair>()
        if unlinked.count * 4 >= (try store.documentCount()) {
            try scanAllBuckets { bucket in pairs(in: bucket, unlinked: unlinked, into: &candidates) }
        } else {
            // The unlinked documents' band keys, probed in one join: SQLite walks
            // the index once in key order instead of a statement per key.
            try store.db.writeWithoutTransaction { db in
                try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS probe (key INTEGER PRIMARY KEY)")
                try db.execute(sql: "DELETE FROM probe")
                let keys = try db.cachedStatement(sql: "SELECT bands FROM docs WHERE doc = ?")
                var probe = Set<Int64>()
                for doc in unlinked {
                    guard let blob = try Data.fetchOne(keys, arguments: [doc]) else { continue }
                    for key: Int64 in DedupStore.decode(blob) { probe.insert(key) }
                }
                let chunk = 500
                let add = try db.cachedStatement(
                    sql: "INSERT INTO probe (key) VALUES "
                        + Array(repeating: "(?)", count: chunk).joined(separator: ", "))
                let addOne = try db.cachedStatement(sql: "INSERT INTO probe (key) VALUES (?)")
                let sorted = probe.sorted()
                try db.inTransaction {
                    var start = 0
                    while start + chunk <= sorted.count {
                        try add.execute(arguments: StatementArguments(sorted[start..<(start + chunk)].map { $0 }))
                        start += chunk
                    }
                    for key in sorted[start...] { try addOne.execute(arguments: [key]) }
                    return .commit
                }
                let rows = try Row.fetchCursor(
                    // CROSS JOIN: the few probe keys outside, one index seek each (the planner would scan the index).
                    db,
                    sql: "SELECT p.key, b.doc FROM probe p CROSS JOIN bands b ON b.key = p.key ORDER BY p.key, b.doc")
                try Self.buckets(of: rows) { pairs(in: $0, unlinked: unlinked, into: &candidates) }
                try db.execute(sql: "DROP TABLE probe")
            }
        }
        try verify(candidates.subtracting(exact), certain: exact)
    }

    /// Exact duplicates by the folded text's key, without comparing
    /// signatures: each unlinked document joins the first document with its
    /// key (one edge, however many copies there are). Key 0 marks a text
    /// with no letter or digit, which is nobody's copy.
    private func exactCopies() throws -> Set<Pair> {
        try store.db.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT d.doc, (SELECT MIN(e.doc) FROM docs e WHERE e.exact = d.exact) FROM docs d
                    WHERE d.linked = 0 AND d.exact != 0
                    """)
            var pairs = Set<Pair>()
            while let row = try rows.next() {
                let (doc, first): (Int64, Int64) = (row[0], row[1])
                if doc != first { pairs.insert(Pair(doc, first)) }
            }
            return pairs
        }
    }

    /// The pairs of one bucket (docs in order) that have an unlinked member;
    /// past ``DedupParameters/bucketLimit`` members, only pairs with the first.
    private func pairs(in bucket: [Int64], unlinked: DocumentBits, into out: inout Set<Pair>) {
        guard bucket.count > 1 else { return }
        if bucket.count > parameters.bucketLimit {
            let first = bucket[0]
            for m in bucket.dropFirst() where unlinked.contains(first) || unlinked.contains(m) {
                out.insert(Pair(first, m))
            }
            return
        }
        for i in bucket.indices {
            for j in (i + 1)..<bucket.count where unlinked.contains(bucket[i]) || unlinked.contains(bucket[j]) {
                out.insert(Pair(bucket[i], bucket[j]))
            }
        }
    }

    /// Calls `body` with each bucket of two or more documents, in index order.
    private func scanAllBuckets(_ body: ([Int64]) -> Void) throws {
        try store.db.read { db in
            try Self.buckets(of: try Row.fetchCursor(db, sql: "SELECT key, doc FROM bands ORDER BY key, doc"), body)
        }
    }

    /// Groups rows of (key, doc) in key order into buckets of two or more documents.
    private static func buckets(of rows: RowCursor, _ body: ([Int64]) -> Void) throws {
        var current: Int64?
        var bucket: [Int64] = []
        while let row = try rows.next() {
            let key: Int64 = row[0]
            if let c = current, c != key {
                if bucket.count > 1 { body(bucket) }
                bucket.removeAll(keepingCapacity: true)
            }
            current = key
            bucket.append(row[1])
        }
        if bucket.count > 1 { body(bucket) }
    }

    /// Keeps the candidate pairs whose signatures agree in at least
    /// `threshold` of their positions, and the `certain` ones (exact copies),
    /// and marks every document linked.
    private func verify(_ candidates: Set<Pair>, certain: Set<Pair>) throws {
        var cache: [Int64: [UInt32]] = [:]
        func signature(_ doc: Int64) throws -> [UInt32] {
            if let s = cache[doc] { return s }
            // Bounded: a few hundred bytes each.
            if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
            let s = try store.signature(of: doc) ?? []
            cache[doc] = s
            return s
        }
        var edges = Array(certain)
        for pair in candidates.sorted() {
            let similarity = MinHasher.similarity(try signature(pair.a), try signature(pair.b))
            if similarity >= parameters.threshold { edges.append(pair) }
        }
        try store.db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO edges (a, b) VALUES (?, ?)")
            for e in edges { try insert.execute(arguments: [e.a, e.b]) }
            try db.execute(sql: "UPDATE docs SET linked = 1 WHERE linked = 0")
        }
    }

    /// Every cluster of two or more documents (connected components of the
    /// edges), each as its members' record ids.
    func clusters() throws -> [[String]] {
        var clusters = DuplicateClusters<Int64>()
        try store.db.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT a, b FROM edges")
            while let row = try rows.next() { clusters.link(row[0], row[1]) }
        }
        let groups = clusters.clusters()
        return try store.db.read { db in
            let id = try db.cachedStatement(sql: "SELECT id FROM docs WHERE doc = ?")
            return try groups.map { members in
                try members.compactMap { try String.fetchOne(id, arguments: [$0]) }.sorted()
            }.sorted { $0[0] < $1[0] }
        }
    }
}

/// Two documents, the smaller first.
struct Pair: Hashable, Comparable {
    let a: Int64
    let b: Int64

    init(_ x: Int64, _ y: Int64) {
        (a, b) = x < y ? (x, y) : (y, x)
    }

    static func < (l: Pair, r: Pair) -> Bool { (l.a, l.b) < (r.a, r.b) }
}
