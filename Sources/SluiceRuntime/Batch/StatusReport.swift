import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `status.json`: the state of a run, rewritten atomically every few seconds
/// and once more at the end, for a cron job or a dashboard to read: the
/// phase, the run's counters (as in the manifest) and its rate.
struct RunStatus: Encodable {
    var phase: String
    var started: Date
    var progress: RunProgress

    enum CodingKeys: String, CodingKey {
        case phase, started, updated, done
        case discoveryFinished = "discovery_finished"
        case documentsPerSecond = "documents_per_second"
        case etaSeconds = "eta_seconds"
    }

    func encode(to encoder: any Encoder) throws {
        let iso = ISO8601DateFormatter()
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(phase, forKey: .phase)
        try c.encode(iso.string(from: started), forKey: .started)
        try c.encode(iso.string(from: Date()), forKey: .updated)
        try c.encode(progress.done, forKey: .done)
        try c.encode(progress.discoveryFinished, forKey: .discoveryFinished)
        try c.encode(progress.documentsPerSecond, forKey: .documentsPerSecond)
        try c.encodeIfPresent(progress.etaSeconds, forKey: .etaSeconds)
        try progress.counts.encode(to: encoder)
        try progress.changes.encode(to: encoder)
    }

    func write(to directory: URL) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try? (encoder.encode(self) + Data("\n".utf8)).write(
            to: directory.appendingPathComponent("status.json"), options: .atomic)
    }
}

/// Rewrites `status.json` on a timer while a run works.
final class StatusWriter: @unchecked Sendable {
    // @unchecked: the timer is created in init and only cancelled in stop();
    // its handler reads thread-safe statistics.
    private let timer: DispatchSourceTimer
    private let queue = DispatchQueue(label: "sluice.status")

    init(directory: URL, started: Date, interval: TimeInterval = 2, snapshot: @escaping @Sendable () -> RunProgress) {
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: interval)
        timer.setEventHandler {
            let p = snapshot()
            RunStatus(phase: p.discoveryFinished ? "extracting" : "discovering", started: started, progress: p)
                .write(to: directory)
        }
        timer.resume()
    }

    /// Stops the timer and waits for a write already under way: cancelling
    /// alone lets a running handler finish later and overwrite the final
    /// `status.json` with a stale phase.
    func stop() {
        timer.cancel()
        queue.sync {}
    }
}

/// `report.json`: what a finished run did, for the morning: the run's
/// counters and breakdown (as in the manifest), its rates, peak memory and
/// slowest inputs.
struct RunReport: Encodable {
    var status: String
    var progress: RunProgress

    enum CodingKeys: String, CodingKey {
        case status, slowest
        case elapsedSeconds = "elapsed_seconds"
        case documentsPerSecond = "documents_per_second"
        case megabytesPerSecond = "megabytes_per_second"
        case peakMemoryBytes = "peak_memory_bytes"
    }

    func encode(to encoder: any Encoder) throws {
        let seconds = max(progress.elapsed, 0.001)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(progress.elapsed, forKey: .elapsedSeconds)
        try c.encode(Double(progress.counts.inputs) / seconds, forKey: .documentsPerSecond)
        try c.encode(Double(progress.counts.bytesIn) / 1e6 / seconds, forKey: .megabytesPerSecond)
        try c.encode(Self.peakResidentBytes(), forKey: .peakMemoryBytes)
        try c.encode(progress.slowest, forKey: .slowest)
        try progress.counts.encode(to: encoder)
        try progress.changes.encode(to: encoder)
        try progress.breakdown.encode(to: encoder)
    }

    /// The process's peak resident memory (getrusage; kilobytes on Linux).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    func write(to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try (encoder.encode(self) + Data("\n".utf8)).write(
            to: directory.appendingPathComponent("report.json"), options: .atomic)
    }
}
