import Foundation
import SluicePluginAPI
import SluiceRuntime

/// Runs plugins over bytes the way a batch would, without a corpus directory:
/// the same registry choice, record building and text normalization.
///
///     let records = try ExtractorHarness(MyExtractor()).records(Data("…".utf8), name: "page.txt")
public struct ExtractorHarness: Sendable {
    public let registry: ExtractorRegistry
    public var limits: ExtractionLimits
    public var pluginOptions: [String: PluginOptions]

    /// A harness whose registry holds `extractors`, in that order.
    public init(
        _ extractors: [any Extractor], limits: ExtractionLimits = ExtractionLimits(),
        pluginOptions: [String: PluginOptions] = [:]
    ) throws {
        registry = try ExtractorRegistry(extractors)
        self.limits = limits
        self.pluginOptions = pluginOptions
    }

    public init(_ extractor: any Extractor) throws { try self.init([extractor]) }

    /// How the registry routes one input named `name`, with every plugin's
    /// answer: what `sluice inspect FILE --explain` prints.
    public func routing(_ bytes: Data, name: String, hints: SourceHints = SourceHints()) -> Routing {
        registry.route(SourceDocument(path: name, bytes: bytes, hints: hints), explain: true)
    }

    /// Every outcome (records, errors, skips) of one input named `name`.
    public func outcomes(_ bytes: Data, name: String, hints: SourceHints = SourceHints()) -> [DocumentOutcome] {
        let collector = OutcomeCollector()
        DocumentProcessor(registry: registry, limits: limits, pluginOptions: pluginOptions)
            .process(SourceDocument(path: name, bytes: bytes, hints: hints), sink: collector.append)
        return collector.outcomes
    }

    /// The records of one input; throws ``HarnessFailure`` when it gave an error or a skip.
    public func records(_ bytes: Data, name: String, hints: SourceHints = SourceHints()) throws -> [CorpusRecord] {
        var records: [CorpusRecord] = []
        for outcome in outcomes(bytes, name: name, hints: hints) {
            switch outcome {
            case .record(let r): records.append(r)
            case .failed(let e): throw HarnessFailure.failed(e)
            case .skipped(let s): throw HarnessFailure.skipped(s)
            case .tally: continue
            }
        }
        return records
    }

    /// The single record of one input.
    public func record(_ bytes: Data, name: String, hints: SourceHints = SourceHints()) throws -> CorpusRecord {
        let all = try records(bytes, name: name, hints: hints)
        guard all.count == 1 else { throw HarnessFailure.recordCount(all.count) }
        return all[0]
    }

    /// The error line one input gave, or nil when it gave none.
    public func error(_ bytes: Data, name: String, hints: SourceHints = SourceHints()) -> ErrorEntry? {
        for case .failed(let e) in outcomes(bytes, name: name, hints: hints) { return e }
        return nil
    }
}

public enum HarnessFailure: Error, CustomStringConvertible {
    case failed(ErrorEntry)
    case skipped(SkipEntry)
    case recordCount(Int)

    public var description: String {
        switch self {
        case .failed(let e): "the input failed: \(e.kind): \(e.message)"
        case .skipped(let s): "the input was skipped: \(s.reason) \(s.detail ?? "")"
        case .recordCount(let n): "expected one record, got \(n)"
        }
    }
}
