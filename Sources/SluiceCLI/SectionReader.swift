import ExternalExtractor
import Foundation
import SluiceCore
import TOMLKit

/// Reads one table of `sluice.toml` with its types checked; every failure
/// names the key and its line.
struct SectionReader {
    let path: String
    let locator: TOMLLocator
    /// Dotted name of this table (nil: the top level).
    let table: String?
    /// Which `[[table]]` of an array of tables.
    let index: Int?
    let values: TOMLTable

    var name: String { table.map { index == nil ? "[\($0)]" : "[[\($0)]] #\(index! + 1)" } ?? "the top level" }

    func error(key: String?, _ message: String) -> ConfigurationError {
        ConfigurationError(file: path, line: locator.line(table: table, index: index, key: key), message: message)
    }

    func onlyKeys(_ known: [String]) throws(ConfigurationError) {
        for (key, _) in values where !known.contains(key) {
            throw error(key: key, "unknown key '\(key)' in \(name); the keys are \(known.joined(separator: ", "))")
        }
    }

    private func typeError(_ key: String, _ expected: String) -> ConfigurationError {
        error(key: key, "'\(key)' in \(name) must be \(expected)")
    }

    func table(_ key: String) throws(ConfigurationError) -> SectionReader? {
        guard let value = values[key] else { return nil }
        guard let t = value.table else { throw typeError(key, "a table ([\(key)])") }
        return SectionReader(path: path, locator: locator, table: key, index: nil, values: t)
    }

    func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = values[key] else { return nil }
        guard let s = value.string else { throw typeError(key, "a string") }
        return s
    }

    func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = values[key] else { return nil }
        guard let array = value.array else { throw typeError(key, "a list of strings") }
        var out: [String] = []
        for item in array {
            guard let s = item.string else { throw typeError(key, "a list of strings") }
            out.append(s)
        }
        return out
    }

    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = values[key] else { return nil }
        guard let b = value.bool else { throw typeError(key, "true or false") }
        return b
    }

    func positiveInt(_ key: String) throws(ConfigurationError) -> Int? {
        guard let value = values[key] else { return nil }
        guard let i = value.int, i > 0 else { throw typeError(key, "a whole number above 0") }
        return i
    }

    func seconds(_ key: String) throws(ConfigurationError) -> Double? {
        guard let value = values[key] else { return nil }
        guard let d = value.double ?? value.int.map(Double.init), d > 0 else {
            throw typeError(key, "a number of seconds above 0")
        }
        return d
    }

    /// Bytes as a number or a string with K, M or G ("128M").
    func size(_ key: String) throws(ConfigurationError) -> Int? {
        guard let value = values[key] else { return nil }
        if let i = value.int, i > 0 { return i }
        if let s = value.string, let bytes = ByteSize.parse(s) { return bytes }
        throw typeError(key, "a size: bytes, or a string such as \"512M\" or \"2G\"")
    }

    /// Every key as a plugin option value (types checked later against the plugin).
    func metaValues() throws(ConfigurationError) -> [String: MetaValue] {
        var out: [String: MetaValue] = [:]
        for (key, value) in values {
            if let b = value.bool {
                out[key] = .boolean(b)
            } else if let i = value.int {
                out[key] = .integer(i)
            } else if let s = value.string {
                out[key] = .string(s)
            } else if let list = try? strings(key) {
                out[key] = .strings(list)
            } else {
                throw typeError(key, "true/false, a whole number, a string or a list of strings")
            }
        }
        return out
    }

    /// The `[[external]]` array of tables; their commands run in the config file's directory.
    func externalPlugins() throws(ConfigurationError) -> [ExternalPluginSpec] {
        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        guard let value = values["external"] else { return [] }
        guard let array = value.array else { throw typeError("external", "an array of tables ([[external]])") }
        var specs: [ExternalPluginSpec] = []
        for (i, item) in array.enumerated() {
            guard let t = item.table else { throw typeError("external", "an array of tables ([[external]])") }
            let r = SectionReader(path: path, locator: locator, table: "external", index: i, values: t)
            try r.onlyKeys(["name", "match", "mime", "magic", "command", "input", "output", "timeout", "version"])
            guard let name = try r.string("name"), !name.isEmpty else {
                throw r.error(key: nil, "\(r.name) needs a `name` (the plugin id)")
            }
            if specs.contains(where: { $0.name == name }) {
                throw r.error(key: "name", "two [[external]] plugins are named '\(name)'")
            }
            guard let command = try r.strings("command"), !command.isEmpty, !command[0].isEmpty else {
                throw r.error(key: "command", "\(r.name) ('\(name)') needs a `command`: a list, program first")
            }
            let match = try r.strings("match") ?? []
            let mime = try r.strings("mime") ?? []
            let magic = try r.strings("magic") ?? []
            if match.isEmpty && mime.isEmpty && magic.isEmpty {
                throw r.error(key: nil, "\(r.name) ('\(name)') needs `match`, `mime` or `magic`, or it gets no input")
            }
            let input = try r.string("input") ?? "stdin"
            guard let inputMode = ExternalPluginSpec.Input(rawValue: input) else {
                throw r.error(key: "input", "`input` must be \"stdin\" or \"path\", not \"\(input)\"")
            }
            let output = try r.string("output") ?? "text"
            guard let outputMode = ExternalPluginSpec.Output(rawValue: output) else {
                throw r.error(key: "output", "`output` must be \"text\" or \"jsonl\", not \"\(output)\"")
            }
            specs.append(
                ExternalPluginSpec(
                    name: name, match: match, mime: mime, magic: magic, command: command, input: inputMode,
                    output: outputMode, timeout: try r.seconds("timeout") ?? 60, version: try r.string("version"),
                    workingDirectory: directory))
        }
        return specs
    }
}
