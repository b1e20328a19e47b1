import Foundation

/// Reads a finished corpus directory: its manifest, records, error and skip
/// lines, and checks that the shards are what the manifest says.
public struct CorpusReader: Sendable {
    public let directory: URL
    public let manifest: Manifest

    public init(directory: URL) throws {
        self.directory = directory
        manifest = try Manifest.read(from: directory)
    }

    public init(directory: URL, manifest: Manifest) {
        self.directory = directory
        self.manifest = manifest
    }

    /// Every record of every shard, in shard order, superseded ones included.
    public func records() throws -> [CorpusRecord] {
        let decoder = JSONDecoder()
        return try manifest.shards.flatMap { shard in
            try lines(shard.name).map { try decoder.decode(CorpusRecord.self, from: Data($0.utf8)) }
        }
    }

    /// The current corpus: every record less those `tombstones.jsonl` lists
    /// (records of inputs that changed or vanished, or left by a killed run).
    public func currentRecords() throws -> [CorpusRecord] {
        let buried = Set(try tombstones())
        let decoder = JSONDecoder()
        return try manifest.shards.flatMap { shard in
            try lines(shard.name).compactMap { line -> CorpusRecord? in
                let r = try decoder.decode(CorpusRecord.self, from: Data(line.utf8))
                return buried.contains(RecordLocation(shard: shard.name, id: r.id)) ? nil : r
            }
        }
    }

    public func tombstones() throws -> [RecordLocation] {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("tombstones.jsonl").path) else {
            return []
        }
        return try lines("tombstones.jsonl").map { try JSONDecoder().decode(RecordLocation.self, from: Data($0.utf8)) }
    }

    public func errors() throws -> [ErrorEntry] {
        try lines("errors.jsonl").map { try JSONDecoder().decode(ErrorEntry.self, from: Data($0.utf8)) }
    }

    public func skipped() throws -> [SkipEntry] {
        try lines("skipped.jsonl").map { try JSONDecoder().decode(SkipEntry.self, from: Data($0.utf8)) }
    }

    /// Calls `body` with each record of the current corpus, shard by shard,
    /// reading one line at a time: memory does not grow with the corpus.
    public func forEachCurrentRecord(_ body: (CorpusRecord) throws -> Void) throws {
        try forEachCurrentRecord(as: CorpusRecord.self, id: \.id, body)
    }

    /// The same, decoding only the fields of `Fields` (a reader that needs a
    /// few fields skips building the rest of each record).
    package func forEachCurrentRecord<Fields: Decodable>(
        as: Fields.Type, id: KeyPath<Fields, String>, _ body: (Fields) throws -> Void
    ) throws {
        let buried = Set(try tombstones())
        let decoder = JSONDecoder()
        for shard in manifest.shards {
            try forEachLine(of: shard.name) { line in
                let r = try decoder.decode(Fields.self, from: Data(line))
                if !buried.contains(RecordLocation(shard: shard.name, id: r[keyPath: id])) { try body(r) }
            }
        }
    }

    /// Records moved out of the shards as duplicates (`duplicates.jsonl`; empty when there is none).
    public func duplicates() throws -> [CorpusRecord] {
        var out: [CorpusRecord] = []
        try forEachLine(of: OutputDirectory.duplicatesName) {
            out.append(try JSONDecoder().decode(CorpusRecord.self, from: Data($0)))
        }
        return out
    }

    /// Calls `body` with each line of one file of the corpus (none when it is
    /// absent), one line in memory at a time.
    public func forEachLine(of name: String, _ body: ([UInt8]) throws -> Void) throws {
        try Self.forEachLine(of: directory.appendingPathComponent(name), body)
    }

    /// Calls `body` with each non-empty line of one file of the corpus and the
    /// byte offset where it starts, for a reader that comes back for a few lines
    /// later (``line(of:at:length:)``).
    package func forEachLineWithOffset(of name: String, _ body: ([UInt8], Int) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: directory.appendingPathComponent(name).path) else { return }
        defer { try? handle.close() }
        let reader = LineReader(handle)
        var offset = 0
        while let line = reader.next() {
            if !line.isEmpty { try body(line, offset) }
            offset += line.count + 1
        }
    }

    /// The lines at these offsets of one file (each `length` bytes, as ``forEachLineWithOffset(of:_:)`` gave them).
    package func lines(of name: String, at places: [(offset: Int, length: Int)]) throws -> [[UInt8]] {
        let handle = try FileHandle(forReadingFrom: directory.appendingPathComponent(name))
        defer { try? handle.close() }
        return try places.map { p in
            try handle.seek(toOffset: UInt64(p.offset))
            return [UInt8](try handle.read(upToCount: p.length) ?? Data())
        }
    }

    static func forEachLine(of file: URL, _ body: ([UInt8]) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return }
        defer { try? handle.close() }
        let reader = LineReader(handle)
        while let line = reader.next() {
            if !line.isEmpty { try body(line) }
        }
    }

    /// The lines of one file of the corpus, without their newlines.
    public func lines(_ name: String) throws -> [String] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Problems with the shards: a checksum, line count or size that differs
    /// from the manifest, a torn last line, a shard on disk the manifest does
    /// not list. Empty when the corpus is intact.
    public func verify() -> [String] {
        var problems: [String] = []
        for shard in manifest.shards {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(shard.name)) else {
                problems.append("\(shard.name): missing")
                continue
            }
            if SHA256Digest.hex(of: data) != shard.sha256 { problems.append("\(shard.name): checksum differs") }
            if data.count != shard.bytes {
                problems.append("\(shard.name): \(data.count) bytes, manifest says \(shard.bytes)")
            }
            let newlines = data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if newlines != shard.records {
                problems.append("\(shard.name): \(newlines) lines, manifest says \(shard.records)")
            }
            if let last = data.last, last != 0x0A { problems.append("\(shard.name): last line is torn") }
        }
        let listed = Set(manifest.shards.map(\.name))
        let onDisk = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in onDisk where name.hasPrefix("part-") && !listed.contains(name) {
            problems.append("\(name): on disk but not in the manifest")
        }
        if manifest.shards.reduce(0, { $0 + $1.records }) != manifest.corpus.records + manifest.corpus.tombstones {
            problems.append("manifest: shard record counts do not add up to corpus.records + corpus.tombstones")
        }
        return problems
    }
}
