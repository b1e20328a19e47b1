import Dispatch
import Foundation
import Logging
import SluiceRuntime

/// Shows a run's progress: one line updated in place on a terminal, or a
/// swift-log line every 10 seconds when stderr is redirected (or `--progress lines`).
///
/// Threading: `start` and `stop` may be called from any thread; every use of
/// the timer happens on `queue`, which is why the class is `@unchecked Sendable`.
final class ProgressReporter: @unchecked Sendable {
    private let mode: ProgressMode
    private let snapshot: @Sendable () -> RunProgress
    private let queue = DispatchQueue(label: "sluice.progress")
    /// Created on `start` only: Dispatch traps when a never-resumed source is released.
    private var timer: DispatchSourceTimer?
    private let inPlace: Bool
    /// Whether progress goes out as log lines (redirected, or `--progress lines`);
    /// the command logs its start and end then too.
    var logsLines: Bool { mode == .lines || (mode == .auto && !inPlace) }
    private let logger: Logger

    init(mode: ProgressMode, logger: Logger, snapshot: @escaping @Sendable () -> RunProgress) {
        self.mode = mode
        self.logger = logger
        self.snapshot = snapshot
        inPlace = mode == .auto && StandardError.isTerminal
    }

    func start() {
        guard mode != .none else { return }
        let interval: DispatchTimeInterval = inPlace ? .milliseconds(250) : .seconds(10)
        queue.sync {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            self.timer = timer
            timer.schedule(deadline: .now() + interval, repeating: interval)
            timer.setEventHandler { [self] in
                let progress = snapshot()
                if inPlace {
                    StandardError.write("\r\u{1B}[2K" + Self.line(progress))
                } else {
                    logger.info("progress", metadata: Self.metadata(progress))
                }
            }
            timer.resume()
        }
    }

    func stop() {
        queue.sync {
            guard let timer else { return }
            timer.cancel()
            self.timer = nil
            if inPlace { StandardError.write("\r\u{1B}[2K") }
        }
    }

    static func line(_ p: RunProgress) -> String {
        let found = p.discoveryFinished ? "\(p.counts.inputs)" : "\(p.counts.inputs)+"
        let eta = p.etaSeconds.map { " ETA " + Self.duration($0) } ?? ""
        return "sluice: \(p.done)/\(found) inputs, \(p.counts.records) records, \(p.counts.errors) errors, "
            + String(format: "%.1f", p.documentsPerSecond) + " docs/s" + eta
    }

    static func metadata(_ p: RunProgress) -> Logger.Metadata {
        var m: Logger.Metadata = [
            "done": .stringConvertible(p.done), "found": .stringConvertible(p.counts.inputs),
            "discovery_finished": .stringConvertible(p.discoveryFinished),
            "records": .stringConvertible(p.counts.records), "errors": .stringConvertible(p.counts.errors),
            "skipped": .stringConvertible(p.counts.skipped),
            "docs_per_second": .stringConvertible((p.documentsPerSecond * 10).rounded() / 10),
        ]
        if let eta = p.etaSeconds { m["eta_seconds"] = .stringConvertible(Int(eta.rounded())) }
        return m
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}

/// The human summary printed when a run ends.
struct RunSummary {
    let manifest: Manifest
    let output: String

    /// The end of a run as log metadata: the counts a log shipper alerts on.
    static func metadata(_ manifest: Manifest) -> Logger.Metadata {
        let c = manifest.counts
        return [
            "status": "\(manifest.status)", "generation": .stringConvertible(manifest.run.generation),
            "inputs": .stringConvertible(c.inputs), "records": .stringConvertible(c.records),
            "errors": .stringConvertible(c.errors), "skipped": .stringConvertible(c.skipped),
            "new": .stringConvertible(manifest.run.new), "changed": .stringConvertible(manifest.run.changed),
            "unchanged": .stringConvertible(manifest.run.unchanged), "gone": .stringConvertible(manifest.run.gone),
            "elapsed_seconds": .stringConvertible((manifest.elapsedSeconds * 100).rounded() / 100),
        ]
    }

    var text: String {
        let c = manifest.counts
        func breakdown(_ counts: [String: Int]) -> String {
            counts.isEmpty
                ? ""
                : " (" + counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                    + ")"
        }
        let rate = manifest.elapsedSeconds > 0 ? Double(c.inputs) / manifest.elapsedSeconds : 0
        return """
            sluice: corpus written to \(output)
              status   \(manifest.status) (run \(manifest.run.generation))
              inputs   \(c.inputs)\(c.hiddenIgnored > 0 ? " (\(c.hiddenIgnored) hidden left out)" : ""): \(manifest.run.new) new, \(manifest.run.changed) changed\(breakdown(manifest.run.changes.reasons)), \(manifest.run.unchanged) unchanged, \(manifest.run.gone) gone
              records  \(c.records) written; the corpus holds \(manifest.corpus.records) in \(manifest.shards.count) shard\(manifest.shards.count == 1 ? "" : "s")
              errors   \(c.errors)\(breakdown(manifest.errorsByKind))
              skipped  \(c.skipped)\(breakdown(manifest.skippedByReason))
              bytes    \(ByteSize.format(c.bytesIn)) in, \(ByteSize.format(c.bytesOut)) out
              elapsed  \(String(format: "%.2f", manifest.elapsedSeconds)) s, \(String(format: "%.1f", rate)) inputs/s
              more     report.json (slowest documents, peak memory), errors.jsonl, skipped.jsonl
            """
    }
}

extension RunSummary {
    /// One warning per kind of file a generic plugin took although another
    /// plugin names it (that plugin's sniff refused the content): said once
    /// per run, from the manifest's `routing:` counters.
    var routingWarnings: [String] {
        manifest.tallies.filter { $0.key.hasPrefix(Routing.tallyPrefix) }.sorted { $0.key < $1.key }.compactMap {
            let parts = $0.key.dropFirst(Routing.tallyPrefix.count).split(
                separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3 else { return nil }
            let name = parts.dropLast(2).joined(separator: ":")
            let taker = parts[parts.count - 2]
            let refusing = parts[parts.count - 1].split(separator: ",").map { "'\($0)'" }.joined(separator: ", ")
            let files = $0.value == 1 ? "1 file" : "\($0.value) files"
            return
                "sluice: warning: \(files) named \(name) went to the generic plugin '\(taker)' because \(refusing) refused their content; `sluice inspect FILE --explain` shows each plugin's answer"
        }
    }
}
