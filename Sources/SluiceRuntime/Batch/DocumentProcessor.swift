import Foundation
import SluicePluginAPI
import SluiceText

/// Runs one document through the registry: picks its plugin, calls it, turns
/// what it returns into corpus records, and sends members of containers back
/// through the same path. Every document ends in exactly one outcome per
/// record, or one error, or one skip.
///
/// Stateless and `Sendable`: one instance serves all worker threads. The
/// `sink` is called on the calling thread, in document order.
package struct DocumentProcessor: Sendable {
    package let registry: ExtractorRegistry
    package let limits: ExtractionLimits
    package let pluginOptions: [String: PluginOptions]
    /// Asked before each child of a container: true stops the input there.
    let stopRequested: @Sendable () -> Bool

    package init(
        registry: ExtractorRegistry, limits: ExtractionLimits = ExtractionLimits(),
        pluginOptions: [String: PluginOptions] = [:], stopRequested: @escaping @Sendable () -> Bool = { false }
    ) {
        self.registry = registry
        self.limits = limits
        self.pluginOptions = pluginOptions
        self.stopRequested = stopRequested
    }

    /// How the processing of a document ended.
    package enum Result: Sendable, Equatable {
        /// Every outcome was sent to the sink.
        case finished
        /// The run is stopping: a container was cut short, and the outcomes
        /// already sent for this input must be discarded.
        case stopped
    }

    /// Processes `document` (at archive nesting `depth`) and reports each outcome to `sink`.
    /// `expansion` is the budget of the top-level input (a new one for depth 0);
    /// `digest` its SHA-256 when the caller has it (else it is computed when
    /// a record needs it).
    @discardableResult
    package func process(
        _ document: SourceDocument, digest: String? = nil, depth: Int = 0, expansion: ExpansionBudget? = nil,
        sink: @escaping @Sendable (DocumentOutcome) -> Void
    ) -> Result {
        let routing = registry.route(document)
        guard let chosen = routing.chosen else {
            let what = document.fileExtension.isEmpty ? "this content" : "*.\(document.fileExtension)"
            sink(.skip(document, by: nil, reason: "no-extractor", detail: "no plugin accepts \(what)"))
            return .finished
        }
        let extractor = registry.extractors[chosen]
        if !routing.passedOver.isEmpty {
            sink(.tally(Routing.passedOverTally(document, taker: extractor.id, refusing: routing.passedOver)))
        }
        // Leaf documents are read whole; containers stream their members, each
        // checked against the limit as it is read.
        if extractor is any LeafExtractor, document.size > limits.maxDocumentBytes {
            let message = Self.tooLargeMessage(document.size, limits.maxDocumentBytes)
            sink(.failure(document, by: extractor.id, .limitExceeded("maxDocumentBytes", message)))
            return .finished
        }
        let context = ExtractionContext(
            options: pluginOptions[extractor.id] ?? PluginOptions(), limits: limits, depth: depth,
            expansion: expansion ?? ExpansionBudget(input: document.size, limits: limits))
        do {
            let whole = extractor is any LeafExtractor ? try Self.complete(document) : document
            try run(extractor, on: whole, digest: digest, context: context, sink: sink)
        } catch is ExtractionStopped {
            return .stopped
        } catch let error as ExtractionError {
            sink(.failure(document, by: extractor.id, error))
        } catch let skip as DocumentSkipped {
            sink(.skip(document, by: extractor.id, reason: skip.reason.written(by: extractor.id), detail: skip.detail))
        } catch {
            sink(
                .failure(document, by: extractor.id, ExtractionError(.plugin, "unexpected error from plugin: \(error)"))
            )
        }
        return .finished
    }

    /// Calls the plugin: a leaf's extractions become records; a container's
    /// children go back through ``process(_:digest:depth:expansion:sink:)``.
    private func run(
        _ extractor: any Extractor, on document: SourceDocument, digest: String?, context: ExtractionContext,
        sink: @escaping @Sendable (DocumentOutcome) -> Void
    ) throws {
        switch extractor {
        case let leaf as any LeafExtractor:
            let extractions = try leaf.extract(document, context: context)
            emitRecords(extractions, of: document, digest: digest, by: leaf, sink: sink)
        case let container as any ContainerExtractor:
            let output = ChildRouter(
                processor: self, parent: document, container: container.id, depth: context.depth,
                expansion: context.expansion, sink: sink)
            try container.expand(document, context: context, output: output)
        default:
            throw ExtractionError(
                .plugin, "plugin conforms to neither LeafExtractor nor ContainerExtractor; fix the plugin")
        }
    }

    /// Builds the records of a leaf's extractions: provenance, normalized text, language.
    func emitRecords(
        _ extractions: [Extraction], of document: SourceDocument, digest: String?, by extractor: any Extractor,
        sink: (DocumentOutcome) -> Void
    ) {
        let sha256 = digest ?? SHA256Digest.hex(of: document.bytes)
        var index = 0
        var refused = 0
        for e in extractions {
            if let problem = RecordSchema.problem(e) {
                sink(.failure(document, by: extractor.id, ExtractionError(.schema, problem)))
                refused += 1
                continue
            }
            let text = TextNormalizer.normalize(e.text)
            if text.isEmpty { continue }
            sink(.record(Self.record(e, text: text, of: document, sha256: sha256, by: extractor, index: index)))
            index += 1
        }
        if index == 0 && refused == 0 {
            sink(
                .skip(
                    document, by: extractor.id, reason: "empty-text",
                    detail: "the plugin found no text in this document"))
        }
    }

    static func record(
        _ e: Extraction, text: String, of document: SourceDocument, sha256: String, by extractor: any Extractor,
        index: Int
    ) -> CorpusRecord {
        var meta = e.meta.mapValues(JSONValue.init)
        var lang = e.lang
        if lang == nil {
            let found = LanguageIdentifier.identify(text, hint: e.languageHint)
            lang = found.lang
            if found.lang == "und", let declared = e.languageHint.flatMap(LanguageTag.corpusForm) {
                // Too little text to judge: the document's own declaration is the best there is.
                lang = declared
            } else if found.lang != "und" {
                // Percent, not a fraction: meta values are never floats (Docs/Schema.md).
                meta["lang_score"] = .int(Int((found.score * 100).rounded()))
            }
            if found.isMixed {
                meta["langs"] = .array(found.languages.map { .string("\($0.lang):\(Int(($0.share * 100).rounded()))") })
            }
        }
        return CorpusRecord(
            id: CorpusRecord.id(path: document.path, members: document.members, sha256: sha256, index: index),
            path: document.path, members: document.members, sha256: sha256, bytes: document.size,
            mime: e.mime, encoding: e.encoding, extractor: extractor.id, extractorVersion: extractor.version,
            lang: lang ?? "und",
            title: TextNormalizer.normalizeOptionalLine(e.title),
            published: e.published,
            sourceOrg: TextNormalizer.normalizeOptionalLine(e.sourceOrg),
            breadcrumb: e.breadcrumb.map(TextNormalizer.normalizeLine).filter { !$0.isEmpty },
            url: e.url ?? document.hints.url,
            text: text,
            meta: meta)
    }

    /// A leaf gets the whole document: a large file given by its head is read
    /// now (read, never mapped), within the maxDocumentBytes limit checked before.
    static func complete(_ document: SourceDocument) throws -> SourceDocument {
        guard !document.isComplete, let location = document.location else { return document }
        let bytes: Data
        do { bytes = try Data(contentsOf: URL(fileURLWithPath: location)) } catch {
            throw ExtractionError(.io, "cannot read file: \(InputDiscovery.reason(error))")
        }
        return SourceDocument(
            path: document.path, members: document.members, bytes: bytes, modified: document.modified,
            hints: document.hints, location: location)
    }

    static func tooLargeMessage(_ size: Int, _ limit: Int) -> String {
        "document is \(size) bytes, over the maxDocumentBytes limit of \(limit); raise the limit to read it"
    }
}

