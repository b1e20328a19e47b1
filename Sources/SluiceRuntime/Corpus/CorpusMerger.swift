import Foundation

/// `sluice merge`: the shard directories of a distributed run (`OUT/shard-K-of-N`)
/// into one corpus whose current records equal a single run's over the same input.
///
/// It checks first and writes only when everything holds: every directory has a
/// complete manifest of a shard run, all of one input root and one N, every K
/// present exactly once (unless `allowPartial`), and every shard file true to
/// its checksum. Then it hard-links the shard files into the output (copying
/// when the output is on another file system), renamed `part-sKKKKK-NNNNN.jsonl`,
/// concatenates the error and skip lines, remaps the tombstones, and writes one
/// manifest with the counts summed. Re-running replaces a previous merge's files:
/// merging is idempotent. The merged directory has no ledger; to update the
/// corpus, re-run the shards and merge again.
package struct CorpusMerger {
    package var sources: [URL]
    package var output: URL
    package var allowPartial: Bool

    package init(sources: [URL], output: URL, allowPartial: Bool = false) {
        self.sources = sources
        self.output = output
        self.allowPartial = allowPartial
    }

    package struct Failure: Error, CustomStringConvertible {
        /// Every problem found, one per line, each naming the shard directory.
        package var problems: [String]
        package var description: String {
            "the shards cannot be merged:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
        }
    }

    /// A shard directory that passed the checks.
    struct Checked {
        var directory: URL
        var manifest: Manifest
        var shard: ShardSelection
    }

    @discardableResult
    package func merge() throws -> Manifest {
        let started = Date()
        let shards = try check()
        let count = shards[0].shard.count
        let missing = (0..<count).filter { k in !shards.contains { $0.shard.index == k } }
        try prepareOutput()
        var entries: [Manifest.Shard] = []
        var tombstones = Data()
        var hardlinked = true
        let side = try SideFiles(output)
        for s in shards {
            let linked = try linkShardFiles(of: s)
            entries += linked.entries
            hardlinked = hardlinked && linked.hardlinked
            for location in try CorpusReader(directory: s.directory, manifest: s.manifest).tombstones() {
                guard let name = linked.renamed[location.shard] else { continue }
                var line = ""
                JSONText.writeObject(["shard": .string(name), "id": .string(location.id)], to: &line)
                tombstones += Data((line + "\n").utf8)
            }
            try side.append(from: s.directory)
        }
        try side.finish()
        try tombstones.write(to: output.appendingPathComponent("tombstones.jsonl"), options: .atomic)
        let manifest = merged(shards, entries: entries, started: started, missing: missing, hardlinked: hardlinked)
        try manifest.encoded().write(to: output.appendingPathComponent(Manifest.fileName), options: .atomic)
        return manifest
    }

    /// Hard-links (or, across file systems, copies) one shard run's files into
    /// the output as `part-sKKKKK-NNNNN.jsonl`.
    private func linkShardFiles(of s: Checked) throws -> (
        entries: [Manifest.Shard], renamed: [String: String], hardlinked: Bool
    ) {
        var entries: [Manifest.Shard] = []
        var renamed: [String: String] = [:]
        var hardlinked = true
        for shard in s.manifest.shards {
            let name = String(format: "part-s%05d-", s.shard.index) + shard.name.dropFirst("part-".count)
            renamed[shard.name] = name
            let from = s.directory.appendingPathComponent(shard.name).path
            let to = output.appendingPathComponent(name).path
            if link(from, to) != 0 {
                guard errno == EXDEV || errno == EPERM || errno == EMLINK else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to])
                }
                try FileManager.default.copyItem(atPath: from, toPath: to)
                hardlinked = false
            }
            entries.append(Manifest.Shard(name: name, sha256: shard.sha256, records: shard.records, bytes: shard.bytes))
        }
        return (entries, renamed, hardlinked)
    }

    /// Every reason the sources cannot be merged, gathered before anything is written.
    func check() throws -> [Checked] {
        if sources.isEmpty { throw Failure(problems: ["no shard directories given"]) }
        var (checked, problems) = checkEach()
        problems += checkTogether(checked)
        if !problems.isEmpty { throw Failure(problems: problems) }
        return checked.sorted { $0.shard.index < $1.shard.index }
    }

    /// Each directory on its own: a complete, intact manifest of a shard run.
    private func checkEach() -> ([Checked], [String]) {
        var problems: [String] = []
        var checked: [Checked] = []
        for directory in sources {
            let name = directory.lastPathComponent
            guard let manifest = try? Manifest.read(from: directory) else {
                problems.append(
                    "\(name): no readable manifest.json; the shard has not finished: run it (again) to completion")
                continue
            }
            guard let shard = manifest.shard else {
                problems.append("\(name): not the output of a sharded run (`sluice ingest --shard K/N`)")
                continue
            }
            if manifest.status != "complete" {
                problems.append("\(name): the run is \(manifest.status); run the same command again to finish it")
            }
            let damage = CorpusReader(directory: directory, manifest: manifest).verify()
            problems += damage.map { "\(name): \($0)" }
            checked.append(Checked(directory: directory, manifest: manifest, shard: shard))
        }
        return (checked, problems)
    }

    /// The directories together: one input, one N, each K once, none missing (unless allowed).
    private func checkTogether(_ checked: [Checked]) -> [String] {
        var problems: [String] = []
        if Set(checked.map(\.manifest.inputRoot)).count > 1 {
            problems.append(
                "the shards come from different inputs: "
                    + checked.map { "\($0.directory.lastPathComponent) read \($0.manifest.inputRoot)" }.joined(
                        separator: ", "))
        }
        let counts = Set(checked.map(\.shard.count))
        if counts.count > 1 {
            problems.append(
                "the shards split the input differently: "
                    + checked.map { "\($0.directory.lastPathComponent) is \($0.shard.index) of \($0.shard.count)" }
                    .joined(separator: ", ") + "; merge the shards of one run")
        }
        for index in Set(checked.map(\.shard.index)) {
            let same = checked.filter { $0.shard.index == index }
            if same.count > 1 {
                problems.append(
                    "shard \(index) is given \(same.count) times: " + same.map(\.directory.path).joined(separator: ", ")
                )
            }
        }
        problems += metaTypeConflicts(checked)
        if let n = counts.first, counts.count == 1, !allowPartial {
            let missing = (0..<n).filter { k in !checked.contains { $0.shard.index == k } }
            if !missing.isEmpty {
                problems.append(
                    "missing: " + missing.map { "shard-\($0)-of-\(n)" }.joined(separator: ", ")
                        + "; run those tasks, or pass --allow-partial to merge without them")
            }
        }
        return problems
    }

    /// One JSON type per meta key in the merged corpus too: each shard's ledger
    /// fixed its own types, so two shards may disagree.
    private func metaTypeConflicts(_ checked: [Checked]) -> [String] {
        var first: [String: (type: String, shard: String, path: String)] = [:]
        var problems: [String] = []
        for c in checked.sorted(by: { $0.shard.index < $1.shard.index }) {
            let name = c.directory.lastPathComponent
            let types = (try? Ledger(readingAt: c.directory).metaTypes()) ?? [:]
            for (key, t) in types.sorted(by: { $0.key < $1.key }) {
                guard let earlier = first[key] else {
                    first[key] = (t.type, name, t.path)
                    continue
                }
                if earlier.type != t.type {
                    problems.append(
                        "meta key '\(key)' is \(MetaTypes.withArticle(earlier.type)) in \(earlier.shard) (first in '\(earlier.path)') but \(MetaTypes.withArticle(t.type)) in \(name) (first in '\(t.path)'); a corpus keeps one type per key: make the plugin write one type, then re-run the shards with --full"
                    )
                }
            }
        }
        return problems
    }

    /// The output must be new, empty, or a previous merge (whose files are replaced).
    private func prepareOutput() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: output.path) {
            let names = try fm.contentsOfDirectory(atPath: output.path)
            if !names.isEmpty {
                guard let previous = try? Manifest.read(from: output), previous.merge != nil else {
                    throw Failure(problems: [
                        "\(output.path) is not empty and not a merged corpus; give a new or empty directory"
                    ])
                }
                for name in names where OutputDirectory.isCorpusFile(name) {
                    try fm.removeItem(at: output.appendingPathComponent(name))
                }
            }
        } else {
            try fm.createDirectory(at: output, withIntermediateDirectories: true)
        }
    }

    private func merged(
        _ shards: [Checked], entries: [Manifest.Shard], started: Date, missing: [Int], hardlinked: Bool
    ) -> Manifest {
        let first = shards[0].manifest
        var counts = Manifest.Counts()
        var changes = Manifest.Changes()
        var breakdown = Manifest.Breakdown()
        for s in shards {
            counts.add(s.manifest.counts)
            changes.add(s.manifest.run.changes)
            breakdown.add(s.manifest.breakdown)
        }
        // Every task walks the whole tree, so each saw the same hidden entries.
        counts.hiddenIgnored = shards.map(\.manifest.counts.hiddenIgnored).max() ?? 0
        func total(_ pick: (Manifest) -> Int) -> Int { shards.reduce(0) { $0 + pick($1.manifest) } }
        let finished = Date()
        let iso = ISO8601DateFormatter()
        return Manifest(
            schemaVersion: first.schemaVersion, sluiceVersion: SluiceVersion.current,
            status: missing.isEmpty ? "complete" : "partial", failure: nil, inputRoot: first.inputRoot,
            commandLine: CommandLine.arguments, started: iso.string(from: started),
            finished: iso.string(from: finished), elapsedSeconds: finished.timeIntervalSince(started),
            jobs: total(\.jobs), plugins: first.plugins,
            counts: counts,
            run: .init(
                generation: shards.map(\.manifest.run.generation).max() ?? 1, changes: changes,
                full: shards.allSatisfy(\.manifest.run.full)),
            corpus: .init(records: total(\.corpus.records), tombstones: total(\.corpus.tombstones)),
            breakdown: breakdown, shards: entries, shard: nil,
            merge: .init(
                shardCount: shards[0].shard.count, sources: shards.map(\.directory.path), missing: missing,
                files: hardlinked ? "hardlinked" : "copied"))
    }
}

/// The merged `errors.jsonl` and `skipped.jsonl`: each shard run's lines
/// appended in blocks (memory stays flat), renamed into place when complete.
private final class SideFiles {
    static let names = ["errors.jsonl", "skipped.jsonl"]
    let output: URL
    private var handles: [String: FileHandle] = [:]

    init(_ output: URL) throws {
        self.output = output
        for name in Self.names {
            let url = output.appendingPathComponent(name + ".tmp")
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            handles[name] = try FileHandle(forWritingTo: url)
        }
    }

    func append(from directory: URL) throws {
        for name in Self.names {
            guard let source = FileHandle(forReadingAtPath: directory.appendingPathComponent(name).path) else {
                continue
            }
            defer { try? source.close() }
            while let block = try source.read(upToCount: 1 << 20), !block.isEmpty {
                try handles[name]!.write(contentsOf: block)
            }
        }
    }

    func finish() throws {
        for name in Self.names {
            try handles[name]!.close()
            try FileManager.default.moveItem(
                at: output.appendingPathComponent(name + ".tmp"), to: output.appendingPathComponent(name))
        }
    }
}
