import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `status.json`: the state of a run, rewritten atomically every few seconds
/// and once more at the end, for a cron job or a dashboard to read.
struct RunStatus: Codable {
    var phase: String
    var started: String
    var updated: String
    var found: Int
    var done: Int
    var discoveryFinished: Bool
    var records: Int
    var errors: Int
    var skipped: Int
    var unchanged: Int
    var documentsPerSecond: Double
    var etaSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case phase, started, updated, found, done, records, errors, skipped, unchanged
        case discoveryFinished = "discovery_finished"
        case documentsPerSecond = "documents_per_second"
        case etaSeconds = "eta_seconds"
    }

    init(_ p: RunProgress, phase: String, started: Date) {
        let iso = ISO8601DateFormatter()
        self.phase = phase
        self.started = iso.string(from: started)
        updated = iso.string(from: Date())
        found = p.found
        done = p.done
        discoveryFinished = p.discoveryFinished
        records = p.records
        errors = p.errors
        skipped = p.skipped
        unchanged = p.unchanged
        documentsPerSecond = p.documentsPerSecond
        etaSeconds = p.etaSeconds
    }

    static func write(_ status: RunStatus, to directory: URL) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try? (encoder.encode(status) + Data("\n".utf8)).write(
            to: directory.appendingPathComponent("status.json"), options: .atomic)
    }
}

/// Rewrites `status.json` on a timer while a run works.
final class StatusWriter: @unchecked Sendable {
    // @unchecked: the timer is created in init and only cancelled in stop();
    // its handler reads thread-safe statistics.
    private let timer: DispatchSourceTimer

    init(directory: URL, started: Date, interval: TimeInterval = 2, snapshot: @escaping @Sendable () -> RunProgress) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "sluice.status"))
        timer.schedule(deadline: .now(), repeating: interval)
        timer.setEventHandler {
            let p = snapshot()
            RunStatus.write(
                RunStatus(p, phase: p.discoveryFinished ? "extracting" : "discovering", started: started), to: directory
            )
        }
        timer.resume()
    }

    func stop() { timer.cancel() }
}

/// `report.json`: what a finished run did, for the morning.
struct RunReport: Codable {
    var status: String
    var elapsedSeconds: Double
    var inputs: Int
    var new: Int
    var changed: Int
    var unchanged: Int
    var gone: Int
    var records: Int
    var errors: Int
    var skipped: Int
    var byPlugin: [String: Manifest.PluginCounts]
    var errorsByKind: [String: Int]
    var skippedByReason: [String: Int]
    var bytesIn: Int
    var bytesOut: Int
    var documentsPerSecond: Double
    var megabytesPerSecond: Double
    var peakMemoryBytes: Int
    var slowest: [RunProgress.Timing]

    enum CodingKeys: String, CodingKey {
        case status, inputs, new, changed, unchanged, gone, records, errors, skipped, slowest
        case elapsedSeconds = "elapsed_seconds"
        case byPlugin = "by_plugin"
        case errorsByKind = "errors_by_kind"
        case skippedByReason = "skipped_by_reason"
        case bytesIn = "bytes_in"
        case bytesOut = "bytes_out"
        case documentsPerSecond = "documents_per_second"
        case megabytesPerSecond = "megabytes_per_second"
        case peakMemoryBytes = "peak_memory_bytes"
    }

    init(_ manifest: Manifest, progress p: RunProgress) {
        let m = manifest
        let t = max(m.elapsedSeconds, 0.001)
        status = m.status
        elapsedSeconds = m.elapsedSeconds
        inputs = m.counts.inputs
        new = m.run.new
        changed = m.run.changed
        unchanged = m.run.unchanged
        gone = m.run.gone
        records = m.counts.records
        errors = m.counts.errors
        skipped = m.counts.skipped
        byPlugin = m.byPlugin
        errorsByKind = m.errorsByKind
        skippedByReason = m.skippedByReason
        bytesIn = m.counts.bytesIn
        bytesOut = m.counts.bytesOut
        documentsPerSecond = Double(m.counts.inputs) / t
        megabytesPerSecond = Double(m.counts.bytesIn) / 1e6 / t
        peakMemoryBytes = Self.peakResidentBytes()
        slowest = p.slowest
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
