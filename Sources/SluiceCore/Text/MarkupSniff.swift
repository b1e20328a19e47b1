/// Whether bytes look like markup, for plugins' content sniffs: the text
/// plugin leaves markup to others, the HTML plugin claims it.
public enum MarkupSniff {
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
