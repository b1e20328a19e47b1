import Foundation

/// `manifest.json`: what a run did and what its output holds. Written last,
/// atomically; a corpus directory without it is incomplete.
public struct Manifest: Codable, Sendable, Equatable {
    public static let fileName = "manifest.json"

    public var schemaVersion: Int
    public var sluiceVersion: String
    /// `complete`, or `failed` when the run could not finish (the message says why).
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
    public var byPlugin: [String: PluginCounts]
    public var errorsByKind: [String: Int]
    public var skippedByReason: [String: Int]
    public var limitsHit: [String: Int]
    /// Counters reported by containers, e.g. `format:ZIP 2.0 (deflation)` per archive member.
    public var tallies: [String: Int]
    public var shards: [Shard]
    /// The shard of a distributed run this corpus is (nil: the whole input).
    public var shard: ShardSelection?
    /// How a merged corpus was made (nil: written by a run).
    public var merge: MergeInfo?

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

    public struct Counts: Codable, Sendable, Equatable {
        /// Top-level files and entries found under the input root.
        public var inputs: Int
        /// Hidden entries left out (not counted in `inputs`).
        public var hiddenIgnored: Int
        public var records: Int
        public var errors: Int
        public var skipped: Int
        public var bytesIn: Int
        public var bytesOut: Int

        enum CodingKeys: String, CodingKey {
            case inputs, records, errors, skipped
            case hiddenIgnored = "hidden_ignored"
            case bytesIn = "bytes_in"
            case bytesOut = "bytes_out"
        }
    }

    public struct RunInfo: Codable, Sendable, Equatable {
        public var generation: Int
        /// Inputs not in the ledger before, changed since, unchanged (not redone), and vanished.
        public var new: Int
        public var changed: Int
        public var unchanged: Int
        public var gone: Int
        /// `--full`: every input re-extracted.
        public var full: Bool
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
        case byPlugin = "by_plugin"
        case errorsByKind = "errors_by_kind"
        case skippedByReason = "skipped_by_reason"
        case limitsHit = "limits_hit"
        case tallies
        case shards
        case shard, merge
    }

    public static func read(from directory: URL) throws -> Manifest {
        let data = try Data(contentsOf: directory.appendingPathComponent(fileName))
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
