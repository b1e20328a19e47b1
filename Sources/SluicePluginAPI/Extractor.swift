#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A plugin that reads one kind of input. Conform to ``LeafExtractor`` (a
/// document becomes corpus records) or ``ContainerExtractor`` (a document
/// becomes child documents that go back through the registry), not to this
/// protocol alone.
///
/// ## Choosing a plugin
/// The runtime's registry asks the plugins in their order, in five steps; the
/// first plugin that qualifies in a step gets the document:
/// 1. ``accepts`` has ``InputPattern/claimsByName`` and matches the name;
/// 2. a specific plugin's ``sniff(_:)`` ``SniffVerdict/claims`` the first bytes;
/// 3. ``accepts`` matches the name (extension, glob, media type) and the sniff
///    did not ``SniffVerdict/refuses`` the bytes;
/// 4. a generic plugin's (``isGeneric``) sniff claims the bytes;
/// 5. ``accepts`` matches the name even though the sniff refused, so the
///    plugin can say in an error line why it cannot read the file.
///
/// So a `.eml` file reaches the plugin that names `eml` even when its sniff
/// does not recognise the first line, a `.html` file holding plain text (the
/// HTML sniff refuses it) reaches the generic text plugin, and a text file
/// without an extension still finds it. `sluice inspect FILE --explain` shows
/// every plugin's answer for one file.
///
/// ## Threading
/// One instance serves every worker thread at once: `sniff` and `extract` are
/// called concurrently and must not mutate shared state (hence `Sendable`).
/// Keep C library handles local to one call.
public protocol Extractor: Sendable {
    /// Stable identifier, written into every record (`extractor`), e.g. `text`.
    var id: String { get }
    /// Version of the extraction logic, written into every record
    /// (`extractor_version`); bump it when output for the same input changes.
    var version: String { get }
    /// The file names and media types this plugin takes when no specific
    /// plugin's sniff claims the content and its own sniff does not refuse it.
    var accepts: InputPattern { get }
    /// True for a plugin whose sniff claims a broad kind of content (any text):
    /// it is asked after every specific plugin and after name matches, so it
    /// takes a file that a specific plugin names only when that plugin's sniff
    /// refuses it (and `sluice ingest` warns). Default false.
    var isGeneric: Bool { get }
    /// One line for `sluice plugins`: what the sniff recognises.
    var sniffDescription: String { get }
    /// The options this plugin reads from ``ExtractionContext/options`` (the
    /// `[plugins.ID]` table of `sluice.toml`); others are refused before the run.
    var options: [PluginOptionSpec] { get }
    /// Decide from the first bytes (at most 4 KiB) whether the content is
    /// this plugin's: ``SniffVerdict/claims`` it, is ``SniffVerdict/unsure``
    /// (a name match may still bring it here) or ``SniffVerdict/refuses`` it.
    /// Must be fast (no allocation proportional to input, no I/O) and must
    /// not throw: it runs for every input.
    func sniff(_ head: Data) -> SniffVerdict
}

extension Extractor {
    public var sniffDescription: String { "none" }
    public var options: [PluginOptionSpec] { [] }
    public var isGeneric: Bool { false }
}

/// A plugin that turns one document into corpus records.
public protocol LeafExtractor: Extractor {
    /// Extract the document's records (usually one).
    ///
    /// - Throws: ``ExtractionError`` for a document that cannot be read (its
    ///   kind and message land in `errors.jsonl`); ``DocumentSkipped`` for a
    ///   document that holds nothing for the corpus (lands in `skipped.jsonl`).
    ///   Any other error is recorded with kind `plugin`.
    func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction]
}

/// A plugin that opens a bundle (an archive) into child documents.
public protocol ContainerExtractor: Extractor {
    /// Stream the members of `document` into `output`, one at a time; each
    /// child goes back through the registry (and may be a container itself,
    /// up to ``ExtractionLimits/maxDepth``). Report members that are not
    /// documents (links, directories) with ``ContainerOutput/skip(member:reason:detail:)``
    /// and broken ones with ``ContainerOutput/fail(member:error:)``.
    ///
    /// - Throws: ``ExtractionError`` when the container itself is unreadable
    ///   or breaks part-way; the members already emitted are kept.
    func expand(_ document: SourceDocument, context: ExtractionContext, output: ContainerOutput) throws
}
