import Foundation
import SluicePluginAPI

/// A JSON value, for `meta` and the side files. Objects are written with
/// sorted keys so that output is byte-stable.
public indirect enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(_ meta: MetaValue) {
        switch meta {
        case .string(let s): self = .string(s)
        case .integer(let i): self = .int(i)
        case .boolean(let b): self = .bool(b)
        case .strings(let a): self = .array(a.map { .string($0) })
        case .objects(let a): self = .array(a.map { .object($0.mapValues { .string($0) }) })
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Compact JSON text with sorted object keys.
    public var jsonText: String {
        var out = ""
        JSONText.write(self, to: &out)
        return out
    }

    /// `value` as a string, or nil for `null`.
    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    public static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
}

/// A small JSON serializer that writes object fields in the caller's order
/// (JSONEncoder promises no order) and leaves non-ASCII text as UTF-8.
enum JSONText {
    /// An object whose keys keep the given order.
    static func writeObject(_ fields: KeyValuePairs<String, JSONValue>, to out: inout String) {
        out += "{"
        var first = true
        for (k, v) in fields {
            if !first { out += "," }
            first = false
            appendQuoted(k, to: &out)
            out += ":"
            write(v, to: &out)
        }
        out += "}"
    }

    static func write(_ v: JSONValue, to out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .string(let s): appendQuoted(s, to: &out)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                write(e, to: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, k) in o.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                appendQuoted(k, to: &out)
                out += ":"
                write(o[k]!, to: &out)
            }
            out += "}"
        }
    }

    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