/// The ``ContainerOutput`` the processor hands to containers: each child goes
/// straight back through the processor, one nesting level deeper.
final class ChildRouter: ContainerOutput {
    let processor: DocumentProcessor
    let parent: SourceDocument
    let container: String
    let depth: Int
    let expansion: ExpansionBudget
    let sink: @Sendable (DocumentOutcome) -> Void

    init(
        processor: DocumentProcessor, parent: SourceDocument, container: String, depth: Int,
        expansion: ExpansionBudget, sink: @escaping @Sendable (DocumentOutcome) -> Void
    ) {
        self.processor = processor
        self.parent = parent
        self.container = container
        self.depth = depth
        self.expansion = expansion
        self.sink = sink
    }

    func emit(_ child: SourceDocument) throws {
        if processor.stopRequested() { throw ExtractionStopped() }
        if depth + 1 > processor.limits.maxDepth {
            let message =
                "archive nesting deeper than the maxDepth limit of \(processor.limits.maxDepth); raise it to read this member"
            sink(.failure(child, by: container, .limitExceeded("maxDepth", message)))
            return
        }
        if processor.process(child, depth: depth + 1, expansion: expansion, sink: sink) == .stopped {
            throw ExtractionStopped()
        }
    }

    func skip(member name: String, reason: SkipReason, detail: String?) {
        sink(
            .skipped(
                SkipEntry(
                    path: parent.path, members: parent.members + [name], extractor: container,
                    reason: reason.written(by: container),
                    detail: detail)))
    }

    func fail(member name: String, error: ExtractionError) {
        sink(.failed(ErrorEntry(parent.path, parent.members + [name], by: container, error)))
    }

    func tally(_ counter: String) {
        sink(.tally(counter))
    }
}
