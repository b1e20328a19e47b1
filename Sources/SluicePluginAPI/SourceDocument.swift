#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One input as an extractor sees it: a file found under the input root, or a
/// member that a container extractor (an archive) pulled out of one.
///
/// Values are immutable and `Sendable`; the bytes are read once and shared by
/// every stage that needs them. (The runtime hashes them for provenance; a
/// plugin never needs to.)
public struct SourceDocument: Sendable {
    /// Path of the top-level file relative to the input root, `/`-separated.
    /// Members of archives keep the path of the file that holds them.
    public let path: String
    /// Names of the archive members leading to this document, outermost first;
    /// empty for a plain file.
    public let members: [String]
    /// The raw bytes, exactly as stored: all of them, except for a large
    /// top-level file given to a container (see ``isComplete``).
    public let bytes: Data
    /// Modification time of the file or member, when known.
    public let modified: Date?
    /// What the container or transport said about these bytes.
    public let hints: SourceHints
    /// The file's absolute path when this is a top-level file on disk (nil
    /// for archive members): a container streams a large file from there.
    public let location: String?
    /// False when ``bytes`` holds only the head of the file at ``location``: a
    /// large top-level file (16 MiB and more) is never mapped (a crawl still
    /// being written could truncate it under the mapping) nor read whole for a
    /// container, which must stream it from ``location``. A leaf plugin always
    /// gets complete documents.
    public let isComplete: Bool
    /// Size of the document (of the whole file, when only its head is in ``bytes``).
    public let size: Int

    public init(
        path: String, members: [String] = [], bytes: Data, modified: Date? = nil,
        hints: SourceHints = SourceHints(), location: String? = nil
    ) {
        self.init(
            path: path, members: members, bytes: bytes, modified: modified, hints: hints, location: location,
            head: nil)
    }

    /// A document of which only the head is in memory: `size` is the whole file's, at `location`.
    public init(
        path: String, head: Data, size: Int, modified: Date? = nil, hints: SourceHints = SourceHints(),
        location: String
    ) {
        self.init(
            path: path, members: [], bytes: head, modified: modified, hints: hints, location: location, head: size)
    }

    private init(
        path: String, members: [String], bytes: Data, modified: Date?, hints: SourceHints, location: String?,
        head fileSize: Int?
    ) {
        self.path = path
        self.members = members
        self.bytes = bytes
        self.modified = modified
        self.hints = hints
        self.location = location
        self.isComplete = fileSize == nil
        self.size = fileSize ?? bytes.count
    }

    /// The innermost name: the last member for an archive member, else the path.
    public var name: String { members.last ?? path }

    /// The file name of ``name`` (its last path component).
    public var fileName: String {
        let n = name
        guard let slash = n.lastIndex(where: { $0 == "/" || $0 == "\\" }) else { return n }
        return String(n[n.index(after: slash)...])
    }

    /// Lower-case extension of ``fileName`` without the dot, or "" when it has none.
    public var fileExtension: String {
        let f = fileName
        guard let dot = f.lastIndex(of: "."), dot != f.startIndex else { return "" }
        return f[f.index(after: dot)...].lowercased()
    }

    /// The first bytes, for content sniffing.
    public func head(_ count: Int = 4096) -> Data { bytes.prefix(count) }

    /// A document for a member of this one, as a container extractor emits it.
    public func child(
        named name: String, bytes: Data, modified: Date? = nil, hints: SourceHints = SourceHints()
    ) -> SourceDocument {
        SourceDocument(path: path, members: members + [name], bytes: bytes, modified: modified, hints: hints)
    }
}

/// Facts about a document that come from outside its bytes.
public struct SourceHints: Sendable, Equatable {
    /// The charset named by the transport (an HTTP `Content-Type` in a WARC
    /// record or a saved response); extractors prefer it to guessing.
    public var charset: String?
    /// The URL the document was fetched from, when the container knows it.
    public var url: String?
    /// A media type the container declared, such as `text/html`.
    public var mediaType: String?

    public init(charset: String? = nil, url: String? = nil, mediaType: String? = nil) {
        self.charset = charset
        self.url = url
        self.mediaType = mediaType
    }
}
