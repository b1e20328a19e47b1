/// The most attributes any one tag of a document has, counted in one pass
/// over the bytes before libxml2 sees them: libxml2 checks each new attribute
/// against all earlier ones of its element, so a tag with a million attributes
/// would take hours (10,000 take 0.3 s). Script, style, comment and CDATA
/// contents are passed over, so `a<b` in code is not taken for a tag.
enum AttributeCount {
    /// More attributes than this on one element is refused (``LibXML2/Failure/tooManyAttributes``).
    static let limit = 10_000

    static func largest(in bytes: [UInt8]) -> Int {
        var most = 0
        var i = 0
        let n = bytes.count
        while i < n {
            guard bytes[i] == 0x3C, i + 1 < n else {  // "<"
                i += 1
                continue
            }
            if starts(bytes, i, "<!--") {
                i = skip(bytes, from: i + 4, past: "-->")
            } else if starts(bytes, i, "<![CDATA[") {
                i = skip(bytes, from: i + 9, past: "]]>")
            } else if isLetter(bytes[i + 1]) {
                let (count, end) = attributes(bytes, from: i + 1)
                most = max(most, count)
                i = rawTextEnd(bytes, open: i, end: end) ?? end
            } else {
                i += 1
            }
        }
        return most
    }

    /// Counts whitespace-separated attribute tokens (quotes respected) up to the tag's `>`.
    private static func attributes(_ b: [UInt8], from start: Int) -> (Int, Int) {
        var i = start
        var count = 0
        var inName = true  // the element's own name first
        var quote: UInt8 = 0
        var previousSpace = false
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x3E {  // ">"
                return (count, i + 1)
            } else if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x2F {
                previousSpace = true
                inName = false
            } else if c == 0x3D {  // "=": the value follows, not a new attribute
                previousSpace = false
            } else {
                if previousSpace && !inName { count += 1 }
                previousSpace = false
            }
            i += 1
        }
        return (count, i)
    }

    /// After `<script …>` or `<style …>` (the tag from `open` to `end`), the
    /// index past its closing tag; nil for other tags.
    private static func rawTextEnd(_ b: [UInt8], open: Int, end: Int) -> Int? {
        for name in ["script", "style"] where starts(b, open + 1, name, caseInsensitive: true) {
            return skip(b, from: end, past: "</" + name, caseInsensitive: true)
        }
        return nil
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    private static func starts(_ b: [UInt8], _ i: Int, _ text: String, caseInsensitive: Bool = false) -> Bool {
        let t = Array(text.utf8)
        guard i >= 0, i + t.count <= b.count else { return false }
        for k in 0..<t.count {
            let x = caseInsensitive ? b[i + k] | 0x20 : b[i + k]
            let y = caseInsensitive ? t[k] | 0x20 : t[k]
            if x != y { return false }
        }
        return true
    }

    /// The index past the first `end` at or after `from` (the end of the bytes when there is none).
    private static func skip(_ b: [UInt8], from: Int, past end: String, caseInsensitive: Bool = false) -> Int {
        let first = Array(end.utf8)[0]
        var i = from
        while i < b.count {
            if b[i] == first && starts(b, i, end, caseInsensitive: caseInsensitive) { return i + end.utf8.count }
            i += 1
        }
        return b.count
    }
}
