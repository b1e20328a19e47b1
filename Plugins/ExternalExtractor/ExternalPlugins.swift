import SluicePluginAPI

/// Reads the `[[external]]` tables of `sluice.toml` into external-command
/// plugins. The CLI passes the tables; the keys are this plugin's business.
public struct ExternalPlugins: ConfiguredPlugins {
    public init() {}

    public var section: String { "external" }

    /// The keys an `[[external]]` table may have.
    static let keys = ["name", "match", "mime", "magic", "command", "input", "output", "timeout", "version"]

    public func plugins(from tables: [ConfigTable]) throws(ConfigurationError) -> [any Extractor] {
        var specs: [ExternalPluginSpec] = []
        for table in tables {
            let spec = try Self.spec(table)
            if specs.contains(where: { $0.name == spec.name }) {
                throw table.error(key: "name", "two [[external]] plugins are named '\(spec.name)'")
            }
            specs.append(spec)
        }
        return specs.map { ExternalExtractor($0) }
    }

    /// One table as a plugin description; commands run in the config file's directory.
    static func spec(_ t: ConfigTable) throws(ConfigurationError) -> ExternalPluginSpec {
        try t.onlyKeys(keys)
        guard let name = try t.string("name"), !name.isEmpty else {
            throw t.error(key: nil, "\(t.name) needs a `name` (the plugin id)")
        }
        guard let command = try t.strings("command"), !command.isEmpty, !command[0].isEmpty else {
            throw t.error(key: "command", "\(t.name) ('\(name)') needs a `command`: a list, program first")
        }
        let match = try t.strings("match") ?? []
        let mime = try t.strings("mime") ?? []
        let magic = try t.strings("magic") ?? []
        if match.isEmpty && mime.isEmpty && magic.isEmpty {
            throw t.error(key: nil, "\(t.name) ('\(name)') needs `match`, `mime` or `magic`, or it gets no input")
        }
        let input = try t.string("input") ?? "stdin"
        guard let inputMode = ExternalPluginSpec.Input(rawValue: input) else {
            throw t.error(key: "input", "`input` must be \"stdin\" or \"path\", not \"\(input)\"")
        }
        let output = try t.string("output") ?? "text"
        guard let outputMode = ExternalPluginSpec.Output(rawValue: output) else {
            throw t.error(key: "output", "`output` must be \"text\" or \"jsonl\", not \"\(output)\"")
        }
        return ExternalPluginSpec(
            name: name, match: match, mime: mime, magic: magic, command: command, input: inputMode,
            output: outputMode, timeout: try t.seconds("timeout") ?? 60, version: try t.string("version"),
            workingDirectory: t.directory)
    }
}
