import SluicePluginAPI
import SluiceRuntime

/// The fields a test expects of a record; nil fields are not checked.
///
///     #expect(RecordExpectation(title: "…", lang: "zh").mismatches(record) == [])
public struct RecordExpectation: Sendable {
    public var title: String??
    public var published: String??
    public var sourceOrg: String??
    public var breadcrumb: [String]?
    public var lang: String?
    public var encoding: String??
    public var extractor: String?
    /// Sentences the text must contain.
    public var textContains: [String]
    /// Words that must not appear in the text (boilerplate).
    public var textExcludes: [String]
    public var meta: [String: JSONValue]

    public init(
        title: String?? = nil, published: String?? = nil, sourceOrg: String?? = nil, breadcrumb: [String]? = nil,
        lang: String? = nil, encoding: String?? = nil, extractor: String? = nil, textContains: [String] = [],
        textExcludes: [String] = [], meta: [String: JSONValue] = [:]
    ) {
        self.title = title
        self.published = published
        self.sourceOrg = sourceOrg
        self.breadcrumb = breadcrumb
        self.lang = lang
        self.encoding = encoding
        self.extractor = extractor
        self.textContains = textContains
        self.textExcludes = textExcludes
        self.meta = meta
    }

    /// One line per field that differs; empty when the record matches.
    public func mismatches(_ r: CorpusRecord) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ name: String, _ expected: T?, _ actual: T) {
            if let expected, expected != actual { out.append("\(name): expected \(expected), got \(actual)") }
        }
        check("title", title, r.title)
        check("published", published, r.published)
        check("source_org", sourceOrg, r.sourceOrg)
        check("breadcrumb", breadcrumb, r.breadcrumb)
        check("lang", lang, r.lang)
        check("encoding", encoding, r.encoding)
        check("extractor", extractor, r.extractor)
        for s in textContains where !r.text.contains(s) { out.append("text lacks: \(s)") }
        for s in textExcludes where r.text.contains(s) { out.append("text contains boilerplate: \(s)") }
        for (k, v) in meta where r.meta[k] != v { out.append("meta.\(k): expected \(v), got \(r.meta[k] ?? .null)") }
        return out
    }
}
