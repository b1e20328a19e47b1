import Foundation

/// Rewrites chosen records of a finished corpus in place of the old ones,
/// for a pass that changes records after a run (the near-duplicate pass
/// writes `meta.dup_cluster` and `meta.duplicate_of`).
///
/// The commit is the run's: revised records go to a new shard written as
/// `.part-NNNNN.jsonl.partial`, fsynced and renamed; records moved out of the
/// shards go to `duplicates.jsonl` the same way; then one ledger transaction
/// points each input at its records' new places and buries the old ones
/// (tombstones). A pass killed before the commit leaves an unlisted shard,
/// which the next run's ``Recovery`` deletes, and the ledger as it was. A
/// merged corpus has no ledger: its `tombstones.jsonl` and manifest are
/// rewritten (temporary file, rename) instead.
///
/// Threading: one caller, holding the corpus directory's ``CorpusLock``.
package struct RecordReviser {
    package let directory: URL
    /// Where records moved out of the shards as duplicates live.
    package static let duplicatesName = OutputDirectory.duplicatesName

    /// One record's new content and where the current one is.
    package struct Revision: Sendable {
        package let record: CorpusRecord
        /// The record's JSON line, made once.
        package let line: String
        package let from: RecordLocation
        /// Move it to `duplicates.jsonl` (true) or to a shard (false).
        package let toDuplicates: Bool

        package init(record: CorpusRecord, from: RecordLocation, toDuplicates: Bool) {
            self.record = record
            self.line = record.jsonLine()
            self.from = from
            self.toDuplicates = toDuplicates
        }
    }

    package init(directory: URL) {
        self.directory = directory
    }

    /// Writes the revisions and the manifest (with `dedup`), committing them as one.
    /// - Returns: the new shard's name, when revisions went to one.
    @discardableResult
    package func apply(_ revisions: [Revision], dedup: Manifest.DedupInfo?) throws -> String? {
        var manifest = try Manifest.read(from: directory)
        guard !revisions.isEmpty else {
            // Nothing moves: the side files and the ledger stay as they are.
            manifest.dedup = dedup
            try manifest.encoded().write(to: directory.appendingPathComponent(Manifest.fileName), options: .atomic)
            return nil
        }
        let hasLedger = FileManager.default.fileExists(
            atPath: directory.appendingPathComponent(Ledger.fileName).path)
        let ledger = hasLedger ? try Ledger(directory: directory) : nil
        let toShard = revisions.filter { !$0.toDuplicates }
        var newShard: Manifest.Shard?
        if !toShard.isEmpty {
            newShard = try writeShard(toShard.map(\.line), index: try nextShardIndex(manifest, ledger))
        }
        let duplicatesChanged = revisions.contains {
            $0.toDuplicates || $0.from.shard == OutputDirectory.duplicatesName
        }
        if duplicatesChanged { try rewriteDuplicates(revisions) }
        var moves: [(from: RecordLocation, to: String)] = []
        for r in revisions {
            moves.append((r.from, r.toDuplicates ? OutputDirectory.duplicatesName : newShard?.name ?? ""))
        }
        if let ledger {
            try ledger.relocate(moves, shard: newShard)
            try ledger.writeSideFiles(to: directory)
            manifest.shards = try ledger.shards().map(\.shard)
            manifest.corpus.tombstones = try ledger.tombstoneCount()
        } else {
            if let newShard { manifest.shards.append(newShard) }
            manifest.corpus.tombstones = try appendTombstones(moves.map(\.from))
        }
        manifest.corpus.records = manifest.shards.reduce(0) { $0 + $1.records } - manifest.corpus.tombstones
        manifest.dedup = dedup
        try manifest.encoded().write(to: directory.appendingPathComponent(Manifest.fileName), options: .atomic)
        return newShard?.name
    }

    private func nextShardIndex(_ manifest: Manifest, _ ledger: Ledger?) throws -> Int {
        let names = try ledger?.shards().map(\.shard.name) ?? manifest.shards.map(\.name)
        // part-NNNNN.jsonl and a merge's part-sKKKKK-NNNNN.jsonl: the last five digits.
        let last = names.compactMap { Int($0.dropLast(".jsonl".count).suffix(5)) }.max() ?? -1
        return last + 1
    }

    private func writeShard(_ lines: [String], index: Int) throws -> Manifest.Shard {
        let name = CorpusWriter.shardName(index)
        let file = try LineFile(url: directory.appendingPathComponent("." + name + ".partial"))
        var hash = StreamingSHA256()
        for text in lines {
            let line = Data((text + "\n").utf8)
            try file.append(line)
            hash.update(line)
        }
        try file.close(synchronize: true)
        let final = directory.appendingPathComponent(name)
        guard rename(file.url.path, final.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
        }
        return Manifest.Shard(name: name, sha256: hash.finalize(), records: lines.count, bytes: file.size)
    }

    /// `duplicates.jsonl` less the records leaving it, plus those moving in.
    private func rewriteDuplicates(_ revisions: [Revision]) throws {
        let leaving = Set(revisions.filter { $0.from.shard == OutputDirectory.duplicatesName }.map(\.from.id))
        let file = SideFileWriter(directory, OutputDirectory.duplicatesName)
        let out = try file.open()
        try CorpusReader.forEachLine(of: directory.appendingPathComponent(OutputDirectory.duplicatesName)) { line in
            struct RecordID: Decodable { var id: String }
            let id = try JSONDecoder().decode(RecordID.self, from: Data(line)).id
            if !leaving.contains(id) { try out.append(Data(line) + Data("\n".utf8)) }
        }
        for r in revisions where r.toDuplicates { try out.append(Data((r.line + "\n").utf8)) }
        try file.commit(out)
    }

    /// A corpus without a ledger (a merge): the old places join `tombstones.jsonl`.
    /// - Returns: the number of tombstones now.
    private func appendTombstones(_ buried: [RecordLocation]) throws -> Int {
        let reader = CorpusReader(directory: directory, manifest: try Manifest.read(from: directory))
        var all = Set(try reader.tombstones())
        all.formUnion(buried.filter { $0.shard != OutputDirectory.duplicatesName })
        let file = SideFileWriter(directory, "tombstones.jsonl")
        let out = try file.open()
        for t in all.sorted(by: { ($0.shard, $0.id) < ($1.shard, $1.id) }) {
            var line = ""
            JSONText.writeObject(["shard": .string(t.shard), "id": .string(t.id)], to: &line)
            try out.append(Data((line + "\n").utf8))
        }
        try file.commit(out)
        return all.count
    }
}

