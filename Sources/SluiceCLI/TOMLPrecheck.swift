import SluicePluginAPI

/// What TOMLKit's parser (toml++) must not see: a malformed table header (a
/// `[` alone, a name with a character that is neither a bare-key character
/// nor a quote). toml++ asserts there instead of reporting an error, which
/// aborts the process in builds that keep C++ assertions (found by fuzzing,
/// `fuzz-toml`). Such a header is a syntax error anyway; it is reported here,
/// with its line.
enum TOMLPrecheck {
    static func check(_ source: String, path: String) throws(ConfigurationError) {
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.unicodeScalars.drop { $0 == " " || $0 == "\t" }
            guard trimmed.first == "[", !isHeader(Array(trimmed)) else { continue }
            throw ConfigurationError(
                file: path, line: index + 1,
                message:
                    "not valid TOML: a table header must be [name] or [[name]], the name made of letters, digits, - and _ (or quoted), parts joined by dots"
            )
        }
    }

    /// `[key(.key)*]` or `[[key(.key)*]]`, a key being bare or quoted, spaces allowed around
    /// keys and dots, anything after the closing bracket left to the parser (a comment).
    static func isHeader(_ s: [Unicode.Scalar]) -> Bool {
        var i = 1
        let double = i < s.count && s[i] == "["
        if double { i += 1 }
        func spaces() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }
        while true {
            spaces()
            guard i < s.count else { return false }
            if s[i] == "\"" || s[i] == "'" {
                let quote = s[i]
                i += 1
                while i < s.count, s[i] != quote { i += 1 }
                guard i < s.count else { return false }
                i += 1
            } else {
                let start = i
                while i < s.count, isBareKey(s[i]) { i += 1 }
                guard i > start else { return false }
            }
            spaces()
            guard i < s.count else { return false }
            if s[i] == "." {
                i += 1
                continue
            }
            guard s[i] == "]" else { return false }
            return !double || (i + 1 < s.count && s[i + 1] == "]")
        }
    }

    static func isBareKey(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: true
        default: false
        }
    }
}
