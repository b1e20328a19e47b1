import Crypto
import Foundation

/// Which part of the inputs one task of a distributed run processes: shard
/// `index` of `count`, chosen by a stable hash of each input's relative path,
/// so that every machine agrees without talking and a re-run picks the same
/// inputs. Docs/Distributed.md.
public struct ShardSelection: Sendable, Equatable, Codable {
    /// 0-based.
    public var index: Int
    public var count: Int
    /// How the shard was chosen: `flag` (`--shard K/N`), `slurm` (`SLURM_ARRAY_TASK_*`)
    /// or `kubernetes` (`JOB_COMPLETION_INDEX` with `--shard-count`).
    public var source: String

    public init(index: Int, count: Int, source: String) {
        self.index = index
        self.count = count
        self.source = source
    }

    /// The output folder of this shard inside the run's `--out`: `shard-K-of-N`.
    public var directoryName: String { "shard-\(index)-of-\(count)" }

    /// Whether the input at `relativePath` is this shard's.
    public func contains(_ relativePath: String) -> Bool { Self.shard(of: relativePath, count: count) == index }

    /// The shard of a path: the first 8 bytes of the SHA-256 of its UTF-8
    /// bytes, as a big-endian integer, modulo `count`. Fixed forever: changing
    /// it would make a resumed task pick other inputs than the ones it started.
    public static func shard(of relativePath: String, count: Int) -> Int {
        let digest = SHA256.hash(data: Data(relativePath.utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return Int(value % UInt64(count))
    }

    /// Parses `K/N` (0 ≤ K < N).
    public static func parse(_ text: String, source: String = "flag") -> ShardSelection? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n > 0, k >= 0, k < n else { return nil }
        return ShardSelection(index: k, count: n, source: source)
    }
}
