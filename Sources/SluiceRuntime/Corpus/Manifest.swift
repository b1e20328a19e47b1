import Foundation

/// `manifest.json`: what a run did and what its output holds. Written last,
/// atomically; a corpus directory without it is incomplete.
public struct Manifest: Codable, Sendable, Equatable {
    public static let fileName = "manifest.json"

    public var schemaVersion: Int
    public var sluiceVersion: String
    /// `complete`; `interrupted` (stopped by a signal or `requestStop`; run again
    /// to resume); `failed` when the run could not finish (`failure` says why);
    /// `partial` for a merge of some shards of a distributed run (`--allow-partial`).
    public var status: String
    public var failure: String?
    public var inputRoot: String
    public var commandLine: [String]
    public var started: String
    public var finished: String
    public var elapsedSeconds: Double
    public var jobs: Int
    public var plugins: [PluginInfo]
    /// What this run did.
    public var counts: Counts
    /// This run's place in the corpus's history (incremental runs).
    public var run: RunInfo
    /// The current corpus: records in all shards less tombstones.
    public var corpus: CorpusInfo
    /// This run's outcomes by plugin, kind and reason (written at the top level).
    public var breakdown: Breakdown
    public var shards: [Shard]
    /// The shard of a distributed run this corpus is (nil: the whole input).
    public var shard: ShardSelection?
    /// How a merged corpus was made (nil: written by a run).
    public var merge: MergeInfo?
    /// The last near-duplicate pass over this corpus (nil: none since the last run wrote it).
    public var dedup: DedupInfo?

    /// What `sluice dedupe` (or `ingest --dedupe`) found (Docs/Dedup.md).
    public struct DedupInfo: Codable, Sendable, Equatable {
        /// Documents compared: the current records, and those in `duplicates.jsonl`.
        public var documents: Int
        /// Documents signed in this pass (new or changed text); the others kept their signatures.
        public var signed: Int
        /// Clusters of two or more documents, and the documents in them that are not the kept one.
        public var clusters: Int
        public var duplicates: Int
        /// Records rewritten by this pass (their `dup_cluster`/`duplicate_of` changed).
        public var revised: Int
        /// Duplicates moved to `duplicates.jsonl` (`--drop-duplicates`); 0 when they stay in the shards.
        public var dropped: Int
        /// `BANDSxROWS wWIDTH, THRESHOLD` of the MinHash index, e.g. `20x5 w5, 0.5`.
        public var parameters: String
        /// From the pass's start to its commit (the rewrite of the records itself not included).
        public var elapsedSeconds: Double

        public init(
            documents: Int, signed: Int, clusters: Int, duplicates: Int, revised: Int, dropped: Int,
            parameters: String, elapsedSeconds: Double
        ) {
            self.documents = documents
            self.signed = signed
            self.clusters = clusters
            self.duplicates = duplicates
            self.revised = revised
            self.dropped = dropped
            self.parameters = parameters
            self.elapsedSeconds = elapsedSeconds
        }

        enum CodingKeys: String, CodingKey {
            case documents, signed, clusters, duplicates, revised, dropped, parameters
            case elapsedSeconds = "elapsed_seconds"
        }
    }

    public struct MergeInfo: Codable, Sendable, Equatable {
        /// The shard count and the shard directories merged, in shard order.
        public var shardCount: Int
        public var sources: [String]
        /// Shard indices absent from a `--allow-partial` merge (empty when complete).
        public var missing: [Int]
        /// `hardlinked` (the shard files are shared with the shard directories) or `copied`.
        public var files: String

        enum CodingKeys: String, CodingKey {
            case shardCount = "shard_count"
            case sources, missing, files
        }
    }

    public struct PluginInfo: Codable, Sendable, Equatable {
        public var id: String
        public var version: String
    }

    /// The counters of a run: the same value feeds the progress display,
    /// `status.json`, `report.json` and the manifest.
    public struct Counts: Codable, Sendable, Equatable {
        /// Top-level files and entries found under the input root.
        public var inputs = 0
        /// Hidden entries left out (not counted in `inputs`).
        public var hiddenIgnored = 0
        public var records = 0
        public var errors = 0
        public var skipped = 0
        public var bytesIn = 0
        public var bytesOut = 0

        public init() {}

