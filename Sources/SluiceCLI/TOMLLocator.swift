/// Finds the line of a table or key in TOML source text, for error messages:
/// TOMLKit gives positions for syntax errors only, and "line 12: unknown key"
/// is what lets a user fix a config file at 2 a.m.
///
/// Handles the layout people write (`[table]`, `[[array]]`, `key = value`);
/// keys set through dotted names or inline tables are not located (nil).
struct TOMLLocator {
    private let lines: [Substring]

    init(_ source: String) { lines = source.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The 1-based line of `key` in `table` (dotted path, nil for the top level;
    /// `index` picks one `[[table]]` of an array of tables), or of the table's
    /// header when `key` is nil.
    func line(table: String?, index: Int? = nil, key: String? = nil) -> Int? {
        var current: String? = nil
        var occurrence = -1
        for (number, raw) in lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let isArray = line.hasPrefix("[[")
                let name = line.drop { $0 == "[" }.prefix { $0 != "]" }.filter { $0 != " " && $0 != "\t" }
                current = String(name)
                if current == table, isArray { occurrence += 1 }
                if key == nil, current == table, index == nil || occurrence == index { return number + 1 }
                continue
            }
            guard let key, current == table, index == nil || occurrence == index else { continue }
            if line.hasPrefix(key), line.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") {
                return number + 1
            }
        }
        return nil
    }
}
