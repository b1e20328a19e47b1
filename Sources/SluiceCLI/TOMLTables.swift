import SluicePluginAPI
import TOMLKit

/// Turns TOMLKit's tables into the plugin API's ``ConfigTable`` values, with
/// the line of every key found by ``TOMLLocator``, so that the CLI and the
/// plugins read the file the same way and every error names its line.
struct TOMLTables {
    let path: String
    let locator: TOMLLocator

    /// The top level of the file.
    func root(_ table: TOMLTable) -> ConfigTable {
        convert(table, path: nil, index: nil, name: "the top level")
    }

    private func convert(_ table: TOMLTable, path dotted: String?, index: Int?, name: String) -> ConfigTable {
        var values: [String: ConfigValue] = [:]
        var lines: [String: Int] = [:]
        lines[""] = locator.line(table: dotted, index: index)
        for (key, value) in table {
            let child = dotted.map { $0 + "." + key } ?? key
            values[key] = convert(value, path: child)
            lines[key] = locator.line(table: dotted, index: index, key: key) ?? locator.line(table: child)
        }
        return ConfigTable(values: values, name: name, file: path, lines: lines)
    }

    private func convert(_ value: TOMLValueConvertible, path child: String) -> ConfigValue {
        if let b = value.bool { return .boolean(b) }
        if let i = value.int { return .integer(i) }
        if let d = value.double { return .number(d) }
        if let s = value.string { return .string(s) }
        if let t = value.table { return .table(convert(t, path: child, index: nil, name: "[\(child)]")) }
        if let array = value.array {
            return .array(
                array.enumerated().map { i, item in
                    if let t = item.table {
                        return .table(convert(t, path: child, index: i, name: "[[\(child)]] #\(i + 1)"))
                    }
                    return convert(item, path: child)
                })
        }
        // Dates and times: kept as their TOML text (no key of Sluice's takes one).
        return .string(value.debugDescription)
    }
}
