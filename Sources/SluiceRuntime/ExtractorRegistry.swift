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

    /// - Throws: ``RegistryError`` when two plugins share an id or a plugin is
    ///   neither a ``LeafExtractor`` nor a ``ContainerExtractor``.
    public init(_ extractors: [any Extractor]) throws(RegistryError) {
        var seen = Set<String>()
        for e in extractors {
            guard seen.insert(e.id).inserted else { throw RegistryError.duplicateID(e.id) }
            guard e is any LeafExtractor || e is any ContainerExtractor else {
                throw RegistryError.neitherLeafNorContainer(e.id)
            }
        }
        self.extractors = extractors
    }

    /// The plugin for `document`, and the step of ``Routing`` that chose it;
    /// nil when no plugin takes it (the input is skipped as `no-extractor`).
    public func extractor(for document: SourceDocument) -> (extractor: any Extractor, rule: Routing.Rule)? {
        let routing = route(document)
        guard let chosen = routing.chosen else { return nil }
        return (extractors[chosen], routing.rule!)
    }

    /// Routes `document` by the five steps documented on ``Extractor``. Each
    /// sniff runs at most once; with `explain`, every plugin's sniff runs so
    /// that ``Routing/answers`` is complete.
    public func route(_ document: SourceDocument, explain: Bool = false) -> Routing {
        var sniffs = [SniffVerdict?](repeating: nil, count: extractors.count)
        let head = document.head()
        func sniff(_ i: Int) -> SniffVerdict {
            if let known = sniffs[i] { return known }
            let verdict = extractors[i].sniff(head)
            sniffs[i] = verdict
            return verdict
        }
        let named = extractors.map { $0.accepts.matches(document) }
        let indices = extractors.indices
        let steps: [(Routing.Rule, (Int) -> Bool)] = [
            (.nameBeforeSniffing, { self.extractors[$0].accepts.claimsByName && named[$0] }),
            (.content, { !self.extractors[$0].isGeneric && sniff($0) == .claims }),
            (.name, { named[$0] && sniff($0) != .refuses }),
            (.genericContent, { self.extractors[$0].isGeneric && sniff($0) == .claims }),
            (.nameDespiteRefusal, { named[$0] }),
        ]
        var chosen: (Int, Routing.Rule)?
        for (rule, qualifies) in steps {
            if let i = indices.first(where: qualifies) {
                chosen = (i, rule)
                break
            }
        }
        if explain { for i in indices { _ = sniff(i) } }
        // A generic plugin took a file that another plugin names: say which.
        let passedOver =
            chosen?.1 == .genericContent
            ? indices.filter { named[$0] && sniffs[$0] == .refuses }.map { extractors[$0].id } : []
        return Routing(
            chosen: chosen?.0, rule: chosen?.1, passedOver: passedOver,
            answers: indices.map { i in
                Routing.Answer(
                    plugin: extractors[i].id, isGeneric: extractors[i].isGeneric, sniff: sniffs[i],
                    nameMatches: named[i], claimsByName: extractors[i].accepts.claimsByName)
            })
    }

    public func extractor(id: String) -> (any Extractor)? { extractors.first { $0.id == id } }

    /// A digest of the plugin set as routing sees it: the plugins in order,
    /// their name patterns, generic flags and sniff descriptions. Each input's
    /// ledger entry keeps the signature it was routed under; an entry with
    /// another is routed again (its first 4 KiB read) and re-extracted when it
    /// now goes elsewhere. Versions are left out: a new version re-extracts the
    /// inputs its plugin made (their plugin keys change) without re-routing
    /// the whole crawl.
    public var routingSignature: String {
        let lines = extractors.map { e in
            [e.id, e.isGeneric ? "generic" : "specific", e.accepts.description, e.sniffDescription]
                .joined(separator: "\t")
        }
        return SHA256Digest.hex(of: lines.joined(separator: "\n"))
    }

    /// Plugin id to the key the ledger records for the outcomes it made: its
    /// version, and when options are set for it a digest of them, so that
    /// changing a plugin's options re-extracts its inputs.
    public func pluginKeys(options: [String: PluginOptions]) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var keys: [String: String] = [:]
        for e in extractors {
            guard let set = options[e.id], !set.values.isEmpty, let json = try? encoder.encode(set) else {
                keys[e.id] = e.version
                continue
            }
            keys[e.id] = e.version + "+options:" + SHA256Digest.hex(of: json).prefix(12)
        }
        return keys
    }
}

public enum RegistryError: Error, Equatable, CustomStringConvertible {
    case duplicateID(String)
    case neitherLeafNorContainer(String)

    public var description: String {
        switch self {
        case .duplicateID(let id):
            "two plugins share the id '\(id)'; give each plugin a unique id"
        case .neitherLeafNorContainer(let id):
            "plugin '\(id)' conforms to neither LeafExtractor nor ContainerExtractor; make it conform to one of them"
        }
    }
}