        /// Adds another run's counts (shards of one distributed run).
        public mutating func add(_ o: Counts) {
            inputs += o.inputs
            hiddenIgnored += o.hiddenIgnored
            records += o.records
            errors += o.errors
            skipped += o.skipped
            bytesIn += o.bytesIn
            bytesOut += o.bytesOut
        }

        enum CodingKeys: String, CodingKey {
            case inputs, records, errors, skipped
            case hiddenIgnored = "hidden_ignored"
            case bytesIn = "bytes_in"
            case bytesOut = "bytes_out"
        }
    }

    /// What became of the inputs against the ledger (incremental runs).
    public struct Changes: Codable, Sendable, Equatable {
        /// Inputs not in the ledger before, changed since, unchanged (not redone), and vanished.
        public var new = 0
        public var changed = 0
        public var unchanged = 0
        public var gone = 0
        /// Why the changed inputs were extracted again, by reason (`content`,
        /// `plugins`, `routing`, `full`, `retry-errors`, `linking-page`, `unread`).
        public var reasons: [String: Int] = [:]

        public init() {}

        public mutating func add(_ o: Changes) {
            new += o.new
            changed += o.changed
            unchanged += o.unchanged
            gone += o.gone
            reasons.merge(o.reasons, uniquingKeysWith: +)
        }

        /// One more changed input, for `reason`.
        public mutating func count(_ reason: String) {
            changed += 1
            reasons[reason, default: 0] += 1
        }

        enum CodingKeys: String, CodingKey { case new, changed, unchanged, gone, reasons }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            new = try c.decode(Int.self, forKey: .new)
            changed = try c.decode(Int.self, forKey: .changed)
            unchanged = try c.decode(Int.self, forKey: .unchanged)
            gone = try c.decode(Int.self, forKey: .gone)
            // Manifests before 1.0 have no reasons.
            reasons = try c.decodeIfPresent([String: Int].self, forKey: .reasons) ?? [:]
        }
    }

    public struct RunInfo: Codable, Sendable, Equatable {
        public var generation: Int
        public var changes: Changes
        /// `--full`: every input re-extracted.
        public var full: Bool

        public var new: Int { changes.new }
        public var changed: Int { changes.changed }
        public var unchanged: Int { changes.unchanged }
        public var gone: Int { changes.gone }

        enum CodingKeys: String, CodingKey { case generation, full }

        public init(generation: Int, changes: Changes, full: Bool) {
            self.generation = generation
            self.changes = changes
            self.full = full
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            generation = try c.decode(Int.self, forKey: .generation)
            full = try c.decode(Bool.self, forKey: .full)
            changes = try Changes(from: decoder)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(generation, forKey: .generation)
            try c.encode(full, forKey: .full)
            try changes.encode(to: encoder)
        }
    }

    /// Outcomes by plugin, error kind, skip reason, limit, and the counters containers report.
    public struct Breakdown: Codable, Sendable, Equatable {
        public var byPlugin: [String: PluginCounts] = [:]
        public var errorsByKind: [String: Int] = [:]
        public var skippedByReason: [String: Int] = [:]
        /// Limit errors by the limit's name.
        public var limitsHit: [String: Int] = [:]
        /// Counters reported by containers, e.g. `format:ZIP 2.0 (deflation)` per archive member.
        public var tallies: [String: Int] = [:]

        public init() {}

        /// Takes `o` back out (the outcomes of an input a stop cut short); zero counts disappear.
        public mutating func remove(_ o: Breakdown) {
            for (id, c) in o.byPlugin {
                byPlugin[id, default: .init()].records -= c.records
                byPlugin[id, default: .init()].errors -= c.errors
                byPlugin[id, default: .init()].skipped -= c.skipped
                if byPlugin[id] == PluginCounts() { byPlugin[id] = nil }
            }
            for (key, path) in [
                (o.errorsByKind, \Breakdown.errorsByKind), (o.skippedByReason, \.skippedByReason),
                (o.limitsHit, \.limitsHit), (o.tallies, \.tallies),
            ] as [([String: Int], WritableKeyPath<Breakdown, [String: Int]>)] {
                for (k, n) in key {
                    self[keyPath: path][k, default: 0] -= n
                    if self[keyPath: path][k] == 0 { self[keyPath: path][k] = nil }
                }
            }
        }

        public mutating func add(_ o: Breakdown) {
            for (id, c) in o.byPlugin {
                byPlugin[id, default: .init()].records += c.records
                byPlugin[id, default: .init()].errors += c.errors
                byPlugin[id, default: .init()].skipped += c.skipped
            }
            errorsByKind.merge(o.errorsByKind, uniquingKeysWith: +)
            skippedByReason.merge(o.skippedByReason, uniquingKeysWith: +)
            limitsHit.merge(o.limitsHit, uniquingKeysWith: +)
            tallies.merge(o.tallies, uniquingKeysWith: +)
        }

        enum CodingKeys: String, CodingKey {
            case byPlugin = "by_plugin"
            case errorsByKind = "errors_by_kind"
            case skippedByReason = "skipped_by_reason"
            case limitsHit = "limits_hit"
            case tallies
        }
    }

    public struct CorpusInfo: Codable, Sendable, Equatable {
        public var records: Int
        public var tombstones: Int
    }

    public struct PluginCounts: Codable, Sendable, Equatable {
        public var records = 0
        public var errors = 0
        public var skipped = 0
    }

    public var byPlugin: [String: PluginCounts] { breakdown.byPlugin }
    public var errorsByKind: [String: Int] { breakdown.errorsByKind }
    public var skippedByReason: [String: Int] { breakdown.skippedByReason }
    public var limitsHit: [String: Int] { breakdown.limitsHit }
    public var tallies: [String: Int] { breakdown.tallies }

    public struct Shard: Codable, Sendable, Equatable {
        public var name: String
        public var sha256: String
        public var records: Int
        public var bytes: Int
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case sluiceVersion = "sluice_version"
        case status, failure
        case inputRoot = "input_root"
        case commandLine = "command_line"
        case started, finished
        case elapsedSeconds = "elapsed_seconds"
        case jobs, plugins, counts, run, corpus
        case shards
        case shard, merge, dedup
    }

    public static func read(from directory: URL) throws -> Manifest {
        let data = try Data(contentsOf: directory.appendingPathComponent(fileName))
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}

