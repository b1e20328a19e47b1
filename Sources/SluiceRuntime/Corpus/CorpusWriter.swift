import Foundation
import SluicePluginAPI

/// Owns a corpus directory's files and its ledger while a run writes them:
/// the one writer of the run.
///
/// Records go to JSON Lines shards written as `.part-NNNNN.jsonl.partial`
/// and renamed to `part-NNNNN.jsonl` only when complete (fsynced first), so
/// a visible shard is never torn. A shard is completed past
/// `shardSizeLimit` bytes, `checkpointInterval` seconds or ``maxReady``
/// finished inputs; then, in one ledger transaction, the shard and every
/// finished input whose records are all in complete shards are committed. A
/// run killed at any moment therefore loses at most the open shard's inputs,
/// which the next run redoes.
///
/// What workers learn about an input (its file facts, the attachments its
/// page links) arrives here with its outcomes; the writer alone reads and
/// writes the ledger, including the `linked_from` of attachment records.
///
/// Threading: not thread-safe. The scheduler confines every call to one serial
/// queue (``Pipeline``); before and after the pipeline, the run's thread.
final class CorpusWriter {
    let directory: URL
    let shardSizeLimit: Int
    let checkpointInterval: TimeInterval
    let generation: Int
    /// Plugin keys (version, and options when set: ``ExtractorRegistry/pluginKeys(options:)``),
    /// to record which produced each input's outcomes.
    let versions: [String: String]
    /// This run's routing signature, stamped on every input it extracts or checks.
    let routing: String
    private let ledger: Ledger
    private(set) var bytesOut = 0

