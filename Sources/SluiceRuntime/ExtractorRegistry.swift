import Foundation
import SluicePluginAPI

/// The plugins of a run, in order, and the rule that picks one per input.
///
/// Built once before a run and immutable afterwards, so every worker thread
/// may read it without locking (in the manner of swift-log's bootstrapped
/// `LoggingSystem`, but passed explicitly instead of kept globally).
public struct ExtractorRegistry: Sendable {
    /// The plugins, in the order they are asked.
    public let extractors: [any Extractor]

    /// - Throws: ``RegistryError/duplicateID(_:)`` when two plugins share an id.
    public init(_ extractors: [any Extractor]) throws(RegistryError) {
        var seen = Set<String>()
        for e in extractors where !seen.insert(e.id).inserted {
            throw RegistryError.duplicateID(e.id)
        }
        self.extractors = extractors
    }

    /// How a plugin was chosen: its name pattern matched, or its sniff claimed the content.
    public enum Choice: String, Sendable {
        case content
        case name
    }

    /// The plugin for `document`: the first whose pattern claims it by name
    /// (``InputPattern/claimsByName``), else the first whose sniff claims the
    /// content, else the first whose ``InputPattern`` matches the name or media
    /// type, else nil (the input is skipped as `no-extractor`).
    public func extractor(for document: SourceDocument) -> (extractor: any Extractor, choice: Choice)? {
        if let e = extractors.first(where: { $0.accepts.claimsByName && $0.accepts.matches(document) }) {
            return (e, .name)
        }
        let head = document.head()
        if let e = extractors.first(where: { $0.sniff(head) }) { return (e, .content) }
        if let e = extractors.first(where: { $0.accepts.matches(document) }) { return (e, .name) }
        return nil
    }

    public func extractor(id: String) -> (any Extractor)? { extractors.first { $0.id == id } }
}

public enum RegistryError: Error, Equatable, CustomStringConvertible {
    case duplicateID(String)

    public var description: String {
        switch self {
        case .duplicateID(let id):
            "two plugins share the id '\(id)'; give each plugin a unique id"
        }
    }
}
