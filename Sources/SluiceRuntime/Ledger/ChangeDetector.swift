import Foundation

/// Decides, per input, what the ledger's entry means for this run. The one
/// place the rules live: an entry stands when the run is not `--full`, the
/// input has no error to retry (`--retry-errors`), the plugins that made it
/// still have the same versions and options, its size is the same, either
/// its modification time is the same or (when only the time moved) its
/// content is, and, when it was last routed under another plugin set (a
/// plugin added, removed or reordered since), routing it again picks the
/// plugin that made it. An attachment's entry stands only while the page
/// linking it is the one its record names.
///
/// Pure and `Sendable`: the walk hands each input the fingerprint it read
/// (through the writer) for the input's directory.
struct ChangeDetector: Sendable {
    /// Plugin id to its key (version, and options when set:
    /// ``ExtractorRegistry/pluginKeys(options:)``), for this run.
    let versions: [String: String]
    /// Re-extract everything (`--full`).
    let full: Bool
    /// Re-extract the inputs that have error lines (`--retry-errors`).
    let retryErrors: Bool
    /// This run's ``ExtractorRegistry/routingSignature``; an entry routed
    /// under another is routed again.
    var routing: String? = nil

    /// Why an input is extracted again; counted in the manifest's `changes.reasons`.
    enum Reason: String, Sendable, CaseIterable {
        /// Its size or content changed.
        case content
        /// A plugin that made its outcomes changed version or options, or is gone.
        case plugins
        /// Routing it under this run's plugin set picks another plugin (or a container, whose members may route anew).
        case routing
        case full
        case retryErrors = "retry-errors"
        /// The page that links this attachment changed.
        case linkingPage = "linking-page"
        /// It was explained without being read (a symlink, a special file): explained again.
        case unread
    }

    enum Verdict: Sendable, Equatable {
        case new
        case changed(Reason)
        /// Nothing to do, without reading the file.
        case unchanged
        /// Unchanged if (when `content` is given) the file still has this
        /// SHA-256, and (when `routedTo` is given) routing it now picks a leaf
        /// plugin and it is the only plugin the entry records; a worker checks.
        case unchangedIf(content: String?, routedTo: Set<String>?)
    }

    /// - Parameter linkingPage: for an attachment, the current record id of
    ///   the page that links it (nil inside: no page does); nil for other inputs.
    func verdict(_ input: DiscoveredInput, previous: LedgerFingerprint?, linkingPage: String?? = nil) -> Verdict {
        guard let entry = previous else { return .new }
        if full { return .changed(.full) }
        if retryErrors && entry.hasErrors { return .changed(.retryErrors) }
        guard let file = entry.file else { return .changed(.unread) }
        if file.size != input.size { return .changed(.content) }
        if !entry.plugins.allSatisfy({ versions[$0.key] == $0.value }) { return .changed(.plugins) }
        if let linkingPage, linkingPage != entry.linkedFrom { return .changed(.linkingPage) }
        let content = file.mtime == input.modified.timeIntervalSince1970 ? nil : file.sha256
        let routed = routing != nil && entry.routing != routing ? Set(entry.plugins.keys) : nil
        if content == nil && routed == nil { return .unchanged }
        return .unchangedIf(content: content, routedTo: routed)
    }
}
