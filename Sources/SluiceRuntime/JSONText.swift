import Foundation
import SluicePluginAPI

extension JSONValue {
    /// Compact JSON text with sorted object keys.
    package var jsonText: String {
        var out = ""
        JSONText.write(self, to: &out)
        return out
    }

    /// `value` as a string, or nil for `null`.
    package static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    package static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
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
