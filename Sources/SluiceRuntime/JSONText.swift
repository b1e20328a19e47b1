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

    /// Appends `s` as a JSON string. Runs that need no escape (almost all of
    /// a document's text) are appended whole, as slices of `s`: appending
    /// scalar by scalar was the largest cost of the writer's thread. The
    /// slices are taken on scalars (`s[range]` would round to grapheme
    /// clusters, and pay for finding them).
    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        let utf8 = s.utf8
        var runStart = utf8.startIndex
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            var escape: String? = nil
            var width = 1
            switch b {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x00..<0x20:
                let hex = String(b, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case 0xE2:
                // U+2028 and U+2029 (E2 80 A8/A9): valid JSON, but not valid JavaScript.
                let second = utf8.index(after: i)
                if second != utf8.endIndex, utf8[second] == 0x80 {
                    let third = utf8.index(after: second)
                    if third != utf8.endIndex, utf8[third] == 0xA8 || utf8[third] == 0xA9 {
                        escape = utf8[third] == 0xA8 ? "\\u2028" : "\\u2029"
                        width = 3
                    }
                }
            default: break
            }
            if let escape {
                out += Substring(s.unicodeScalars[runStart..<i])
                out += escape
                i = utf8.index(i, offsetBy: width)
                runStart = i
            } else {
                i = utf8.index(after: i)
            }
        }
        out += Substring(s.unicodeScalars[runStart..<i])
        out += "\""
    }
}
