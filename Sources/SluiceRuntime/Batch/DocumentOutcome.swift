import SluicePluginAPI

/// What became of one document: records for the corpus, an error line, or a skip line.
public enum DocumentOutcome: Sendable, Equatable {
    case record(CorpusRecord)
    case failed(ErrorEntry)
    case skipped(SkipEntry)
    /// A counter for the manifest (e.g. `format:ZIP 2.0`), with no line of its own.
    case tally(String)

    /// The error line of `document`, failed by the plugin `extractor` (nil: none was reached).
    static func failure(_ document: SourceDocument, by extractor: String?, _ error: ExtractionError) -> Self {
        .failed(ErrorEntry(document.path, document.members, by: extractor, error))
    }

    /// The skip line of `document`.
    static func skip(_ document: SourceDocument, by extractor: String?, reason: String, detail: String?) -> Self {
        .skipped(
            SkipEntry(
                path: document.path, members: document.members, extractor: extractor, reason: reason, detail: detail))
    }
}

/// One line of `errors.jsonl`.
public struct ErrorEntry: Sendable, Equatable, Codable {
    public var path: String
    public var members: [String]
    /// The plugin that failed, or nil when none was reached (an unreadable file).
    public var extractor: String?
    /// An ``ExtractionError/Kind`` raw value.
    public var kind: String
    public var message: String
    /// For kind `limit`: which limit.
    public var limit: String?

    public init(
        path: String, members: [String], extractor: String?, kind: String, message: String, limit: String? = nil
    ) {
        self.path = path
        self.members = members
        self.extractor = extractor
        self.kind = kind
        self.message = message
        self.limit = limit
    }

    /// The line for a plugin's ``ExtractionError``.
    init(_ path: String, _ members: [String], by extractor: String?, _ error: ExtractionError) {
        self.init(
            path: path, members: members, extractor: extractor, kind: error.kind.written(by: extractor),
            message: error.message,
            limit: error.limit)
    }

    public func jsonLine() -> String {
        var out = ""
        JSONText.writeObject(
            [
                "path": .string(path), "members": .strings(members), "extractor": .optional(extractor),
                "kind": .string(kind), "message": .string(message), "limit": .optional(limit),
            ], to: &out)
        return out
    }
}

/// One line of `skipped.jsonl`: an input that is not a document for the corpus.
public struct SkipEntry: Sendable, Equatable, Codable {
    public var path: String
    public var members: [String]
    /// The plugin that decided, or nil when no plugin accepted the input.
    public var extractor: String?
    /// A stable token: `no-extractor`, `symlink`, `special-file`, `empty-text`, …
    public var reason: String
    public var detail: String?

    public init(path: String, members: [String], extractor: String?, reason: String, detail: String?) {
        self.path = path
        self.members = members
        self.extractor = extractor
        self.reason = reason
        self.detail = detail
    }

    public func jsonLine() -> String {
        var out = ""
        JSONText.writeObject(
            [
                "path": .string(path), "members": .strings(members), "extractor": .optional(extractor),
                "reason": .string(reason), "detail": .optional(detail),
            ], to: &out)
        return out
    }
}
