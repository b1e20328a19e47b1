/// What a leaf extractor found in one document. The core adds provenance
/// (`id`, `path`, `members`, `sha256`, `bytes`), normalizes `text` and
/// `title`, and identifies `lang` when the extractor leaves it nil.
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
    /// ISO 639-1 code (`zh-Hant` for Traditional Chinese) when the plugin
    /// knows the language for sure; nil lets the core identify it from the
    /// text (CLD2), which also gives `meta.lang_score` and `meta.langs`.
    public var lang: String?
    /// A language the document declares (an HTML `lang` attribute, a
    /// `Content-Language` header): a hint for the core's identifier when
    /// `lang` is nil, never taken on its own, as declarations are often wrong.
    public var languageHint: String?
    /// Media type of the source, e.g. `text/plain`.
    public var mime: String
    /// The charset that was decoded, e.g. `UTF-8`, `GB18030`; nil for binary formats.
    public var encoding: String?
    /// Anything else; every key must keep one JSON type across all records
    /// (document new keys in Docs/Schema.md).
    public var meta: [String: MetaValue]

    public init(
        text: String, title: String? = nil, published: String? = nil, sourceOrg: String? = nil,
        breadcrumb: [String] = [], url: String? = nil, lang: String? = nil, languageHint: String? = nil,
        mime: String, encoding: String? = nil, meta: [String: MetaValue] = [:]
    ) {
        self.text = text
        self.title = title
        self.published = published
        self.sourceOrg = sourceOrg
        self.breadcrumb = breadcrumb
        self.url = url
        self.lang = lang
        self.languageHint = languageHint
        self.mime = mime
        self.encoding = encoding
        self.meta = meta
    }
}
