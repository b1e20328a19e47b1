/// How near two texts must be to count as duplicates (Docs/Dedup.md).
///
/// With `bands` bands of `rows` rows, a pair of Jaccard similarity `s` shares
/// at least one band with probability `1 - (1 - s^rows)^bands`; the defaults
/// (20 x 5) find a pair at s = 0.6 with probability 0.9996 and at s = 0.5 with
/// 0.47, where FineWeb's 14 x 8 finds 0.6 with 0.21. Republished ministry
/// news (a 来源 line changed, a paragraph dropped, a caption added) sits at
/// 0.6-0.95, so the wider net is needed for recall; precision comes from
/// checking every candidate pair's estimated similarity against `threshold`
/// before it joins a cluster.
public struct DedupParameters: Sendable, Equatable {
    public var bands: Int
    public var rows: Int
    /// Tokens per shingle: characters for CJK text, words for other scripts.
    public var shingleWidth: Int
    /// The estimated Jaccard similarity a candidate pair must reach.
    public var threshold: Double
    /// A band bucket with more documents than this (boilerplate shared by
    /// thousands of pages) links each member to its first member only, not
    /// every pair: comparisons stay linear, and the cluster is the same
    /// whenever its members pass the threshold against that one.
    public var bucketLimit: Int

    public init(bands: Int = 20, rows: Int = 5, shingleWidth: Int = 5, threshold: Double = 0.5, bucketLimit: Int = 50) {
        self.bands = bands
        self.rows = rows
        self.shingleWidth = shingleWidth
        self.threshold = threshold
        self.bucketLimit = bucketLimit
    }

    /// `20x5 w5, 0.5`: stored with the signatures, which are only comparable under the same parameters.
    public var summary: String { "\(bands)x\(rows) w\(shingleWidth), \(threshold)" }
}
