import Foundation
import Synchronization

/// A snapshot of a run's counters: the one value from which the progress
/// display, `status.json`, `report.json` and the manifest are made.
package struct RunProgress: Sendable, Equatable {
    package var counts = Manifest.Counts()
    package var changes = Manifest.Changes()
    package var breakdown = Manifest.Breakdown()
    /// Top-level inputs fully written (of `counts.inputs` found so far).
    package var done = 0
    package var discoveryFinished = false
    package var elapsed: TimeInterval = 0
    /// The slowest inputs so far (at most ``slowestKept``), slowest first.
    package var slowest: [Timing] = []
    static let slowestKept = 10

    package struct Timing: Sendable, Equatable, Codable {
        package var path: String
        package var seconds: Double
        package var bytes: Int
    }

    package var documentsPerSecond: Double { elapsed > 0 ? Double(done) / elapsed : 0 }

    /// Seconds left at the current rate, once the walk has found everything.
    package var etaSeconds: Double? {
        guard discoveryFinished, documentsPerSecond > 0 else { return nil }
        return Double(counts.inputs - done) / documentsPerSecond
    }

    mutating func noteTiming(_ t: Timing) {
        guard slowest.count < Self.slowestKept || t.seconds > (slowest.last?.seconds ?? 0) else { return }
        slowest.append(t)
        slowest.sort { $0.seconds > $1.seconds }
        if slowest.count > Self.slowestKept { slowest.removeLast() }
    }

    /// Takes back what `delta` (the outcomes of one input) added.
    mutating func remove(_ delta: RunProgress) {
        counts.records -= delta.counts.records
        counts.errors -= delta.counts.errors
        counts.skipped -= delta.counts.skipped
        breakdown.remove(delta.breakdown)
    }

    mutating func record(_ outcome: DocumentOutcome) {
        switch outcome {
        case .record(let r):
            counts.records += 1
            breakdown.byPlugin[r.extractor, default: .init()].records += 1
        case .failed(let e):
            counts.errors += 1
            breakdown.errorsByKind[e.kind, default: 0] += 1
            if let limit = e.limit { breakdown.limitsHit[limit, default: 0] += 1 }
            if let x = e.extractor { breakdown.byPlugin[x, default: .init()].errors += 1 }
        case .skipped(let s):
            counts.skipped += 1
            breakdown.skippedByReason[s.reason, default: 0] += 1
            if let x = s.extractor { breakdown.byPlugin[x, default: .init()].skipped += 1 }
        case .tally(let counter):
            breakdown.tallies[counter, default: 0] += 1
        }
    }
}

/// The counters of a run, behind a lock: the writer updates them as it writes
/// (so they always agree with the files), the progress display reads them.
final class RunStatistics: Sendable {
    private let state = Mutex(RunProgress())
    private let start = Date()

    func update(_ body: (inout RunProgress) -> Void) { state.withLock { body(&$0) } }

    var snapshot: RunProgress {
        var p = state.withLock { $0 }
        p.elapsed = Date().timeIntervalSince(start)
        return p
    }
}
