import Foundation

/// Owns a corpus directory's files while a run writes it.
///
/// Records go to JSON Lines shards written as `.part-NNNNN.jsonl.partial`
/// and renamed to `part-NNNNN.jsonl` only when complete (fsynced first), so
/// a visible shard is never torn. A shard is completed past
/// `shardSizeLimit` bytes, `checkpointInterval` seconds or ``maxReady``
/// finished inputs; then, in one
/// ledger transaction, the shard and every finished input whose records
/// are all in complete shards are committed. A run killed at any moment
/// therefore loses at most the open shard's inputs, which the next run redoes.
///
/// `errors.jsonl` and `skipped.jsonl` are rebuilt from the ledger at the end
/// of each run (``IngestRun``), so they hold each input's lines exactly once.
///
/// Threading: not thread-safe. The scheduler confines every call to one serial
/// queue (the single writer of the run).
final class CorpusWriter {
    let directory: URL
    let shardSizeLimit: Int
    let checkpointInterval: TimeInterval
    let ledger: Ledger
    let generation: Int
    /// Plugin versions, to record which produced each input's outcomes.
    let versions: [String: String]
    private(set) var bytesOut = 0

    private var nextShardIndex: Int
    private var shard: OpenShard?
    private var lastCheckpoint = Date()
    private var pending: [String: Pending] = [:]
    private var ready: [Ledger.Entry] = []
    private var unchanged: [String] = []

    private struct OpenShard {
        var name: String
        var file: LineFile
        var hash = StreamingSHA256()
        var records = 0
    }

    private struct Pending {
        var records: [RecordLocation] = []
        var errorLines: [String] = []
        var skipLines: [String] = []
        var extractors = Set<String>()
    }

    /// A finished input, as the ledger needs it.
    struct InputSummary: Sendable {
        var path: String
        var size: Int
        var mtime: Double
        var sha256: String
    }

    init(
        directory: URL, shardSizeLimit: Int, checkpointInterval: TimeInterval, ledger: Ledger, generation: Int,
        firstShardIndex: Int, versions: [String: String]
    ) {
        self.directory = directory
        self.shardSizeLimit = max(shardSizeLimit, 1)
        self.checkpointInterval = checkpointInterval
        self.ledger = ledger
        self.generation = generation
        self.nextShardIndex = firstShardIndex
        self.versions = versions
    }

    static func shardName(_ index: Int) -> String {
        let n = String(index)
        return "part-" + String(repeating: "0", count: max(0, 5 - n.count)) + n + ".jsonl"
    }

    /// Writes outcomes of the input at `path` (more may follow for a large bundle).
    func write(_ outcomes: [DocumentOutcome], of path: String) throws {
        var p = pending[path] ?? Pending()
        for outcome in outcomes {
            switch outcome {
            case .record(let record):
                p.records.append(RecordLocation(shard: try append(record), id: record.id))
                p.extractors.insert(record.extractor + "@" + record.extractorVersion)
            case .failed(let entry):
                p.errorLines.append(entry.jsonLine())
                if let x = entry.extractor { p.extractors.insert(x + "@" + (versions[x] ?? "?")) }
            case .skipped(let entry):
                p.skipLines.append(entry.jsonLine())
                if let x = entry.extractor { p.extractors.insert(x + "@" + (versions[x] ?? "?")) }
            case .tally:
                break
            }
        }
        pending[path] = p
    }

    /// The input is complete: it is committed at the next checkpoint.
    func finish(_ input: InputSummary) throws {
        let p = pending.removeValue(forKey: input.path) ?? Pending()
        ready.append(
            Ledger.Entry(
                path: input.path, size: input.size, mtime: input.mtime, sha256: input.sha256, generation: generation,
                extractors: p.extractors, records: p.records, errorLines: p.errorLines, skipLines: p.skipLines))
        // Entries wait in memory until their shard completes: bound them by
        // count too, so memory does not grow with throughput.
        if ready.count >= Self.maxReady || Date().timeIntervalSince(lastCheckpoint) >= checkpointInterval {
            try checkpoint()
        }
    }

    /// Finished inputs held before a checkpoint is forced.
    static let maxReady = 2000

    /// An unchanged input whose ledger entry needs a new modification time.
    func refresh(_ entry: Ledger.Entry) { ready.append(entry) }

    /// An unchanged input: marked seen by this run at the next checkpoint.
    func seen(_ path: String) throws {
        unchanged.append(path)
        if unchanged.count >= 10_000 { try checkpoint() }
    }

    /// Completes the open shard and commits it with the finished inputs.
    func checkpoint() throws {
        lastCheckpoint = Date()
        let completed = try closeShard()
        try ledger.commit(shard: completed, generation: generation, entries: ready, seen: unchanged)
        ready.removeAll()
        unchanged.removeAll()
    }

    private func append(_ record: CorpusRecord) throws -> String {
        if shard == nil {
            let name = Self.shardName(nextShardIndex)
            nextShardIndex += 1
            let url = directory.appendingPathComponent("." + name + ".partial")
            shard = OpenShard(name: name, file: try LineFile(url: url))
        }
        let line = Data((record.jsonLine() + "\n").utf8)
        try shard!.file.append(line)
        shard!.hash.update(line)
        shard!.records += 1
        bytesOut += line.count
        let name = shard!.name
        if shard!.file.size >= shardSizeLimit { try checkpoint() }
        return name
    }

    private func closeShard() throws -> Manifest.Shard? {
        guard let open = shard else { return nil }
        shard = nil
        try open.file.close(synchronize: true)
        let final = directory.appendingPathComponent(open.name)
        try? FileManager.default.removeItem(at: final)
        try FileManager.default.moveItem(at: open.file.url, to: final)
        let info = Manifest.Shard(
            name: open.name, sha256: open.hash.finalize(), records: open.records, bytes: open.file.size)
        return info
    }

    /// Writes the manifest atomically (temporary file, then rename).
    func writeManifest(_ manifest: Manifest) throws {
        try manifest.encoded().write(to: directory.appendingPathComponent(Manifest.fileName), options: .atomic)
    }
}

/// An append-only file with a write buffer, so that small lines do not cost a
/// system call each.
final class LineFile {
    let url: URL
    private let handle: FileHandle
    private var buffer = Data()
    private(set) var size = 0
    private static let flushThreshold = 1 << 20

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        self.url = url
        handle = try FileHandle(forWritingTo: url)
    }

    func append(_ data: Data) throws {
        buffer.append(data)
        size += data.count
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, optionally forces the bytes to disk (before a shard is renamed into place), and closes.
    func close(synchronize: Bool = false) throws {
        try flush()
        if synchronize { try handle.synchronize() }
        try handle.close()
    }
}
