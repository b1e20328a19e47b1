import Dispatch
import Foundation
import SluiceCore

/// Shows a run's progress: one line updated in place on a terminal, or a
/// plain log line every few seconds when stderr is redirected.
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

    init(mode: ProgressMode, snapshot: @escaping @Sendable () -> RunProgress) {
        self.mode = mode
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
                let line = Self.line(snapshot())
                StandardError.write(inPlace ? "\r\u{1B}[2K" + line : line + "\n")
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
        let found = p.discoveryFinished ? "\(p.found)" : "\(p.found)+"
        let eta = p.etaSeconds.map { " ETA " + Self.duration($0) } ?? ""
        return "sluice: \(p.done)/\(found) inputs, \(p.records) records, \(p.errors) errors, "
            + String(format: "%.1f", p.documentsPerSecond) + " docs/s" + eta
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
              inputs   \(c.inputs)\(c.hiddenIgnored > 0 ? " (\(c.hiddenIgnored) hidden left out)" : ""): \(manifest.run.new) new, \(manifest.run.changed) changed, \(manifest.run.unchanged) unchanged, \(manifest.run.gone) gone
              records  \(c.records) written; the corpus holds \(manifest.corpus.records) in \(manifest.shards.count) shard\(manifest.shards.count == 1 ? "" : "s")
              errors   \(c.errors)\(breakdown(manifest.errorsByKind))
              skipped  \(c.skipped)\(breakdown(manifest.skippedByReason))
              bytes    \(ByteSize.format(c.bytesIn)) in, \(ByteSize.format(c.bytesOut)) out
              elapsed  \(String(format: "%.2f", manifest.elapsedSeconds)) s, \(String(format: "%.1f", rate)) inputs/s
              more     report.json (slowest documents, peak memory), errors.jsonl, skipped.jsonl
            """
    }
}