extension Manifest {
    // The breakdown's keys sit at the top level of manifest.json (as in schema 1).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        sluiceVersion = try c.decode(String.self, forKey: .sluiceVersion)
        status = try c.decode(String.self, forKey: .status)
        failure = try c.decodeIfPresent(String.self, forKey: .failure)
        inputRoot = try c.decode(String.self, forKey: .inputRoot)
        commandLine = try c.decode([String].self, forKey: .commandLine)
        started = try c.decode(String.self, forKey: .started)
        finished = try c.decode(String.self, forKey: .finished)
        elapsedSeconds = try c.decode(Double.self, forKey: .elapsedSeconds)
        jobs = try c.decode(Int.self, forKey: .jobs)
        plugins = try c.decode([PluginInfo].self, forKey: .plugins)
        counts = try c.decode(Counts.self, forKey: .counts)
        run = try c.decode(RunInfo.self, forKey: .run)
        corpus = try c.decode(CorpusInfo.self, forKey: .corpus)
        breakdown = try Breakdown(from: decoder)
        shards = try c.decode([Shard].self, forKey: .shards)
        shard = try c.decodeIfPresent(ShardSelection.self, forKey: .shard)
        merge = try c.decodeIfPresent(MergeInfo.self, forKey: .merge)
        dedup = try c.decodeIfPresent(DedupInfo.self, forKey: .dedup)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(sluiceVersion, forKey: .sluiceVersion)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(failure, forKey: .failure)
        try c.encode(inputRoot, forKey: .inputRoot)
        try c.encode(commandLine, forKey: .commandLine)
        try c.encode(started, forKey: .started)
        try c.encode(finished, forKey: .finished)
        try c.encode(elapsedSeconds, forKey: .elapsedSeconds)
        try c.encode(jobs, forKey: .jobs)
        try c.encode(plugins, forKey: .plugins)
        try c.encode(counts, forKey: .counts)
        try c.encode(run, forKey: .run)
        try c.encode(corpus, forKey: .corpus)
        try breakdown.encode(to: encoder)
        try c.encode(shards, forKey: .shards)
        try c.encodeIfPresent(shard, forKey: .shard)
        try c.encodeIfPresent(merge, forKey: .merge)
        try c.encodeIfPresent(dedup, forKey: .dedup)
    }
}
