import Foundation
import Synchronization

/// A snapshot of a run's counters, for progress lines and the summary.
public struct RunProgress: Sendable, Equatable {
    /// Top-level inputs found so far, and those fully written.
    public var found = 0
    public var done = 0
    public var discoveryFinished = false
    public var records = 0
    public var errors = 0
    public var skipped = 0
    public var hiddenIgnored = 0
    /// Inputs extracted for the first time, re-extracted, left alone, and vanished.
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var gone = 0
    public var bytesIn = 0
    public var bytesOut = 0
    public var errorsByKind: [String: Int] = [:]
    public var skippedByReason: [String: Int] = [:]
    public var byPlugin: [String: Manifest.PluginCounts] = [:]
    /// Limit errors by the limit's name.
    public var limitsHit: [String: Int] = [:]
    /// Counters containers report (archive members by format, …).
    public var tallies: [String: Int] = [:]
    public var elapsed: TimeInterval = 0
    /// The slowest inputs so far (at most ``slowestKept``), slowest first.
    public var slowest: [Timing] = []
    static let slowestKept = 10

    public struct Timing: Sendable, Equatable, Codable {
        public var path: String
        public var seconds: Double
        public var bytes: Int
    }

    public var documentsPerSecond: Double { elapsed > 0 ? Double(done) / elapsed : 0 }

    /// Seconds left at the current rate, once the walk has found everything.
    public var etaSeconds: Double? {
        guard discoveryFinished, documentsPerSecond > 0 else { return nil }
        return Double(found - done) / documentsPerSecond
    }

    mutating func noteTiming(_ t: Timing) {
        guard slowest.count < Self.slowestKept || t.seconds > (slowest.last?.seconds ?? 0) else { return }
        slowest.append(t)
        slowest.sort { $0.seconds > $1.seconds }
        if slowest.count > Self.slowestKept { slowest.removeLast() }
    }
}

/// The counters of a run, behind a lock: the writer updates them as it writes
/// (so they always agree with the files), the progress display reads them.
final class RunStatistics: Sendable {
    private let state = Mutex(RunProgress())
    private let start = Date()

    func update(_ body: (inout RunProgress) -> Void) { state.withLock { body(&$0) } }

    func record(_ outcome: DocumentOutcome) {
        state.withLock { p in
            switch outcome {
            case .record(let r):
                p.records += 1
                p.byPlugin[r.extractor, default: .init()].records += 1
            case .failed(let e):
                p.errors += 1
                p.errorsByKind[e.kind, default: 0] += 1
                if let limit = e.limit { p.limitsHit[limit, default: 0] += 1 }
                if let x = e.extractor { p.byPlugin[x, default: .init()].errors += 1 }
            case .skipped(let s):
                p.skipped += 1
                p.skippedByReason[s.reason, default: 0] += 1
                if let x = s.extractor { p.byPlugin[x, default: .init()].skipped += 1 }
            case .tally(let counter):
                p.tallies[counter, default: 0] += 1
            }
        }
    }

    var snapshot: RunProgress {
        var p = state.withLock { $0 }
        p.elapsed = Date().timeIntervalSince(start)
        return p
    }
}