    private var nextShardIndex: Int
    private var shard: OpenShard?
    private var lastCheckpoint = Date()
    private var pending: [String: Pending] = [:]
    private var ready: [LedgerEntry] = []
    private var unchanged: [String] = []
    private var refreshed: [(path: String, mtime: Double)] = []
    /// Records of abandoned inputs, buried at the next commit.
    private var buried: [RecordLocation] = []
    private var metaTypes: MetaTypes
    /// Told of each record as it is appended to a shard (after its meta
    /// check and links), on the writer's queue, in write order.
    private let recordWritten: (@Sendable (CorpusRecord) -> Void)?

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
        var plugins: [String: String] = [:]
        var links: [String] = []
        var linkedFrom: String?
    }

    /// Opens the corpus directory's ledger, puts the directory back in order
    /// after whatever stopped the last run (``Recovery``) and starts a run.
    init(
        directory: URL, shardSizeLimit: Int, checkpointInterval: TimeInterval, versions: [String: String],
        routing: String, forgetMetaTypes: Bool = false, started: Date,
        recordWritten: (@Sendable (CorpusRecord) -> Void)? = nil
    ) throws {
        self.recordWritten = recordWritten
        self.directory = directory
        self.shardSizeLimit = max(shardSizeLimit, 1)
        self.checkpointInterval = checkpointInterval
        self.versions = versions
        ledger = try Ledger(directory: directory)
        nextShardIndex = try Recovery.recover(ledger: ledger, directory: directory)
        self.routing = routing
        if forgetMetaTypes { try ledger.forgetMetaTypes() }
        metaTypes = MetaTypes(try ledger.metaTypes())
        generation = try ledger.beginRun(started: ISO8601DateFormatter().string(from: started), routing: routing)
    }

    static func shardName(_ index: Int) -> String {
        let n = String(index)
        return "part-" + String(repeating: "0", count: max(0, 5 - n.count)) + n + ".jsonl"
    }

    /// Writes outcomes of the input at `path` (more may follow for a large bundle).
    /// - Returns: the outcomes as written: a record whose meta breaks the
    ///   corpus's types (``MetaTypes``) became an error line.
    @discardableResult
    func write(_ outcomes: [DocumentOutcome], of path: String) throws -> [DocumentOutcome] {
        var p = pending[path] ?? Pending()
        var written: [DocumentOutcome] = []
        written.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            written.append(outcome)
            switch outcome {
            case .record(var record):
                let key = versions[record.extractor] ?? record.extractorVersion
                if let conflict = metaTypes.check(record, pluginKey: key) {
                    let entry = ErrorEntry(record.path, record.members, by: record.extractor, conflict)
                    p.errorLines.append(entry.jsonLine())
                    p.plugins[record.extractor] = key
                    written[written.count - 1] = .failed(entry)
                    continue
                }
                if record.members.isEmpty { try link(&record, &p) }
                p.records.append(RecordLocation(shard: try append(record), id: record.id))
                recordWritten?(record)
                p.plugins[record.extractor] = versions[record.extractor] ?? record.extractorVersion
            case .failed(let entry):
                p.errorLines.append(entry.jsonLine())
                if let x = entry.extractor { p.plugins[x] = versions[x] ?? "?" }
            case .skipped(let entry):
                p.skipLines.append(entry.jsonLine())
                if let x = entry.extractor { p.plugins[x] = versions[x] ?? "?" }
            case .tally:
                break
            }
        }
        pending[path] = p
        return written
    }

    /// A page's record remembers the attachments it links; an attachment's
    /// top-level record gets `meta.linked_from`, the current id of the page
    /// that links it (pages are committed before attachments are extracted).
    private func link(_ record: inout CorpusRecord, _ p: inout Pending) throws {
        p.links += AttachmentLinks.targets(of: record).filter { !p.links.contains($0) }
        guard AttachmentFiles.isAttachment(record.path) else { return }
        if p.linkedFrom == nil { p.linkedFrom = try ledger.linkingPage(of: record.path) }
        if let page = p.linkedFrom { record.meta["linked_from"] = .string(page) }
    }

    /// The input is complete: it is committed at the next checkpoint.
    /// - Parameter file: what was read (nil when the input was never read).
    /// - Returns: the error line written for an input that gave nothing, if it did.
    @discardableResult
    func finish(_ path: String, file: FileFacts?) throws -> ErrorEntry? {
        var p = pending.removeValue(forKey: path) ?? Pending()
        var nothing: ErrorEntry? = nil
        if p.records.isEmpty && p.errorLines.isEmpty && p.skipLines.isEmpty {
            // Every input found lands somewhere: one that gave nothing gets a line saying so.
            let entry = ErrorEntry(
                path: path, members: [], extractor: p.plugins.keys.sorted().first,
                kind: ExtractionError.Kind.empty.rawValue,
                message:
                    "the input gave no document, error or skip (an archive with no members, or a plugin that returned nothing)"
            )
            p.errorLines.append(entry.jsonLine())
            nothing = entry
        }
        ready.append(
            LedgerEntry(
                path: path, file: file, generation: generation, plugins: p.plugins, records: p.records,
                errorLines: p.errorLines, skipLines: p.skipLines, links: p.links, linkedFrom: p.linkedFrom))
        // Entries wait in memory until their shard completes: bound them by
        // count too, so memory does not grow with throughput.
        if ready.count >= Self.maxReady || Date().timeIntervalSince(lastCheckpoint) >= checkpointInterval {
            try checkpoint()
        }
        return nothing
    }

    /// An input cut short by a stop: it is not committed (the next run redoes
    /// it), and the records it already wrote become tombstones at the next
    /// commit, so the corpus never holds half an input.
    func abandon(_ path: String) {
        buried += pending.removeValue(forKey: path)?.records ?? []
    }

    /// Finished inputs held before a checkpoint is forced.
    static let maxReady = 2000

    /// An unchanged input: marked seen by this run at the next checkpoint;
    /// with `mtime`, its content was checked and its modification time moved.
    func unchanged(_ path: String, mtime: Double? = nil) throws {
        if let mtime { refreshed.append((path, mtime)) } else { unchanged.append(path) }
        if unchanged.count + refreshed.count >= 10_000 { try checkpoint() }
    }

    /// The ledger's fingerprints of the inputs directly in `directory`.
    func fingerprints(inDirectory directory: String) throws -> [String: LedgerFingerprint] {
        try ledger.fingerprints(inDirectory: directory)
    }

    /// The current record id of the committed page that links `path`, if any.
    func linkingPage(of path: String) throws -> String? { try ledger.linkingPage(of: path) }

    /// Completes the open shard and commits it with the finished inputs.
    func checkpoint() throws {
        lastCheckpoint = Date()
        let completed = try closeShard()
        try ledger.commit(
            shard: completed, generation: generation, entries: ready, seen: unchanged, refreshed: refreshed,
            buried: buried, metaTypes: metaTypes.unsaved, routing: routing)
        metaTypes.markSaved()
        ready.removeAll()
        unchanged.removeAll()
        refreshed.removeAll()
        buried.removeAll()
    }

    /// Ends the run's writing: commits what is left; after a complete walk,
    /// retires the inputs it did not see; rebuilds the side files.
    /// - Returns: how many inputs were gone.
    func finishWriting(walkedAll: Bool) throws -> Int {
        try checkpoint()
        let gone = walkedAll ? try ledger.removeUnseen(generation: generation) : 0
        try ledger.writeSideFiles(to: directory)
        return gone
    }

    /// The run's end in the ledger's history (`complete`, `interrupted`, `failed`).
    func finishRun(status: String, progress: RunProgress) throws {
        try ledger.finishRun(generation, status: status, progress: progress)
    }

    /// The complete shards and the number of tombstones, for the manifest.
    func corpusFiles() throws -> (shards: [Manifest.Shard], tombstones: Int) {
        (try ledger.shards().map(\.shard), try ledger.tombstoneCount())
    }

    private func append(_ record: CorpusRecord) throws -> String {
        if shard == nil {
            let name = Self.shardName(nextShardIndex)
            nextShardIndex += 1
            let url = directory.appendingPathComponent("." + name + ".partial")
            shard = OpenShard(name: name, file: try LineFile(url: url))
        }
        var utf8 = record.jsonLineUTF8()
        utf8.append(0x0A)
        let line = Data(utf8)
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
        do {
            try open.file.close(synchronize: true)
        } catch {
            // A shard that cannot be completed (a full disk) is given up whole:
            // none of its inputs is committed, and its space is freed.
            try? FileManager.default.removeItem(at: open.file.url)
            throw error
        }
        let final = directory.appendingPathComponent(open.name)
        try? FileManager.default.removeItem(at: final)
        try FileManager.default.moveItem(at: open.file.url, to: final)
        return Manifest.Shard(
            name: open.name, sha256: open.hash.finalize(), records: open.records, bytes: open.file.size)
    }

    /// A run that failed (a full disk) gives up its open shard: none of its
    /// inputs were committed, the next run redoes them, and deleting it first
    /// leaves room for the manifest that says the run failed.
    func discardOpenShard() {
        guard let open = shard else { return }
        shard = nil
        open.file.discard()
        try? FileManager.default.removeItem(at: open.file.url)
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

    /// Closes without writing what is buffered (the file is being deleted).
    func discard() {
        buffer.removeAll()
        try? handle.close()
    }

    /// Flushes, optionally forces the bytes to disk (before a shard is renamed into place), and closes.
    func close(synchronize: Bool = false) throws {
        try flush()
        if synchronize { try handle.synchronize() }
        try handle.close()
    }
}
