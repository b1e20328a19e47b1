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
/// The ``ExtractorRegistry`` first gives the document to the first plugin whose
/// ``accepts`` pattern has ``InputPattern/claimsByName`` and matches its name.
/// Then it asks every plugin, in registry order, to ``sniff(_:)`` the first
/// bytes; the first that says yes gets the document. Only when none does is
/// ``accepts`` (file name, media type) consulted, again in order. So a `.html`
/// file holding plain text reaches the text plugin, and a text file without an
/// extension still finds it.
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
    /// The file names and media types this plugin takes when sniffing finds no taker.
    var accepts: InputPattern { get }
    /// One line for `sluice plugins`: what the sniff recognises.
    var sniffDescription: String { get }
    /// The options this plugin reads from ``ExtractionContext/options`` (the
    /// `[plugins.ID]` table of `sluice.toml`); others are refused before the run.
    var options: [PluginOptionSpec] { get }
    /// Decide from the first bytes (at most 4 KiB) whether the content is
    /// this plugin's. Must be fast (no allocation proportional to input, no
    /// I/O) and must not throw: it runs for every input.
    func sniff(_ head: Data) -> Bool
}

extension Extractor {
    public var sniffDescription: String { "none" }
    public var options: [PluginOptionSpec] { [] }
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
