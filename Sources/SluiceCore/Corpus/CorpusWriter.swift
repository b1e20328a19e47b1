import Foundation

/// Owns a corpus directory's files while a run writes it: the JSON Lines
/// shards, `errors.jsonl` and `skipped.jsonl`.
///
/// A shard is written as `.part-NNNNN.jsonl.partial` and renamed to
/// `part-NNNNN.jsonl` only when complete, so a visible shard is never torn. A
/// new shard starts once the current one passes `shardSizeLimit` bytes.
///
/// Threading: not thread-safe. The scheduler confines every call to one serial
/// queue (the single writer of the run).
final class CorpusWriter {
    let directory: URL
    let shardSizeLimit: Int
    private(set) var shards: [Manifest.Shard] = []
    private(set) var bytesOut = 0

    private var shard: OpenShard?
    private let errors: LineFile
    private let skipped: LineFile

    private struct OpenShard {
        var index: Int
        var file: LineFile
        var hash = StreamingSHA256()
        var records = 0
    }

    init(directory: URL, shardSizeLimit: Int) throws {
        self.directory = directory
        self.shardSizeLimit = max(shardSizeLimit, 1)
        errors = try LineFile(url: directory.appendingPathComponent("errors.jsonl"))
        skipped = try LineFile(url: directory.appendingPathComponent("skipped.jsonl"))
    }

    static func shardName(_ index: Int) -> String {
        let n = String(index)
        return "part-" + String(repeating: "0", count: max(0, 5 - n.count)) + n + ".jsonl"
    }

    func write(_ outcome: DocumentOutcome) throws {
        switch outcome {
        case .record(let record): try append(record)
        case .failed(let entry): try errors.append(Data((entry.jsonLine() + "\n").utf8))
        case .skipped(let entry): try skipped.append(Data((entry.jsonLine() + "\n").utf8))
        case .tally: break  // counted by RunStatistics only
        }
    }

    private func append(_ record: CorpusRecord) throws {
        if shard == nil {
            let index = shards.count
            let url = directory.appendingPathComponent("." + Self.shardName(index) + ".partial")
            shard = OpenShard(index: index, file: try LineFile(url: url))
        }
        let line = Data((record.jsonLine() + "\n").utf8)
        try shard!.file.append(line)
        shard!.hash.update(line)
        shard!.records += 1
        bytesOut += line.count
        if shard!.file.size >= shardSizeLimit { try closeShard() }
    }

    private func closeShard() throws {
        guard let open = shard else { return }
        shard = nil
        try open.file.close()
        let name = Self.shardName(open.index)
        let final = directory.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: final)
        try FileManager.default.moveItem(at: open.file.url, to: final)
        shards.append(
            Manifest.Shard(name: name, sha256: open.hash.finalize(), records: open.records, bytes: open.file.size))
    }

    /// Completes the open shard and closes the side files.
    func finish() throws {
        try closeShard()
        try errors.close()
        try skipped.close()
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

    func close() throws {
        try flush()
        try handle.close()
    }
}
