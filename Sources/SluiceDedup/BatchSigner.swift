import Dispatch
import Foundation
import GRDB
import SluicePluginAPI
import SluiceRuntime

/// Signs the records of a pass in batches: unchanged lines are marked seen
/// in one update each; the others are decoded, folded and signed on `jobs`
/// threads, then stored on a queue of its own so that the next batch is
/// signed meanwhile (one batch in flight). The band rows wait in memory (at
/// most ``bandRowsHeld``) and go in sorted by key, so each page of the band
/// index is touched once, not once per batch; a document is `banded` once
/// its rows are in (same transaction), and a pass killed before that leaves
/// unbanded documents, which the next pass forgets and signs again.
///
/// Threading: `add` and `finish` from one thread; signing fans out to `jobs`
/// threads; storing runs on `storing`, which touches only the store (a
/// `DatabaseQueue`) and `failure`, read after `storing` drained.
final class BatchSigner: @unchecked Sendable {
    let store: DedupStore
    let hasher: MinHasher
    let pass: Int
    let jobs: Int
    /// Nothing was signed before this pass: no line can be unchanged, so none is looked up.
    let firstPass: Bool
    private(set) var signed = 0
    private var pending: [Item] = []

    /// One line to sign: its record id, and where it is (file, offset).
    struct Item: Sendable {
        var line: [UInt8]
        var id: String
        var place: String
        var offset: Int
    }
    private let storing = DispatchQueue(label: "sluice.dedup.store")
    private var failure: (any Error)?
    /// Band rows not yet inserted; touched on `storing`, and by `finish` once it drained.
    private var bandRows: [(Int64, Int64)] = []
    static let batchSize = 2048
    /// 4 M rows of 16 bytes: 64 MB.
    static let bandRowsHeld = 4_000_000

    init(store: DedupStore, hasher: MinHasher, pass: Int, jobs: Int, firstPass: Bool) throws {
        self.store = store
        self.hasher = hasher
        self.pass = pass
        self.jobs = jobs
        self.firstPass = firstPass
    }

    func add(_ line: [UInt8], id: String, place: String, offset: Int) throws {
        pending.append(Item(line: line, id: id, place: place, offset: offset))
        if pending.count >= Self.batchSize { try flush() }
    }

    /// Signs and stores what is left, and waits until it is stored.
    func finish() throws {
        try flush()
        storing.sync {}
        if let failure { throw failure }
        try store.db.write { db in try insertBandRows(db) }
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let hashes = batch.map { RecordLine.hash($0.line) }
        var changed = Array(batch.indices)
        if !firstPass {
            storing.sync {}
            // Unchanged lines: seen, and nothing else.
            changed = try store.db.write { db -> [Int] in
                let touch = try db.cachedStatement(
                    sql: "UPDATE docs SET seen = ?, place = ?, offset = ?, length = ? WHERE id = ? AND line = ?")
                return try batch.indices.filter { i in
                    let b = batch[i]
                    try touch.execute(arguments: [pass, b.place, b.offset, b.line.count, b.id, hashes[i]])
                    return db.changesCount == 0
                }
            }
        }
        guard !changed.isEmpty else { return }
        let documents = try sign(changed.map { (batch[$0], hashes[$0]) })
        signed += documents.count
        // The previous batch is stored before this one starts: one in flight.
        storing.sync {}
        if let failure { throw failure }
        storing.async { [self] in
            do { try save(documents) } catch { failure = error }
        }
    }

