/// Why a document could not be extracted. Thrown by extractors; the scheduler
/// writes it to `errors.jsonl` as `{"kind": kind.rawValue, "message": message}`
/// and the run goes on.
public struct ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure: a short stable token, the `kind` of a line in
    /// `errors.jsonl`. The documented kinds are the static members; a plugin's
    /// own kind is namespaced with its id: `Kind("mail", "bad-mime")` is
    /// written `mail:bad-mime`.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        /// A plugin's own kind, written `namespace:name`.
        public init(_ namespace: String, _ name: String) { rawValue = namespace + ":" + name }

        public var description: String { rawValue }

        /// The bytes are not what the extractor reads (binary in a `.txt`).
        public static let notText = Kind(rawValue: "not-text")
        /// The format is recognised but this extractor cannot read it.
        public static let unsupported = Kind(rawValue: "unsupported")
        /// No charset decodes the bytes cleanly.
        public static let encoding = Kind(rawValue: "encoding")
        /// The structure is broken beyond recovery.
        public static let malformed = Kind(rawValue: "malformed")
        /// A configured limit was passed (size, depth, members); the message names it.
        public static let limit = Kind(rawValue: "limit")
        /// The document is encrypted.
        public static let encrypted = Kind(rawValue: "encrypted")
        /// Reading the input failed (vanished, unreadable).
        public static let io = Kind(rawValue: "io")
        /// An extractor threw something that is not an `ExtractionError`.
        public static let plugin = Kind(rawValue: "plugin")
        /// An external-command plugin's command is missing, exited non-zero, or wrote invalid output.
        public static let external = Kind(rawValue: "external")
        /// With isolation: the worker process died on this input (a segfault in a C library).
        public static let crash = Kind(rawValue: "crash")
        /// With isolation: extraction ran past the timeout.
        public static let timeout = Kind(rawValue: "timeout")
        /// With isolation: the worker passed the memory limit.
        public static let memory = Kind(rawValue: "memory")
        /// The input gave nothing at all: no record, error or skip (an archive
        /// with no members, a plugin that returned nothing). Written by the
        /// runtime, so that every input found is accounted for.
        public static let empty = Kind(rawValue: "empty")
        /// A plugin returned a value the record schema does not allow: a
        /// `published` that is not an ISO 8601 date, a `lang` that is not a
        /// language code, or a `meta` key whose JSON type differs from the
        /// type earlier records gave it. Written by the runtime; the message
        /// names the field and what to change in the plugin.
        public static let schema = Kind(rawValue: "schema")

        /// One of the documented kinds.
        public var isDocumented: Bool { Self.documented.contains(self) }

        /// The kind as written for `plugin`: documented and namespaced kinds
        /// as they are, any other put in the plugin's namespace.
        public func written(by plugin: String?) -> String {
            guard let plugin, !isDocumented, !rawValue.contains(":") else { return rawValue }
            return plugin + ":" + rawValue
        }

        /// Every documented kind, in the order above (Docs/PluginReference.md lists them).
        public static let documented: [Kind] = [
            .notText, .unsupported, .encoding, .malformed, .limit, .encrypted, .io, .plugin, .external, .crash,
            .timeout, .memory, .empty, .schema,
        ]
    }

    public var kind: Kind
    /// A sentence a user can act on.
    public var message: String
    /// For kind `limit`: the limit's name (`maxDocumentBytes`, `maxDepth`, …).
    public var limit: String?

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A `limit` error naming the limit that was passed.
    public static func limitExceeded(_ limit: String, _ message: String) -> ExtractionError {
        var e = ExtractionError(.limit, message)
        e.limit = limit
        return e
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Thrown by an extractor that recognises a document but decides it holds
/// nothing for the corpus (a list page, a stylesheet). The scheduler writes it
/// to `skipped.jsonl` with ``reason``; it is not an error.
public struct DocumentSkipped: Error, Sendable, Equatable {
    /// A documented reason such as ``SkipReason/notArticle``, or the plugin's own, namespaced.
    public var reason: SkipReason
    /// A sentence saying what was seen, for the user.
    public var detail: String?

    public init(reason: SkipReason, detail: String? = nil) {
        self.reason = reason
        self.detail = detail
    }
}
