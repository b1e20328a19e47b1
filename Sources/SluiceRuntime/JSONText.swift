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
///
/// It writes bytes: building the corpus line as a `String` and converting
/// it was the largest cost of the writer's thread (17 µs a record on the 10k
/// benchmark crawl), and the writer's thread is the one a second job waits on.
enum JSONText {
    /// An object whose keys keep the given order.
    static func writeObject(_ fields: KeyValuePairs<String, JSONValue>, to out: inout String) {
        var bytes: [UInt8] = []
        writeObject(fields, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ v: JSONValue, to out: inout String) {
        var bytes: [UInt8] = []
        write(v, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// An object whose keys keep the given order, as UTF-8.
    static func writeObject(_ fields: KeyValuePairs<String, JSONValue>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        for (k, v) in fields {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendQuoted(k, to: &out)
            out.append(UInt8(ascii: ":"))
            write(v, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func write(_ v: JSONValue, to out: inout [UInt8]) {
        switch v {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d): out += (d.isFinite ? String(d) : "null").utf8
        case .string(let s): appendQuoted(s, to: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, e) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(e, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, k) in o.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendQuoted(k, to: &out)
                out.append(UInt8(ascii: ":"))
                write(o[k]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `s` as a JSON string. Runs that need no escape (almost all of
    /// a document's text) are copied whole from the string's UTF-8.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                // Nothing at or above a space needs escaping but `"`, `\` and E2 (U+2028/9's lead).
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 {
                    i += 1
                    continue
                }
                let (escape, width) = Self.escape(utf8, at: i)
                guard let escape else {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                out += escape.utf8
                i += width
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The escape for the byte at `i` (a quote, backslash or control character,
    /// or U+2028/U+2029: valid JSON, but not valid JavaScript) and how many
    /// bytes it replaces; nil for a byte that stays.
    private static func escape(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (String?, Int) {
        switch utf8[i] {
        case 0x22: return ("\\\"", 1)
        case 0x5C: return ("\\\\", 1)
        case 0x0A: return ("\\n", 1)
        case 0x0D: return ("\\r", 1)
        case 0x09: return ("\\t", 1)
        case 0x00..<0x20:
            let hex = String(utf8[i], radix: 16)
            return ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, 1)
        case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
            return (utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 3)
        default: return (nil, 1)
        }
    }
}
