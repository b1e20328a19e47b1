import GRDB

/// What the ledger holds of one input once its outcomes are durable.
package struct LedgerEntry: Sendable, Equatable {
    package var path: String
    /// The file as read; nil for an input that was never read (a symlink or
    /// special file explained at discovery).
    package var file: FileFacts?
    /// The run (generation) that extracted it.
    package var generation: Int
    /// The plugins that produced its outcomes: id to version.
    package var plugins: [String: String]
    /// Its records, in the order written (ordinal 0 is the input's first record).
    package var records: [RecordLocation]
    /// Its lines of `errors.jsonl` and `skipped.jsonl`, verbatim.
    package var errorLines: [String]
    package var skipLines: [String]
    /// The crawl paths its page links as attachments (``AttachmentLinks``).
    package var links: [String]
    /// The page record id written into its record's `meta.linked_from`, if any.
    package var linkedFrom: String?

    package init(
        path: String, file: FileFacts?, generation: Int, plugins: [String: String] = [:],
        records: [RecordLocation] = [], errorLines: [String] = [], skipLines: [String] = [], links: [String] = [],
        linkedFrom: String? = nil
    ) {
        self.path = path
        self.file = file
        self.generation = generation
        self.plugins = plugins
        self.records = records
        self.errorLines = errorLines
        self.skipLines = skipLines
        self.links = links
        self.linkedFrom = linkedFrom
    }
}

/// The facts of a file that change detection compares.
package struct FileFacts: Sendable, Equatable, Codable {
    package var size: Int
    /// Seconds since 1970, with the file system's precision.
    package var mtime: Double
    /// Lower-case hex SHA-256 of the content.
    package var sha256: String

    package init(size: Int, mtime: Double, sha256: String) {
        self.size = size
        self.mtime = mtime
        self.sha256 = sha256
    }
}

/// What change detection needs of an input's entry.
package struct LedgerFingerprint: Sendable, Equatable {
    package var file: FileFacts?
    package var plugins: [String: String]
    /// It has lines in `errors.jsonl` (for `--retry-errors`).
    package var hasErrors: Bool
    package var linkedFrom: String?
    /// The routing signature it was last routed under (nil: before 1.0).
    package var routing: String? = nil
}

/// Where one record is: its shard and its id.
public struct RecordLocation: Sendable, Hashable, Codable {
    public var shard: String
    public var id: String

    public init(shard: String, id: String) {
        self.shard = shard
        self.id = id
    }
}
