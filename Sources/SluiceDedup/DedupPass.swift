import CXXHash
import Dispatch
import Foundation
import GRDB
import SluicePluginAPI
import SluiceRuntime

/// What a near-duplicate pass does besides finding clusters.
public struct DedupOptions: Sendable {
    public var parameters: DedupParameters
    /// Move every duplicate (all but the kept member of a cluster) out of the
    /// shards into `duplicates.jsonl`; without it they stay, annotated.
    public var dropDuplicates: Bool
    /// Threads that sign documents.
    public var jobs: Int

    public init(
        parameters: DedupParameters = DedupParameters(), dropDuplicates: Bool = false,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.parameters = parameters
        self.dropDuplicates = dropDuplicates
        self.jobs = max(jobs, 1)
    }
}

/// One near-duplicate pass over a corpus directory (Docs/Dedup.md):
///
/// 1. **sign**: every current record whose JSON line is new or changed is
///    folded, shingled and MinHash-signed, and its band keys stored
///    (``DedupStore``); an unchanged line costs one hash and one update;
/// 2. **forget** documents no longer in the corpus; their neighbours look again;
/// 3. **link**: candidate pairs (sharing a band) with an unlinked member are
///    checked against the threshold and kept as edges;
/// 4. **cluster**: connected components by union-find over all edges; the
///    kept member is the earliest `published` (undated last), then the
///    shortest path, then the smallest path;
/// 5. **annotate**: records whose `meta.dup_cluster` / `meta.duplicate_of`
///    (or place, with `dropDuplicates`) must change are rewritten through
///    the runtime's ``RecordReviser`` (one commit).
///
/// A shard of a distributed run (`--shard K/N`) is only signed: `sluice merge`
/// carries the signatures over and clusters the whole.
///
/// Threading: `run()` blocks its caller; signing fans out to `jobs` threads.
public struct DedupPass {
    public let directory: URL
    public let options: DedupOptions

    public init(directory: URL, options: DedupOptions = DedupOptions()) {
        self.directory = directory
        self.options = options
    }

    public func run() throws(DedupError) -> Manifest.DedupInfo {
        let manifest: Manifest
        do { manifest = try Manifest.read(from: directory) } catch { throw .notACorpus(directory.path) }
        guard manifest.status == "complete" || manifest.status == "partial" else {
            throw .incomplete(directory.path, status: manifest.status)
        }
        let lock: CorpusLock
        do { lock = try CorpusLock(directory: directory) } catch { throw .locked(error.description) }
        defer { withExtendedLifetime(lock) {} }
        do {
            return try work(manifest)
        } catch let error as DedupError {
            throw error
        } catch {
            throw .failed("\(error)")
        }
    }

    private func work(_ manifest: Manifest) throws -> Manifest.DedupInfo {
        let started = Date()
        let store = try DedupStore(directory: directory, parameters: options.parameters)
        let pass = try store.beginPass()
        let reader = CorpusReader(directory: directory, manifest: manifest)
        let buried = Set(try reader.tombstones())
        // A first pass adds every document: the band index is built once at the end.
        let firstPass = try store.documentCount() == 0
        if firstPass { try store.dropBandIndex() }
        let signer = try BatchSigner(
            store: store, hasher: MinHasher(options.parameters), pass: pass, jobs: options.jobs, firstPass: firstPass)
        // Shards are never rewritten: one read by an earlier pass is only checked against the tombstones.
        let read = try store.readShards()
        let unread = manifest.shards.filter { read[$0.name] != $0.sha256 }.map(\.name)
        let known = Set(manifest.shards.filter { read[$0.name] == $0.sha256 }.map(\.name))
        try store.unplaceBuried(buried, in: known)
        for place in unread + [RecordReviser.duplicatesName] {
            try reader.forEachLineWithOffset(of: place) { line, offset in
                guard let id = RecordLine.id(of: line) else { throw DedupError.failed("a line of \(place) has no id") }
                if buried.contains(RecordLocation(shard: place, id: id)) { return }
                try signer.add(line, id: id, place: place, offset: offset)
            }
        }
        try signer.finish()
        try store.indexBands()
        try SimilarityGraph(store: store, parameters: options.parameters).forget(before: pass, keeping: known)
        let elapsed = { Date().timeIntervalSince(started) }
        guard manifest.shard == nil else {
            // One shard of a distributed run: `sluice merge` clusters across shards.
            let info = Manifest.DedupInfo(
                documents: try store.documentCount(), signed: signer.signed, clusters: 0, duplicates: 0, revised: 0,
                dropped: 0, parameters: options.parameters.summary, elapsedSeconds: elapsed())
            try RecordReviser(directory: directory).apply([], dedup: info)
            try store.rememberShards(manifest.shards)
            return info
        }
        let graph = SimilarityGraph(store: store, parameters: options.parameters)
        try graph.link()
        let clusters = try graph.clusters()
        let annotator = ClusterAnnotator(
            store: store, directory: directory, reader: reader, jobs: options.jobs,
            dropDuplicates: options.dropDuplicates)
        let revisions = try annotator.revisions(for: clusters)
        var info = Manifest.DedupInfo(
            documents: try store.documentCount(), signed: signer.signed, clusters: clusters.count,
            duplicates: clusters.reduce(0) { $0 + $1.count - 1 }, revised: revisions.count, dropped: 0,
            parameters: options.parameters.summary, elapsedSeconds: 0)
        info.dropped = options.dropDuplicates ? info.duplicates : 0
        info.elapsedSeconds = elapsed()
        let shard = try RecordReviser(directory: directory).apply(revisions, dedup: info)
        try annotator.remember(revisions, shard: shard)
        try store.rememberShards(try Manifest.read(from: directory).shards)
        return info
    }
}

