import Dispatch
import Foundation
import GRDB
import SluicePluginAPI
import SluiceRuntime

/// Signs the records of a pass in batches: unchanged lines are marked seen
/// in one update each; the others are decoded, folded and signed on `jobs`
/// threads, then stored in one transaction per batch.
///
/// Threading: `add` and `flush` from one thread; only the signing fans out.
final class BatchSigner {
    let store: DedupStore
    let hasher: MinHasher
    let pass: Int
    let jobs: Int
    private(set) var signed = 0
    private var pending: [(line: [UInt8], id: String, place: String)] = []
    static let batchSize = 2048

    init(store: DedupStore, hasher: MinHasher, pass: Int, jobs: Int) {
        self.store = store
        self.hasher = hasher
        self.pass = pass
        self.jobs = jobs
    }

    func add(_ line: [UInt8], id: String, place: String) throws {
        pending.append((line, id, place))
        if pending.count >= Self.batchSize { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let hashes = batch.map { RecordLine.hash($0.line) }
        // Unchanged lines: seen, and nothing else.
        let changed = try store.db.write { db -> [Int] in
            let touch = try db.cachedStatement(sql: "UPDATE docs SET seen = ?, place = ? WHERE id = ? AND line = ?")
            return try batch.indices.filter { i in
                try touch.execute(arguments: [pass, batch[i].place, batch[i].id, hashes[i]])
                return db.changesCount == 0
            }
        }
        guard !changed.isEmpty else { return }
        let documents = try sign(changed.map { (batch[$0], hashes[$0]) })
        try store.db.write { db in
            let doc = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO docs (id, path, published, place, line, exact, signature, seen, linked, written)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """)
            let clearBands = try db.cachedStatement(sql: "DELETE FROM bands WHERE id = ?")
            let band = try db.cachedStatement(sql: "INSERT OR IGNORE INTO bands (band, key, id) VALUES (?, ?, ?)")
            let clearEdgesA = try db.cachedStatement(sql: "DELETE FROM edges WHERE a = ?")
            let clearEdgesB = try db.cachedStatement(sql: "DELETE FROM edges WHERE b = ?")
            for d in documents {
                try doc.execute(arguments: [
                    d.id, d.path, d.published, d.place, d.line, d.exact, DedupStore.encode(d.signature), pass,
                    d.written,
                ])
                // A changed text: its old bands and pairs no longer hold.
                try clearBands.execute(arguments: [d.id])
                try clearEdgesA.execute(arguments: [d.id])
                try clearEdgesB.execute(arguments: [d.id])
                for (i, key) in d.bandKeys.enumerated() { try band.execute(arguments: [i, key, d.id]) }
            }
        }
        signed += documents.count
    }

    private func sign(_ items: [((line: [UInt8], id: String, place: String), Int64)]) throws -> [SignedDocument] {
        let results = SignedSlots(count: items.count)
        let hasher = self.hasher
        let width = hasher.parameters.shingleWidth
        let threads = min(jobs, items.count)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let decoder = JSONDecoder()
            for i in stride(from: thread, to: items.count, by: threads) {
                let ((line, id, place), hash) = items[i]
                guard let record = try? decoder.decode(CorpusRecord.self, from: Data(line)) else {
                    results.set(i, .failure(DedupError.failed("the record \(id) in \(place) is not valid JSON")))
                    continue
                }
                let folded = FoldedText(record.text)
                let signature = hasher.signature(of: folded.shingles(width: width))
                results.set(
                    i,
                    .success(
                        SignedDocument(
                            id: id, path: record.path, published: record.published, place: place, line: hash,
                            exact: Int64(bitPattern: folded.exactKey), signature: signature,
                            bandKeys: hasher.bandKeys(of: signature),
                            written: RecordLine.annotation(of: record.meta))))
            }
        }
        return try results.values()
    }
}

/// Results written by index from several threads: each slot is written by
/// exactly one thread, and read only after `concurrentPerform` returns.
private final class SignedSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<SignedDocument, DedupError>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ i: Int, _ value: Result<SignedDocument, DedupError>) { slots[i] = value }

    func values() throws -> [SignedDocument] { try slots.map { try $0!.get() } }
}
