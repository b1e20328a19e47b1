/// What a leaf extractor found in one document. The core adds provenance
/// (`id`, `path`, `members`, `sha256`, `bytes`), normalizes `text` and
/// `title`, and detects `lang` when the extractor leaves it nil.
///
/// Leave a field nil when the document does not say: never invent a value.
public struct Extraction: Sendable, Equatable {
    /// The main text; paragraphs separated by blank lines.
    public var text: String
    public var title: String?
    /// ISO 8601 date (`2020-11-20`) or date-time (`2020-11-20T10:30:00`).
    public var published: String?
    /// The publishing organisation (the 来源 of a ministry page).
    public var sourceOrg: String?
    public var breadcrumb: [String]
    public var url: String?
    /// BCP 47 primary language tag; nil lets the core detect it from the text.
    public var lang: String?
    /// Media type of the source, e.g. `text/plain`.
    public var mime: String
    /// The charset that was decoded, e.g. `UTF-8`, `GB18030`; nil for binary formats.
    public var encoding: String?
    /// Anything else; every key must keep one JSON type across all records
    /// (document new keys in Docs/Schema.md).
    public var meta: [String: MetaValue]

    public init(
        text: String, title: String? = nil, published: String? = nil, sourceOrg: String? = nil,
        breadcrumb: [String] = [], url: String? = nil, lang: String? = nil, mime: String,
        encoding: String? = nil, meta: [String: MetaValue] = [:]
    ) {
        self.text = text
        self.title = title
        self.published = published
        self.sourceOrg = sourceOrg
        self.breadcrumb = breadcrumb
        self.url = url
        self.lang = lang
        self.mime = mime
        self.encoding = encoding
        self.meta = meta
    }
}
