import Foundation
import Logging
import SluicePluginAPI
import SluiceRuntime

/// How log lines look on standard error.
enum LogFormat: String, CaseIterable {
    /// `2026-11-27T02:40:51Z info sluice: progress done=10 found=20`
    case text
    /// One JSON object per line: `timestamp`, `level`, `label`, `message` and the metadata keys (sorted).
    case json
}

/// A swift-log handler that writes one line per event to standard error, as
/// plain text or JSON, so cron mail, journald and log shippers all read it.
///
/// Threading: a value type; `log(event:)` may be called from any thread, and
/// each line goes out in one `write` so lines from two threads never interleave.
struct LineLogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, format: LogFormat) {
        self.label = label
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        for (key, value) in metadataProvider?.get() ?? [:] { all[key] = value }
        for (key, value) in event.metadata ?? [:] { all[key] = value }
        StandardError.write(line(level: event.level, message: "\(event.message)", metadata: all) + "\n")
    }

    func line(level: Logger.Level, message: String, metadata: Logger.Metadata, at date: Date = Date()) -> String {
        let timestamp = date.formatted(.iso8601)
        switch format {
        case .text:
            let fields = metadata.keys.sorted().map { "\($0)=\(metadata[$0]!)" }.joined(separator: " ")
            return "\(timestamp) \(level) \(label): \(message)" + (fields.isEmpty ? "" : " " + fields)
        case .json:
            var object = metadata.mapValues(Self.json)
            object["timestamp"] = .string(timestamp)
            object["level"] = .string(level.rawValue)
            object["label"] = .string(label)
            object["message"] = .string(message)
            return JSONValue.object(object).jsonText
        }
    }

    /// Numbers stay numbers in JSON, so `jq '.done > 100'` works on the lines.
    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let s): return .string(s)
        case .stringConvertible(let c):
            if let i = c as? Int { return .int(i) }
            if let d = c as? Double { return .double(d) }
            if let b = c as? Bool { return .bool(b) }
            return .string(c.description)
        case .array(let items): return .array(items.map(json))
        case .dictionary(let d): return .object(d.mapValues(json))
        }
    }
}