/// What a pass reads of a record's JSON line without decoding it.
enum RecordLine {
    /// The `id` of a line Sluice wrote (it starts `{"id":"`); nil otherwise.
    static func id(of line: [UInt8]) -> String? {
        let prefix = Array(#"{"id":""#.utf8)
        guard line.count > prefix.count, line.starts(with: prefix) else { return nil }
        guard let end = line[prefix.count...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: line[prefix.count..<end], as: UTF8.self)
    }

    /// XXH3 of the line: equal means the record is exactly as last seen.
    static func hash(_ line: [UInt8]) -> Int64 {
        Int64(bitPattern: line.withUnsafeBytes { XXH3_64bits($0.baseAddress, $0.count) })
    }

    /// The annotation a record carries: `cluster|duplicate_of`, `|` for none.
    static func annotation(of meta: [String: JSONValue]) -> String {
        func text(_ key: String) -> String {
            if case .string(let s) = meta[key] { return s }
            return ""
        }
        return annotation(cluster: text("dup_cluster"), duplicateOf: text("duplicate_of"))
    }

    static func annotation(cluster: String?, duplicateOf: String?) -> String {
        (cluster ?? "") + "|" + (duplicateOf ?? "")
    }
}

extension DedupPass {
    /// Whether a corpus directory holds signatures (a run or shard signed with `--dedupe`).
    public static func hasSignatures(_ directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(DedupStore.fileName).path)
    }

    /// Copies the signatures of the shard directories of a distributed run
    /// into a merged corpus, so the merge's pass signs nothing again and
    /// clusters across shards: the documents are the same, and so are the
    /// clusters a single run finds. Signatures made under other parameters
    /// are left behind (those documents are signed again).
    public static func importSignatures(from sources: [URL], into directory: URL, parameters: DedupParameters)
        throws(DedupError)
    {
        do {
            let store = try DedupStore(directory: directory, parameters: parameters)
            try store.dropBandIndex()
            for source in sources where hasSignatures(source) {
                let path = source.appendingPathComponent(DedupStore.fileName).path
                try store.db.writeWithoutTransaction { db in
                    try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [path])
                    defer { try? db.execute(sql: "DETACH DATABASE shard") }
                    try db.inTransaction {
                        let stored = try String.fetchOne(
                            db, sql: "SELECT value FROM shard.settings WHERE key = 'parameters'")
                        guard stored == parameters.summary + " s" + DedupStore.schema else { return .commit }
                        // Row numbers are the merge's own: each shard's docs are renumbered, bands follow by id.
                        try db.execute(
                            sql: """
                                INSERT OR IGNORE INTO docs (id, path, published, place, offset, length, line, exact, signature,
                                bands, seen, linked, banded, written)
                                SELECT id, path, published, place, offset, length, line, exact, signature, bands, 0, 0, 1, written
                                FROM shard.docs WHERE banded = 1;
                                INSERT INTO bands (key, doc)
                                SELECT b.key, d.doc FROM shard.bands b JOIN shard.docs s ON s.doc = b.doc JOIN docs d ON d.id = s.id;
                                """)
                        return .commit
                    }
                }
            }
            try store.indexBands()
        } catch {
            throw .failed("cannot carry the shards' signatures over: \(error)")
        }
    }
}
