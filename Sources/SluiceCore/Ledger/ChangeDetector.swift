import Foundation

/// Decides, per input, whether the ledger's entry still stands: same size
/// and modification time (or, when only the time moved, the same SHA-256),
/// and made by the plugin versions the run has. Safe from any thread.
struct ChangeDetector: Sendable {
    let ledger: Ledger
    /// The ledger's entries as the run began (read once).
    let known: [String: Ledger.Fingerprint]
    /// Plugin id to version, for this run.
    let versions: [String: String]
    /// Re-extract everything (`--full`).
    let full: Bool

    enum Verdict: Sendable, Equatable {
        case new
        case changed
        /// Nothing to do; the entry to re-commit when only its time changed.
        case unchanged(Ledger.Entry?)
    }

    init(ledger: Ledger, versions: [String: String], full: Bool) throws {
        self.ledger = ledger
        self.versions = versions
        self.full = full
        known = full ? [:] : try ledger.fingerprints()
    }

    func check(_ input: DiscoveredInput) -> Verdict {
        guard !full else { return (try? ledger.entry(path: input.relativePath)) == nil ? .new : .changed }
        guard let entry = known[input.relativePath] else { return .new }
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
