#if canImport(Glibc)
    import Glibc
#endif

/// The file names and media types a plugin accepts when no sniff claimed an input.
public struct InputPattern: Sendable, CustomStringConvertible {
    /// Lower-case extensions without the dot (`txt`, `html`).
    public var extensions: [String]
    /// Media types such as `text/plain`, compared with a hint from the container.
    public var mediaTypes: [String]
    /// Shell-style globs (`*.pdf`, `report-??.txt`, `attachments/*.doc`) matched with
    /// `fnmatch` against the file or member name, or against the whole relative path
    /// when the glob holds a `/`. Case-sensitive, as on the file system.
    public var globs: [String]
    /// When true, a name or media-type match claims the input *before* any plugin
    /// sniffs its content. For formats that wear another format's bytes (a `.docx`
    /// is a zip) and for plugins a user configured for exactly these names.
    public var claimsByName: Bool

    public init(
        extensions: [String] = [], mediaTypes: [String] = [], globs: [String] = [], claimsByName: Bool = false
    ) {
        self.extensions = extensions.map { $0.lowercased() }
        self.mediaTypes = mediaTypes.map { $0.lowercased() }
        self.globs = globs
        self.claimsByName = claimsByName
    }

    public func matches(_ document: SourceDocument) -> Bool {
        if !document.fileExtension.isEmpty, extensions.contains(document.fileExtension) { return true }
        if let media = document.hints.mediaType?.lowercased(), mediaTypes.contains(media) { return true }
        if !globs.isEmpty {
            let name = document.fileName
            let fullPath = ([document.path] + document.members).joined(separator: "/")
            for glob in globs where fnmatch(glob, glob.contains("/") ? fullPath : name, 0) == 0 { return true }
        }
        return false
    }

    public var description: String {
        var parts: [String] = []
        if !extensions.isEmpty { parts.append(extensions.map { "*." + $0 }.joined(separator: " ")) }
        if !globs.isEmpty { parts.append(globs.joined(separator: " ")) }
        if !mediaTypes.isEmpty { parts.append(mediaTypes.joined(separator: " ")) }
        if parts.isEmpty { return "-" }
        return parts.joined(separator: "; ") + (claimsByName ? " (before sniffing)" : "")
    }
}
