import Foundation

/// Decides, per input, what the ledger's entry means for this run. The one
/// place the rules live: an entry stands when the run is not `--full`, the
/// input has no error to retry (`--retry-errors`), the plugins that made it
/// still have the same versions, its size is the same, and either its
/// modification time is the same or (when only the time moved) its content
/// is. An attachment's entry stands only while the page linking it is the
/// one its record names.
///
/// Pure and `Sendable`: the walk hands each input the fingerprint it read
/// (through the writer) for the input's directory.
struct ChangeDetector: Sendable {
    /// Plugin id to version, for this run.
    let versions: [String: String]
    /// Re-extract everything (`--full`).
    let full: Bool
    /// Re-extract the inputs that have error lines (`--retry-errors`).
    let retryErrors: Bool

    enum Verdict: Sendable, Equatable {
        case new
        case changed
        /// Nothing to do, without reading the file.
        case unchanged
        /// Same size and plugins, another modification time: unchanged if the
        /// content still has this SHA-256 (a worker reads it), else changed.
        case unchangedIfContent(sha256: String)
    }

    /// - Parameter linkingPage: for an attachment, the current record id of
    ///   the page that links it (nil inside: no page does); nil for other inputs.
    func verdict(_ input: DiscoveredInput, previous: LedgerFingerprint?, linkingPage: String?? = nil) -> Verdict {
        guard let entry = previous else { return .new }
        guard !full, !(retryErrors && entry.hasErrors), let file = entry.file, file.size == input.size,
            entry.plugins.allSatisfy({ versions[$0.key] == $0.value })
        else { return .changed }
        if let linkingPage, linkingPage != entry.linkedFrom { return .changed }
        if file.mtime == input.modified.timeIntervalSince1970 { return .unchanged }
        return .unchangedIfContent(sha256: file.sha256)
    }
}
