import Foundation
import SluicePluginAPI

/// What a supervisor and its worker processes say to each other, over the
/// worker's standard input and output: frames of one tag byte, an 8-byte
/// little-endian payload length and the payload (``WireWriter``).
enum WorkerMessage {
    /// Supervisor → worker: extract this input.
    struct Request: Sendable, Equatable {
        var path: String
        var absolutePath: String
        var size: Int
        var mtime: Double
    }

    /// Worker → supervisor: an outcome as soon as it is found, or the end of an input.
    enum Response: Sendable, Equatable {
        case outcome(DocumentOutcome)
        /// The input is finished (or was cut short by a stop).
        case end(ExtractionEnd)
    }

    enum Tag: UInt8 {
        case request = 1
        case record
        case failed
        case skipped
        case tally
        case end
        /// Worker → supervisor, once, first: the worker is up (its payload: the Sluice version).
        case ready
    }

    /// The largest payload a frame may announce; a longer one is damage.
    static let maxPayload = 1 << 34
}

extension WorkerMessage.Request {
    var frame: [UInt8] {
        var w = WireWriter()
        w.string(path)
        w.string(absolutePath)
        w.int(size)
        w.double(mtime)
        return WorkerMessage.frame(.request, w.bytes)
    }

    init(_ frame: Frame) throws(WireError) {
        guard frame.tag == WorkerMessage.Tag.request.rawValue else {
            throw .malformed("tag \(frame.tag) for a request")
        }
        var r = WireReader(frame.payload)
        self.init(path: try r.string(), absolutePath: try r.string(), size: try r.int(), mtime: try r.double())
    }
}

extension WorkerMessage.Response {
    var frame: [UInt8] {
        var w = WireWriter()
        let tag: WorkerMessage.Tag
        switch self {
        case .outcome(.record(let record)):
            tag = .record
            w.write(record)
        case .outcome(.failed(let e)):
            tag = .failed
            w.string(e.path)
            w.strings(e.members)
            w.optional(e.extractor)
            w.string(e.kind)
            w.string(e.message)
            w.optional(e.limit)
        case .outcome(.skipped(let s)):
            tag = .skipped
            w.string(s.path)
            w.strings(s.members)
            w.optional(s.extractor)
            w.string(s.reason)
            w.optional(s.detail)
        case .outcome(.tally(let counter)):
            tag = .tally
            w.string(counter)
        case .end(.done(let sha256)):
            tag = .end
            w.bool(false)
            w.optional(sha256)
        case .end(.stopped):
            tag = .end
            w.bool(true)
        }
        return WorkerMessage.frame(tag, w.bytes)
    }

    init(_ frame: Frame) throws(WireError) {
        var r = WireReader(frame.payload)
        switch WorkerMessage.Tag(rawValue: frame.tag) {
        case .record: self = .outcome(.record(try r.record()))
        case .failed:
            self = .outcome(
                .failed(
                    ErrorEntry(
                        path: try r.string(), members: try r.strings(), extractor: try r.optional(),
                        kind: try r.string(), message: try r.string(), limit: try r.optional())))
        case .skipped:
            self = .outcome(
                .skipped(
                    SkipEntry(
                        path: try r.string(), members: try r.strings(), extractor: try r.optional(),
                        reason: try r.string(), detail: try r.optional())))
        case .tally: self = .outcome(.tally(try r.string()))
        case .end: self = .end(try r.bool() ? .stopped : .done(sha256: try r.optional()))
        case .request, .ready, nil: throw .malformed("tag \(frame.tag) for a response")
        }
        guard r.isAtEnd else { throw .malformed("bytes left after a response") }
    }
}

extension WorkerMessage {
    /// The first frame a worker writes, before it reads any request.
    static var readyFrame: [UInt8] {
        var w = WireWriter()
        w.string(SluiceVersion.current)
        return frame(.ready, w.bytes)
    }

    static func frame(_ tag: Tag, _ payload: [UInt8]) -> [UInt8] {
        var w = WireWriter()
        w.byte(tag.rawValue)
        w.int(payload.count)
        return w.bytes + payload
    }
}

extension WireWriter {
    /// Every field, in declaration order.
    mutating func write(_ record: CorpusRecord) {
        string(record.id)
        string(record.path)
        strings(record.members)
        string(record.sha256)
        int(record.bytes)
        string(record.mime)
        optional(record.encoding)
        string(record.extractor)
        string(record.extractorVersion)
        string(record.lang)
        optional(record.title)
        optional(record.published)
        optional(record.sourceOrg)
        strings(record.breadcrumb)
        optional(record.url)
        string(record.text)
        jsonObject(record.meta)
    }
}

extension WireReader {
    mutating func record() throws(WireError) -> CorpusRecord {
        CorpusRecord(
            id: try string(), path: try string(), members: try strings(), sha256: try string(), bytes: try int(),
            mime: try string(), encoding: try optional(), extractor: try string(), extractorVersion: try string(),
            lang: try string(), title: try optional(), published: try optional(), sourceOrg: try optional(),
            breadcrumb: try strings(), url: try optional(), text: try string(), meta: try jsonObject())
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
