import Foundation
import SluicePluginAPI

/// Hands every input the walk finds its one path through the run:
///
/// - explained at discovery (a symlink, an unreadable directory): its line
///   goes straight to the writer;
/// - unchanged by the ledger's fingerprint: marked seen, in batches, without I/O;
/// - attachment-like (``AttachmentFiles``): deferred until every page is
///   extracted and committed, then judged with the current linking page;
/// - anything else: extracted by a worker (which, when only the time moved,
///   first checks the content).
///
/// Used by the run's thread only.
struct InputScheduler {
    let pipeline: Pipeline
    let extraction: InputExtraction
    let changes: ChangeDetector
    let statistics: RunStatistics
    let fingerprints: DirectoryFingerprints
    /// Whether a stop was requested: no new input is started.
    let stopping: @Sendable () -> Bool

    struct Outcome {
        /// The walk reached every input (a stop or a failure cuts it short).
        var walkedAll = true
        var failure: String?
    }

    /// Walks the input, scheduling each input, and defers attachments to `deferred`.
    func walk(_ discovery: InputDiscovery, deferring deferred: DeferredInputs) -> Outcome {
        var outcome = Outcome()
        var unchanged: [String] = []
        let hidden = discovery.walk { event in
            if stopping() {
                outcome.walkedAll = false
                return false
            }
            statistics.update { $0.counts.inputs += 1 }
            switch event {
            case .file(let input):
                statistics.update { $0.counts.bytesIn += input.size }
                if AttachmentFiles.isAttachment(input.relativePath) {
                    do { try deferred.add(input) } catch {
                        outcome.failure = "the list of deferred attachments cannot be written: \(error)"
                        return false
                    }
                } else {
                    schedule(input, unchanged: &unchanged)
                }
            case .skipped(let entry): pipeline.settle(entry.path, .skipped(entry))
            case .failed(let entry): pipeline.settle(entry.path, .failed(entry))
            }
            return pipeline.failure == nil
        }
        pipeline.markUnchanged(unchanged)
        statistics.update {
            $0.counts.hiddenIgnored = hidden
            $0.discoveryFinished = true
        }
        pipeline.drain()
        if outcome.failure == nil && pipeline.failure != nil { outcome.walkedAll = false }
        return outcome
    }

    /// Extracts the deferred attachments, once every page is committed, so
    /// that their `linked_from` names the pages' current records.
    func replay(_ deferred: DeferredInputs) -> String? {
        guard deferred.count > 0, pipeline.failure == nil else { return nil }
        var unchanged: [String] = []
        do {
            try pipeline.onWriter { try $0.checkpoint() }
            try deferred.replay { input in
                if stopping() { return false }
                let page = try? pipeline.onWriter { try $0.linkingPage(of: input.relativePath) }
                schedule(input, linkingPage: .some(page), unchanged: &unchanged)
                return pipeline.failure == nil
            }
        } catch {
            return "the list of deferred attachments cannot be read: \(error)"
        }
        pipeline.markUnchanged(unchanged)
        pipeline.drain()
        return nil
    }

    /// One input's fate: settled as unchanged here, or extracted by a worker.
    private func schedule(_ input: DiscoveredInput, linkingPage: String?? = nil, unchanged: inout [String]) {
        let previous = fingerprints.lookup(input.relativePath)
        let verdict = changes.verdict(input, previous: previous, linkingPage: linkingPage)
        if verdict == .unchanged {
            unchanged.append(input.relativePath)
            if unchanged.count >= 1000 {
                pipeline.markUnchanged(unchanged)
                unchanged.removeAll()
            }
            return
        }
        pipeline.extract(input.relativePath) { [extraction, stopping] emit in
            // Queued when a stop came: not started, so the next run extracts it.
            if stopping() { return .stopped }
            return extraction.run(input, verdict: verdict, emit: emit)
        }
    }
}

/// The ledger's fingerprints of the directory the walk is in, read through
/// the writer once per directory visit (the walk is depth-first, one
/// directory's files together). Used by the run's thread only.
final class DirectoryFingerprints {
    private let pipeline: Pipeline
    private var directory: String? = nil
    private var prints: [String: LedgerFingerprint] = [:]

    init(pipeline: Pipeline) { self.pipeline = pipeline }

    func lookup(_ path: String) -> LedgerFingerprint? {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if dir != directory {
            directory = dir
            prints = (try? pipeline.onWriter { try $0.fingerprints(inDirectory: dir) }) ?? [:]
        }
        return prints[path]
    }
}
