/// Why a document holds nothing for the corpus: the `reason` of a line in
/// `skipped.jsonl`. A short stable token, typed so that the documented ones
/// are named in code and a plugin's own are namespaced.
///
/// Use a documented reason when one fits (``notArticle``, ``tooShort``, …).
/// For a reason of your plugin's own, give it your plugin's id as the
/// namespace: `SkipReason("mail", "auto-reply")` is written `mail:auto-reply`.
/// A reason that is neither documented nor namespaced is written with the
/// plugin's id put in front, so that a plugin's own token cannot pass for a
/// documented one. (A namespace is not checked against the plugin's id.)
public struct SkipReason: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    /// A plugin's own reason, written `namespace:name`.
    public init(_ namespace: String, _ name: String) { rawValue = namespace + ":" + name }

    public var description: String { rawValue }

    /// The reason carries a namespace (`mail:auto-reply`).
    public var isNamespaced: Bool { rawValue.contains(":") }

    /// One of the documented reasons below.
    public var isDocumented: Bool { Self.documented[self] != nil }

    /// No plugin accepts the input's name or content.
    public static let noExtractor: SkipReason = "no-extractor"
    /// The plugin found no text (after normalization) in the document.
    public static let emptyText: SkipReason = "empty-text"
    /// A page that is not an article: a column, list or index page (HTML).
    public static let notArticle: SkipReason = "not-article"
    /// An article shorter than the plugin's configured minimum.
    public static let tooShort: SkipReason = "too-short"
    /// A saved HTTP response whose status is not 2xx.
    public static let httpStatus: SkipReason = "http-status"
    /// An archive with no members.
    public static let emptyArchive: SkipReason = "empty-archive"
    /// Bytes that look like an archive but are a program or another format.
    public static let notAnArchive: SkipReason = "not-an-archive"
    /// A directory (on disk it is walked; inside an archive it is skipped).
    public static let directory: SkipReason = "directory"
    /// A symbolic link (not followed without `--follow-symlinks`; never inside archives).
    public static let symlink: SkipReason = "symlink"
    /// A symbolic link whose target does not exist.
    public static let brokenSymlink: SkipReason = "broken-symlink"
    /// An archive hard link: the linked member is read under its own name.
    public static let hardlink: SkipReason = "hardlink"
    /// A device, socket or pipe.
    public static let specialFile: SkipReason = "special-file"
    /// WARC records that hold no document: their type follows `warc-`.
    public static let warcWarcinfo: SkipReason = "warc-warcinfo"
    public static let warcRequest: SkipReason = "warc-request"
    public static let warcMetadata: SkipReason = "warc-metadata"
    public static let warcRevisit: SkipReason = "warc-revisit"
    public static let warcConversion: SkipReason = "warc-conversion"
    public static let warcContinuation: SkipReason = "warc-continuation"
    /// A WARC resource record that is not a web document (a crawler's log).
    public static let warcResource: SkipReason = "warc-resource"

    /// Every documented reason, with its meaning (Docs/PluginReference.md lists them).
    public static let documented: [SkipReason: String] = [
        .noExtractor: "no plugin accepts the input's name or content",
        .emptyText: "the plugin found no text in the document",
        .notArticle: "a page that is not an article (a column, list or index page)",
        .tooShort: "an article shorter than the plugin's configured minimum",
        .httpStatus: "a saved HTTP response whose status is not 2xx",
        .emptyArchive: "an archive with no members",
        .notAnArchive: "bytes that look like an archive but are a program or another format",
        .directory: "a directory inside an archive",
        .symlink: "a symbolic link, not followed",
        .brokenSymlink: "a symbolic link whose target does not exist",
        .hardlink: "an archive hard link; the linked member is read under its own name",
        .specialFile: "a device, socket or pipe",
        .warcWarcinfo: "a WARC warcinfo record",
        .warcRequest: "a WARC request record",
        .warcMetadata: "a WARC metadata record",
        .warcRevisit: "a WARC revisit record (the payload is in an earlier record)",
        .warcConversion: "a WARC conversion record",
        .warcContinuation: "a WARC continuation record",
        .warcResource: "a WARC resource record that is not a web document",
    ]

    /// The reason as written for `plugin`: documented and namespaced reasons
    /// as they are, any other put in the plugin's namespace.
    public func written(by plugin: String?) -> String {
        guard let plugin, !isDocumented, !isNamespaced else { return rawValue }
        return plugin + ":" + rawValue
    }
}