    private func save(_ documents: [SignedDocument]) throws {
        try store.db.write { db in
            let existing = try db.cachedStatement(sql: "SELECT doc, bands FROM docs WHERE id = ?")
            let update = try db.cachedStatement(
                sql: """
                    UPDATE docs SET path = ?, published = ?, place = ?, offset = ?, length = ?, line = ?, exact = ?,
                    signature = ?, bands = ?, seen = ?, linked = 0, banded = 0, written = ? WHERE doc = ?
                    """)
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO docs (id, path, published, place, offset, length, line, exact, signature, bands, seen,
                    linked, banded, written) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)
                    """)
            let clearBand = try db.cachedStatement(sql: "DELETE FROM bands WHERE key = ? AND doc = ?")
            let clearEdgesA = try db.cachedStatement(sql: "DELETE FROM edges WHERE a = ?")
            let clearEdgesB = try db.cachedStatement(sql: "DELETE FROM edges WHERE b = ?")
            for d in documents {
                let signature = DedupStore.encode(d.signature)
                let keys = DedupStore.encode(d.bandKeys)
                let doc: Int64
                if let old = try Row.fetchOne(existing, arguments: [d.id]) {
                    // A changed text: its old bands and pairs no longer hold.
                    doc = old[0]
                    for key: Int64 in DedupStore.decode(old[1] as Data) {
                        try clearBand.execute(arguments: [key, doc])
                    }
                    try clearEdgesA.execute(arguments: [doc])
                    try clearEdgesB.execute(arguments: [doc])
                    try update.execute(arguments: [
                        d.path, d.published, d.place, d.offset, d.length, d.line, d.exact, signature, keys, pass,
                        d.written, doc,
                    ])
                } else {
                    try insert.execute(arguments: [
                        d.id, d.path, d.published, d.place, d.offset, d.length, d.line, d.exact, signature, keys, pass,
                        d.written,
                    ])
                    doc = db.lastInsertedRowID
                }
                for key in d.bandKeys { bandRows.append((key, doc)) }
            }
            if bandRows.count >= Self.bandRowsHeld { try insertBandRows(db) }
        }
    }

    /// Inserts the band rows held, in key order.
    private func insertBandRows(_ db: Database) throws {
        bandRows.sort { $0 < $1 }
        let band = try db.cachedStatement(sql: "INSERT INTO bands (key, doc) VALUES (?, ?)")
        // Many rows per statement: per-statement overhead would cost more than the insert itself.
        let chunk = 256
        let bands = try db.cachedStatement(
            sql: "INSERT INTO bands (key, doc) VALUES "
                + Array(repeating: "(?, ?)", count: chunk).joined(separator: ", "))
        var start = 0
        while start + chunk <= bandRows.count {
            var values: [any DatabaseValueConvertible] = []
            values.reserveCapacity(chunk * 2)
            for (key, doc) in bandRows[start..<(start + chunk)] {
                values.append(key)
                values.append(doc)
            }
            try bands.execute(arguments: StatementArguments(values))
            start += chunk
        }
        for (key, doc) in bandRows[start...] { try band.execute(arguments: [key, doc]) }
        bandRows.removeAll()
        try db.execute(sql: "UPDATE docs SET banded = 1 WHERE banded = 0")
    }

    private func sign(_ items: [(Item, Int64)]) throws -> [SignedDocument] {
        let results = ParallelSlots<SignedDocument>(count: items.count)
        let hasher = self.hasher
        let width = hasher.parameters.shingleWidth
        let threads = min(jobs, items.count)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let decoder = JSONDecoder()
            for i in stride(from: thread, to: items.count, by: threads) {
                let (item, hash) = items[i]
                let (id, place) = (item.id, item.place)
                guard let record = try? decoder.decode(SigningFields.self, from: Data(item.line)) else {
                    results.set(i, .failure(DedupError.failed("the record \(id) in \(place) is not valid JSON")))
                    continue
                }
                let folded = FoldedText(record.text)
                let shingles = folded.shingles(width: width)
                let signature = hasher.signature(of: shingles)
                results.set(
                    i,
                    .success(
                        SignedDocument(
                            id: id, path: record.path, published: record.published, place: place,
                            offset: item.offset, length: item.line.count, line: hash,
                            exact: shingles.isEmpty ? 0 : Int64(bitPattern: folded.exactKey), signature: signature,
                            // A text with no letter or digit (only symbols) is nobody's duplicate.
                            bandKeys: shingles.isEmpty ? [] : hasher.bandKeys(of: signature),
                            written: RecordLine.annotation(
                                cluster: record.meta?.dupCluster, duplicateOf: record.meta?.duplicateOf))))
            }
        }
        return try results.values()
    }
}

/// What signing reads of a record: decoding the rest would cost time for nothing.
private struct SigningFields: Decodable {
    var path: String
    var published: String?
    var text: String
    var meta: Annotation?

    struct Annotation: Decodable {
        var dupCluster: String?
        var duplicateOf: String?

        enum CodingKeys: String, CodingKey {
            case dupCluster = "dup_cluster"
            case duplicateOf = "duplicate_of"
        }
    }
}
