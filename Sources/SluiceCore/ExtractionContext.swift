/// What an extractor gets besides the document: its options and the limits of
/// the run. Immutable and shared across threads.
public struct ExtractionContext: Sendable {
    /// Options for the extractor being called, from the config file or the
    /// command line (`[plugins.ID]` table), keyed by option name.
    public var options: PluginOptions
    public var limits: ExtractionLimits
    /// How deep in archive nesting the current document is (0 for a file).
    public var depth: Int
    /// What may still be expanded from the top-level input this document
    /// came from; containers take from it as they stream members.
    public var expansion: ExpansionBudget

    public init(
        options: PluginOptions = PluginOptions(), limits: ExtractionLimits = ExtractionLimits(), depth: Int = 0,
        expansion: ExpansionBudget? = nil
    ) {
        self.options = options
        self.limits = limits
        self.depth = depth
        self.expansion = expansion ?? ExpansionBudget(bytes: limits.maxExpandedBytes)
    }
}

/// Options for one plugin: string, integer and boolean values by name.
public struct PluginOptions: Sendable, Equatable {
    public var values: [String: MetaValue]

    public init(_ values: [String: MetaValue] = [:]) { self.values = values }

    public func string(_ key: String) -> String? {
        if case .string(let s) = values[key] { return s }
        return nil
    }

    public func integer(_ key: String) -> Int? {
        if case .integer(let i) = values[key] { return i }
        return nil
    }

    public func boolean(_ key: String) -> Bool? {
        if case .boolean(let b) = values[key] { return b }
        return nil
    }
}

/// Limits that keep a hostile or huge input from hurting the run. Defaults are
/// documented in Docs/RunningOvernight.md.
public struct ExtractionLimits: Sendable, Equatable {
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
        maxDocumentBytes: Int = 256 << 20, maxDepth: Int = 5, maxMembers: Int = 100_000,
        maxExpandedBytes: Int = 8 << 30, maxCompressionRatio: Int = 200
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxMembers = maxMembers
        self.maxExpandedBytes = maxExpandedBytes
        self.maxCompressionRatio = maxCompressionRatio
    }
}