/// A corpus file replaced whole: written to `.NAME.tmp`, fsynced, renamed.
private struct SideFileWriter {
    let directory: URL
    let name: String

    init(_ directory: URL, _ name: String) {
        self.directory = directory
        self.name = name
    }

    func open() throws -> LineFile { try LineFile(url: directory.appendingPathComponent("." + name + ".tmp")) }

    func commit(_ file: LineFile) throws {
        try file.close(synchronize: true)
        let final = directory.appendingPathComponent(name)
        guard rename(file.url.path, final.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
        }
    }
}

extension Ledger {
    /// Points records at their new places and buries the old ones, with the
    /// shard that holds them, in one transaction.
    func relocate(_ moves: [(from: RecordLocation, to: String)], shard: Manifest.Shard?) throws {
        try db.write { db in
            if let shard {
                let generation = try Int.fetchOne(db, sql: "SELECT MAX(generation) FROM runs") ?? 0
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO shards (name, generation, sha256, records, bytes) VALUES (?, ?, ?, ?, ?)",
                    arguments: [shard.name, generation, shard.sha256, shard.records, shard.bytes])
            }
            let move = try db.cachedStatement(sql: "UPDATE input_records SET shard = ? WHERE shard = ? AND id = ?")
            for m in moves {
                try move.execute(arguments: [m.to, m.from.shard, m.from.id])
                try Self.bury(m.from, db)
            }
        }
    }
}
