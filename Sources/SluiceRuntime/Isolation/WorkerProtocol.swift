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

    /// Worker → supervisor: an outcome, or the end of an input.
    struct Response: Codable, Sendable {
        var record: CorpusRecord?
        var failed: ErrorEntry?
        var skipped: SkipEntry?
        var tally: String?
        /// The input is finished; its SHA-256.
        var done: String?

        init(_ outcome: DocumentOutcome) {
            switch outcome {
            case .record(let r): record = r
            case .failed(let e): failed = e
            case .skipped(let s): skipped = s
            case .tally(let t): tally = t
            }
        }

        init(done sha256: String) { done = sha256 }

        var outcome: DocumentOutcome? {
            if let record { return .record(record) }
            if let failed { return .failed(failed) }
            if let skipped { return .skipped(skipped) }
            if let tally { return .tally(tally) }
            return nil
        }
    }

    /// The settings a worker runs with, passed as one argument.
    struct Settings: Codable, Sendable {
        var limits: Limits
        var pluginOptions: [String: [String: JSONValue]]

        struct Limits: Codable, Sendable {
            var maxDocumentBytes, maxDepth, maxMembers, maxExpandedBytes, maxCompressionRatio: Int
        }
    }
}

extension WorkerMessage.Settings {
    init(limits l: ExtractionLimits, pluginOptions: [String: PluginOptions]) {
        limits = Limits(
            maxDocumentBytes: l.maxDocumentBytes, maxDepth: l.maxDepth, maxMembers: l.maxMembers,
            maxExpandedBytes: l.maxExpandedBytes, maxCompressionRatio: l.maxCompressionRatio)
        self.pluginOptions = pluginOptions.mapValues { $0.values.mapValues(JSONValue.init) }
    }

    var extractionLimits: ExtractionLimits {
        ExtractionLimits(
            maxDocumentBytes: limits.maxDocumentBytes, maxDepth: limits.maxDepth, maxMembers: limits.maxMembers,
            maxExpandedBytes: limits.maxExpandedBytes, maxCompressionRatio: limits.maxCompressionRatio)
    }

    var options: [String: PluginOptions] {
        pluginOptions.mapValues { values in
            PluginOptions(
                values.compactMapValues { v in
                    switch v {
                    case .string(let s): .string(s)
                    case .int(let i): .integer(i)
                    case .bool(let b): .boolean(b)
                    default: nil
                    }
                })
        }
    }
}

/// Reads newline-delimited messages from a pipe.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0

    init(_ handle: FileHandle) { self.handle = handle }

    /// The next line without its newline; nil at end of file.
    func next() -> [UInt8]? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                defer { start = nl + 1 }
                return Array(buffer[start..<nl])
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
    }
}
