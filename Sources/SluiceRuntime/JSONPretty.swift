/// Re-indents compact JSON without reordering keys (JSONSerialization would
/// lose the schema's key order), for `sluice inspect`.
package enum JSONPretty {
    package static func format(_ compact: String, indent: String = "  ") -> String {
        var out = ""
        var depth = 0
        var inString = false
        var escaped = false
        var chars = Array(compact)
        chars.append(" ")
        var i = 0
        func newline() { out += "\n" + String(repeating: indent, count: depth) }
        while i < chars.count - 1 {
            let c = chars[i]
            defer { i += 1 }
            if inString {
                out.append(c)
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
                continue
            }
            switch c {
            case "\"":
                inString = true
                out.append(c)
            case "{", "[":
                let close: Character = c == "{" ? "}" : "]"
                if chars[i + 1] == close {
                    out += String(c) + String(close)
                    i += 1
                } else {
                    out.append(c)
                    depth += 1
                    newline()
                }
            case "}", "]":
                depth -= 1
                newline()
                out.append(c)
            case ",":
                out.append(c)
                newline()
            case ":": out += ": "
            default: out.append(c)
            }
        }
        return out
    }
}
