/// Whether bytes look like markup, for plugins' content sniffs: the text
/// plugin leaves markup to others, the HTML plugin claims it.
public enum MarkupSniff {
    /// The head as ASCII-compatible bytes: UTF-16 (with a BOM) is transcoded
    /// to UTF-8 so that tags can be seen; other heads are returned as they are.
    public static func asciiCompatible(_ head: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(head)
        guard bytes.count >= 2 else { return bytes }
        let le = bytes[0] == 0xFF && bytes[1] == 0xFE
        let be = bytes[0] == 0xFE && bytes[1] == 0xFF
        guard le || be else { return bytes }
        var units: [UInt16] = []
        var i = 2
        while i + 1 < bytes.count {
            units.append(
                le ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Tags (`<name …>` or `</name>`, a letter after `<` or `</`, closed
    /// within 200 bytes) in `bytes`, of any vocabulary.
    public static func tagCount(_ bytes: some Collection<UInt8>) -> Int {
        let b = Array(bytes)
        var count = 0
        var i = 0
        while i + 2 < b.count {
            if b[i] == UInt8(ascii: "<") {
                let n = b[i + 1] == UInt8(ascii: "/") ? b[i + 2] : b[i + 1]
                if (0x61...0x7A).contains(n | 0x20),
                    let close = b[(i + 1)...].prefix(200).firstIndex(of: UInt8(ascii: ">"))
                {
                    count += 1
                    i = close
                }
            }
            i += 1
        }
        return count
    }
}
