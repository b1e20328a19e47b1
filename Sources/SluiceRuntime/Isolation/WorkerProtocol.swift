import Foundation
import SluicePluginAPI

/// What a supervisor and its worker processes say to each other: one JSON
/// object per line, over the worker's standard input and output.
enum WorkerMessage {
    /// Supervisor → worker: extract this input.
    struct Request: Codable, Sendable {
        var path: String
        var absolutePath: String
        var size: Int
        var mtime: Double
    }

    /// Worker → supervisor: an outcome as soon as it is found, or the end of an input.
    struct Response: Codable, Sendable {
        var record: CorpusRecord?
        var failed: ErrorEntry?
        var skipped: SkipEntry?
        var tally: String?
        /// The input is finished (or was cut short by a stop).
        var end: ExtractionEnd?

        init(_ outcome: DocumentOutcome) {
            switch outcome {
            case .record(let r): record = r
            case .failed(let e): failed = e
            case .skipped(let s): skipped = s
            case .tally(let t): tally = t
            }
        }

        init(end: ExtractionEnd) { self.end = end }

        var outcome: DocumentOutcome? {
            if let record { return .record(record) }
            if let failed { return .failed(failed) }
            if let skipped { return .skipped(skipped) }
            if let tally { return .tally(tally) }
            return nil
        }
    }
}

/// The settings a worker runs with, passed as one JSON argument: the same
/// limits and plugin options values the supervisor has.
package struct WorkerSettings: Codable, Sendable, Equatable {
    package var limits: ExtractionLimits
    package var pluginOptions: [String: PluginOptions]

    package init(limits: ExtractionLimits, pluginOptions: [String: PluginOptions]) {
        self.limits = limits
        self.pluginOptions = pluginOptions
    }
}
