import Foundation

/// Decides, per input, whether the ledger's entry still stands: same size
/// and modification time (or, when only the time moved, the same SHA-256),
/// and made by the plugin versions the run has. Safe from any thread; the
/// walk hands each input the fingerprint it read for the input's directory.
struct ChangeDetector: Sendable {
    let ledger: Ledger
    /// Plugin id to version, for this run.
    let versions: [String: String]
    /// Re-extract everything (`--full`).
    let full: Bool
    /// Re-extract the inputs that have error lines (`--retry-errors`).
    var retryErrors = false

    enum Verdict: Sendable, Equatable {
        case new
        case changed
        /// Nothing to do; the entry to re-commit when only its time changed.
        case unchanged(Ledger.Entry?)
    }

    /// True when the verdict is "unchanged" without reading the file (same
    /// size, time and plugin versions): the walk settles those itself.
    func plainlyUnchanged(_ input: DiscoveredInput, previous: Ledger.Fingerprint?) -> Bool {
        guard !full, let entry = previous, !(retryErrors && entry.hasErrors) else { return false }
        return entry.size == input.size && entry.mtime == input.modified.timeIntervalSince1970
            && pluginsCurrent(entry.extractors)
    }

    func check(_ input: DiscoveredInput, previous: Ledger.Fingerprint?) -> Verdict {
        guard let entry = previous else { return .new }
        guard !full, !(retryErrors && entry.hasErrors) else { return .changed }
        guard entry.size == input.size, pluginsCurrent(entry.extractors) else { return .changed }
        let mtime = input.modified.timeIntervalSince1970
        if entry.mtime == mtime { return .unchanged(nil) }
        // The time moved: the content decides.
        guard let digest = try? SHA256Digest.hex(ofFileAt: input.absolutePath), digest == entry.sha256,
            var refreshed = try? ledger.entry(path: input.relativePath)
        else {
            return .changed
        }
        refreshed.mtime = mtime
        return .unchanged(refreshed)
    }

    /// Whether every plugin that produced the entry's outcomes still has the same version.
    private func pluginsCurrent(_ extractors: String) -> Bool {
        extractors.split(separator: " ").allSatisfy { (tag: Substring) -> Bool in
            guard let at = tag.lastIndex(of: "@") else { return false }
            return versions[String(tag[..<at])] == String(tag[tag.index(after: at)...])
        }
    }
}
