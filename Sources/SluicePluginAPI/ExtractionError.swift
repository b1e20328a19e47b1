/// Why a document could not be extracted. Thrown by extractors; the scheduler
/// writes it to `errors.jsonl` as `{"kind": kind.rawValue, "message": message}`
/// and the run goes on.
public struct ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// The bytes are not what the extractor reads (binary in a `.txt`).
        case notText = "not-text"
        /// The format is recognised but this extractor cannot read it.
        case unsupported
        /// No charset decodes the bytes cleanly.
        case encoding
        /// The structure is broken beyond recovery.
        case malformed
        /// A configured limit was passed (size, depth, members); the message names it.
        case limit
        /// The document is encrypted.
        case encrypted
        /// Reading the input failed (vanished, unreadable).
        case io
        /// An extractor threw something that is not an `ExtractionError`.
        case plugin
        /// An external-command plugin's command is missing, exited non-zero, or wrote invalid output.
        case external
        /// With isolation: the worker process died on this input (a segfault in a C library).
        case crash
        /// With isolation: extraction ran past the timeout.
        case timeout
        /// With isolation: the worker passed the memory limit.
        case memory
        /// The input gave nothing at all: no record, error or skip (an archive
        /// with no members, a plugin that returned nothing). Written by the
        /// runtime, so that every input found is accounted for.
        case empty
        /// A plugin returned a value the record schema does not allow: a
        /// `published` that is not an ISO 8601 date, a `lang` that is not a
        /// language code, or a `meta` key whose JSON type differs from the
        /// type earlier records gave it. Written by the runtime; the message
        /// names the field and what to change in the plugin.
        case schema
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
    /// A short stable token such as `not-article` or `empty`.
    public var reason: String
    public var detail: String?

    public init(reason: String, detail: String? = nil) {
        self.reason = reason
        self.detail = detail
    }
}
