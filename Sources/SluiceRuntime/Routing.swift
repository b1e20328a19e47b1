import SluicePluginAPI

/// How the registry chose a plugin for one document, and what every plugin
/// answered: the data behind `sluice inspect FILE --explain` and the run's
/// warning when a generic plugin takes a file another plugin names.
public struct Routing: Sendable, Equatable {
    /// The step of the routing order (documented on ``Extractor``) that chose the plugin.
    public enum Rule: String, Sendable, Equatable, CaseIterable {
        case nameBeforeSniffing = "name-before-sniffing"
        case content
        case name
        case genericContent = "generic-content"
        case nameDespiteRefusal = "name-despite-refusal"

        /// One sentence on why this step gives the plugin the document.
        public var explanation: String {
            switch self {
            case .nameBeforeSniffing: "its accepts pattern matches the name and claims it before any sniff"
            case .content: "its sniff claims the content, and it is the first specific plugin to do so"
            case .name:
                "no specific plugin claims the content; its accepts pattern matches the name and its sniff did not refuse"
            case .genericContent:
                "no specific plugin claims the content or names the file without refusing it; its generic sniff claims it"
            case .nameDespiteRefusal:
                "no plugin claims the content; its accepts pattern matches the name, so it explains why it cannot read it"
            }
        }
    }

    /// One plugin's answers, in registry order.
    public struct Answer: Sendable, Equatable {
        public var plugin: String
        public var isGeneric: Bool
        /// Nil when the plugin was not asked (an earlier step had chosen).
        public var sniff: SniffVerdict?
        public var nameMatches: Bool
        public var claimsByName: Bool
    }

    /// Index into the registry's ``ExtractorRegistry/extractors``; nil: no plugin takes it.
    public var chosen: Int?
    public var rule: Rule?
    /// When a generic plugin took the document: the plugins whose accepts
    /// pattern names it but whose sniff refused it.
    public var passedOver: [String]
    public var answers: [Answer]

    /// The routing as a JSON object (for `inspect --explain`).
    public func jsonObject() -> String {
        var out = ""
        let asked: [JSONValue] = answers.map { a in
            .object([
                "plugin": .string(a.plugin), "generic": .bool(a.isGeneric), "sniff": .optional(a.sniff?.rawValue),
                "name_matches": .bool(a.nameMatches), "claims_by_name": .bool(a.claimsByName),
            ])
        }
        JSONText.writeObject(
            [
                "extractor": .optional(chosen.map { answers[$0].plugin }), "rule": .optional(rule?.rawValue),
                "reason": .string(rule?.explanation ?? "no plugin claims the content or matches the name"),
                "passed_over": .strings(passedOver), "asked": .array(asked),
            ], to: &out)
        return out
    }

    /// The manifest counter a run keeps when a generic plugin takes a file
    /// that other plugins name (their sniffs refused it), e.g.
    /// `routing:*.eml:text:mail`; the CLI warns once per counter.
    static func passedOverTally(_ document: SourceDocument, taker: String, refusing: [String]) -> String {
        let name = document.fileExtension.isEmpty ? document.fileName : "*." + document.fileExtension
        return [tallyPrefix + name, taker, refusing.joined(separator: ",")].joined(separator: ":")
    }

    public static let tallyPrefix = "routing:"
}
