/// Member names as recorded: never used to touch the filesystem, but made
/// safe and readable — `/` separators, no leading `/`, no `.` or `..`
/// segments, no control characters.
enum MemberName {
    static func normalized(_ raw: String) -> String {
        let cleaned = String(
            String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        var parts: [Substring] = []
        for part in cleaned.replacingOccurrences(of: "\\", with: "/").split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        let name = parts.joined(separator: "/")
        return name.isEmpty ? "(unnamed)" : name
    }

    /// `page.html.gz` gives `page.html`; `x.tgz` gives `x.tar`.
    static func strippingCompressionSuffix(_ name: String) -> String {
        let lower = name.lowercased()
        for (suffix, replacement) in [
            (".tgz", ".tar"), (".tbz2", ".tar"), (".tbz", ".tar"), (".txz", ".tar"), (".tzst", ".tar"), (".gz", ""),
            (".bz2", ""), (".xz", ""), (".zst", ""),
        ] where lower.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count)) + replacement
        }
        return name
    }
}
