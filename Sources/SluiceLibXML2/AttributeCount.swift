#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The most attributes any one tag of a document has, counted in one pass
/// over the bytes before libxml2 sees them: libxml2 checks each new attribute
/// against all earlier ones of its element, so a tag with a million attributes
/// would take hours (10,000 take 0.3 s). Script, style, comment and CDATA
/// contents are passed over, so `a<b` in code is not taken for a tag.
enum AttributeCount {
    /// More attributes than this on one element is refused (``LibXML2/Failure/tooManyAttributes``).
    static let limit = 10_000

    static func largest(in array: [UInt8]) -> Int {
        // Unchecked reads: this pass looks at every byte of every page.
        array.withUnsafeBufferPointer { largest(in: $0) }
    }

    private static func largest(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var most = 0
        var i = 0
        let n = bytes.count
        while i < n {
            i = find(0x3C, in: bytes, from: i)  // "<"
            guard i + 1 < n else { break }
            if starts(bytes, i, commentOpen) {
                i = skip(bytes, from: i + 4, past: commentClose)
            } else if starts(bytes, i, cdataOpen) {
                i = skip(bytes, from: i + 9, past: cdataClose)
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
    private static func attributes(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Int) {
        var i = start
        var count = 0
        var inName = true  // the element's own name first
        var previousSpace = false
        while i < b.count {
            let c = b[i]
            if c == 0x22 || c == 0x27 {
                // A quoted value: jump to its closing quote.
                i = find(c, in: b, from: i + 1)
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
        return (count, b.count)
    }

    /// After `<script …>` or `<style …>` (the tag from `open` to `end`), the
    /// index past its closing tag; nil for other tags.
    private static func rawTextEnd(_ b: UnsafeBufferPointer<UInt8>, open: Int, end: Int) -> Int? {
        for (name, close) in rawTextElements where starts(b, open + 1, name, caseInsensitive: true) {
            return skip(b, from: end, past: close, caseInsensitive: true)
        }
        return nil
    }

    // The markers as bytes, made once: this pass runs over every page.
    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8)
    private static let cdataClose = Array("]]>".utf8)
    private static let rawTextElements = ["script", "style"].map { (Array($0.utf8), Array("</\($0)".utf8)) }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    private static func starts(
        _ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ t: [UInt8], caseInsensitive: Bool = false
    ) -> Bool {
        guard i >= 0, i + t.count <= b.count else { return false }
        for k in 0..<t.count {
            let x = caseInsensitive ? b[i + k] | 0x20 : b[i + k]
            let y = caseInsensitive ? t[k] | 0x20 : t[k]
            if x != y { return false }
        }
        return true
    }

    /// The index past the first `end` at or after `from` (the end of the bytes when there is none).
    private static func skip(
        _ b: UnsafeBufferPointer<UInt8>, from: Int, past end: [UInt8], caseInsensitive: Bool = false
    ) -> Int {
        // Every marker starts with a byte that has no case ("<", "-", "]").
        var i = find(end[0], in: b, from: from)
        while i < b.count {
            if starts(b, i, end, caseInsensitive: caseInsensitive) { return i + end.count }
            i = find(end[0], in: b, from: i + 1)
        }
        return b.count
    }

    /// The index of the first `byte` at or after `from`, or the end of the bytes
    /// (`memchr`: this pass looks at every byte of every page, and most bytes
    /// are text between tags).
    private static func find(_ byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < b.count, let base = b.baseAddress else { return b.count }
        guard let hit = memchr(base + from, Int32(byte), b.count - from) else { return b.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}
