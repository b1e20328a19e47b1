import Foundation
import GRDB

/// The pairs of similar documents, kept as edges in ``DedupStore``: found
/// from shared LSH bands, checked against the threshold, and clustered.
struct SimilarityGraph {
    let store: DedupStore
    let parameters: DedupParameters

    /// Forgets documents the pass did not see (gone from the corpus): their
    /// bands and edges go, and their neighbours look for pairs again (the
    /// gone document may have been what joined them).
    func forget(before pass: Int) throws {
        try store.db.write { db in
            let gone = try String.fetchAll(db, sql: "SELECT id FROM docs WHERE seen < ?", arguments: [pass])
            for id in gone {
                try db.execute(
                    sql: """
                        UPDATE docs SET linked = 0 WHERE id IN
                        (SELECT b FROM edges WHERE a = ?1 UNION SELECT a FROM edges WHERE b = ?1)
                        """, arguments: [id])
                for sql in [
                    "DELETE FROM edges WHERE a = ?", "DELETE FROM edges WHERE b = ?", "DELETE FROM bands WHERE id = ?",
                    "DELETE FROM docs WHERE id = ?",
                ] {
                    try db.execute(sql: sql, arguments: [id])
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
            Set(try String.fetchAll(db, sql: "SELECT id FROM docs WHERE linked = 0"))
        }
        guard !unlinked.isEmpty else { return }
        var candidates = Set<Pair>()
        if unlinked.count * 4 >= (try store.documentCount()) {
            try scanAllBuckets { bucket in candidates.formUnion(pairs(in: bucket, unlinked: unlinked)) }
        } else {
            try store.db.read { db in
                let keys = try db.cachedStatement(sql: "SELECT band, key FROM bands WHERE id = ?")
                let members = try db.cachedStatement(sql: "SELECT id FROM bands WHERE band = ? AND key = ? ORDER BY id")
                for id in unlinked.sorted() {
                    for row in try Row.fetchAll(keys, arguments: [id]) {
                        let bucket = try String.fetchAll(members, arguments: [row[0] as Int64, row[1] as Int64])
                        candidates.formUnion(pairs(in: bucket, unlinked: unlinked))
                    }
                }
            }
        }
        try verify(candidates)
    }

    /// The pairs of one bucket (ids in order) that have an unlinked member;
    /// past ``DedupParameters/bucketLimit`` members, only pairs with the first.
    private func pairs(in bucket: [String], unlinked: Set<String>) -> [Pair] {
        guard bucket.count > 1 else { return [] }
        var out: [Pair] = []
        if bucket.count > parameters.bucketLimit {
            let first = bucket[0]
            for m in bucket.dropFirst() where unlinked.contains(first) || unlinked.contains(m) {
                out.append(Pair(first, m))
            }
            return out
        }
        for i in bucket.indices {
            for j in (i + 1)..<bucket.count where unlinked.contains(bucket[i]) || unlinked.contains(bucket[j]) {
                out.append(Pair(bucket[i], bucket[j]))
            }
        }
        return out
    }

    /// Calls `body` with each bucket of two or more documents, in index order.
    private func scanAllBuckets(_ body: ([String]) -> Void) throws {
        try store.db.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT band, key, id FROM bands ORDER BY band, key, id")
            var current: (Int64, Int64)?
            var bucket: [String] = []
            while let row = try rows.next() {
                let key = (row[0] as Int64, row[1] as Int64)
                if let c = current, c != key {
                    if bucket.count > 1 { body(bucket) }
                    bucket.removeAll(keepingCapacity: true)
                }
                current = key
                bucket.append(row[2])
            }
            if bucket.count > 1 { body(bucket) }
        }
    }

    /// Keeps the candidate pairs whose signatures agree in at least
    /// `threshold` of their positions, and marks every document linked.
    private func verify(_ candidates: Set<Pair>) throws {
        var cache: [String: [UInt32]] = [:]
        func signature(_ id: String) throws -> [UInt32] {
            if let s = cache[id] { return s }
            if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
            let s = try store.signature(of: id) ?? []
            cache[id] = s
            return s
        }
        var edges: [Pair] = []
        for pair in candidates.sorted()
        where MinHasher.similarity(try signature(pair.a), try signature(pair.b)) >= parameters.threshold {
            edges.append(pair)
        }
        try store.db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO edges (a, b) VALUES (?, ?)")
            for e in edges { try insert.execute(arguments: [e.a, e.b]) }
            try db.execute(sql: "UPDATE docs SET linked = 1 WHERE linked = 0")
        }
    }

    /// Every cluster of two or more documents (connected components of the edges).
    func clusters() throws -> [[String]] {
        var clusters = DuplicateClusters()
        try store.db.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT a, b FROM edges")
            while let row = try rows.next() { clusters.link(row[0], row[1]) }
        }
        return clusters.clusters()
    }
}

/// Two document ids, the smaller first.
struct Pair: Hashable, Comparable {
    let a: String
    let b: String

    init(_ x: String, _ y: String) {
        (a, b) = x < y ? (x, y) : (y, x)
    }

    static func < (l: Pair, r: Pair) -> Bool { (l.a, l.b) < (r.a, r.b) }
}
