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
