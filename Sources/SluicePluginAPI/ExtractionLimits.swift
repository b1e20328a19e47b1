/// Limits that keep a hostile or huge input from hurting the run. Defaults are
/// documented in Docs/RunningOvernight.md.
public struct ExtractionLimits: Sendable, Equatable, Codable {
    /// Largest document read whole into memory, in bytes.
    public var maxDocumentBytes: Int
    /// Deepest archive nesting (a file is depth 0).
    public var maxDepth: Int
    /// Most members read from one archive.
    public var maxMembers: Int
    /// Most bytes expanded from one top-level input.
    public var maxExpandedBytes: Int
    /// Highest ratio of expanded to compressed size for one member.
    public var maxCompressionRatio: Int

    public init(
        maxDocumentBytes: Int = 64 << 20, maxDepth: Int = 5, maxMembers: Int = 100_000,
        maxExpandedBytes: Int = 8 << 30, maxCompressionRatio: Int = 200
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxMembers = maxMembers
        self.maxExpandedBytes = maxExpandedBytes
        self.maxCompressionRatio = maxCompressionRatio
    }
}
