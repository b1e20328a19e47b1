/// The contract between page plugins and the runtime about attachments.
///
/// A page plugin lists the documents a page links in `meta.attachments` (a
/// list of `{"url": …, "text": …}` objects). The runtime defers inputs whose
/// extension is in ``extensions`` until every page of the run is extracted,
/// and gives their top-level records `meta.linked_from`: the record id of the
/// page that links them (Docs/Schema.md).
public enum AttachmentFiles {
    /// Extensions (lower case, no dot) of the documents pages link as attachments.
    public static let extensions: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "wps", "et", "ofd", "rtf", "csv",
    ]

    /// Whether the `/`-separated path names an attachment by its extension.
    public static func isAttachment(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }
}
