import SluicePluginAPI

/// Reads the `[[external]]` tables of `sluice.toml` into external-command
/// plugins. The CLI passes the tables; the keys are this plugin's business.
public struct ExternalPlugins: ConfiguredPlugins {
    public init() {}

    public var section: String { "external" }

    /// The keys an `[[external]]` table may have.
    static let keys = [
        "name", "match", "mime", "magic", "command", "input", "output", "timeout", "version", "options",
    ]

    public func plugins(from tables: [ConfigTable]) throws(ConfigurationError) -> [any Extractor] {
        var problems = ConfigurationProblems()
        var specs: [ExternalPluginSpec] = []
        for table in tables {
            guard let spec = problems.check({ () throws(ConfigurationError) in try Self.spec(table) }) else { continue }
            if specs.contains(where: { $0.name == spec.name }) {
                problems.add(
                    table.error(key: "name", "\(table.name): two [[external]] plugins are named '\(spec.name)'"))
                continue
            }
            specs.append(spec)
        }
        try problems.throwIfAny()
        return specs.map { ExternalExtractor($0) }
    }

    /// One table as a plugin description; commands run in the config file's
    /// directory. Every problem of the table is reported, not only the first.
    static func spec(_ t: ConfigTable) throws(ConfigurationError) -> ExternalPluginSpec {
        var problems = ConfigurationProblems()
        // A key whose value has the wrong type is reported as such, once: the
        // checks of what it must hold then skip it.
        var mistyped = Set<String>()
        func read<T>(_ key: String, _ body: () throws(ConfigurationError) -> T?) -> T? {
            let before = problems.errors.count
            let value = problems.check(body) ?? nil
            if problems.errors.count > before { mistyped.insert(key) }
            return value
        }
        problems.check { () throws(ConfigurationError) in try t.onlyKeys(keys) }
        let name = read("name") { () throws(ConfigurationError) in try t.string("name") } ?? ""
        let label = name.isEmpty ? t.name : "\(t.name) ('\(name)')"
        if name.isEmpty && !mistyped.contains("name") {
            problems.add(t.error(key: "name", "\(t.name) needs a `name` (the plugin id), not empty"))
        }
        let command = read("command") { () throws(ConfigurationError) in try t.strings("command") } ?? []
        if command.first?.isEmpty ?? true, !mistyped.contains("command") {
            problems.add(t.error(key: "command", "\(label) needs a `command`: a list, program first"))
        }
        let match = read("match") { () throws(ConfigurationError) in try t.strings("match") } ?? []
        let mime = read("mime") { () throws(ConfigurationError) in try t.strings("mime") } ?? []
        let magic = read("magic") { () throws(ConfigurationError) in try t.strings("magic") } ?? []
        if match.isEmpty && mime.isEmpty && magic.isEmpty && mistyped.isDisjoint(with: ["match", "mime", "magic"]) {
            problems.add(t.error(key: nil, "\(label) needs `match`, `mime` or `magic`, or it gets no input"))
        }
        let input = read("input") { () throws(ConfigurationError) in try t.string("input") } ?? "stdin"
        let inputMode = ExternalPluginSpec.Input(rawValue: input)
        if inputMode == nil {
            problems.add(t.error(key: "input", "`input` in \(label) must be \"stdin\" or \"path\", not \"\(input)\""))
        }
        let output = read("output") { () throws(ConfigurationError) in try t.string("output") } ?? "text"
        let outputMode = ExternalPluginSpec.Output(rawValue: output)
        if outputMode == nil {
            problems.add(
                t.error(key: "output", "`output` in \(label) must be \"text\" or \"jsonl\", not \"\(output)\""))
        }
        let timeout = read("timeout") { () throws(ConfigurationError) in try t.seconds("timeout") } ?? 60
        let version = read("version") { () throws(ConfigurationError) in try t.string("version") }
        let options = read("options") { () throws(ConfigurationError) in try optionSpecs(t, label) } ?? []
        try problems.throwIfAny()
        return ExternalPluginSpec(
            name: name, match: match, mime: mime, magic: magic, command: command, input: inputMode!,
            output: outputMode!, timeout: timeout, version: version, options: options, workingDirectory: t.directory)
    }

    /// `options = { min_rows = "integer", sheet = "string" }`: the options the
    /// command takes, by type, so that `[plugins.NAME]` is checked like a Swift plugin's.
    static func optionSpecs(_ t: ConfigTable, _ label: String) throws(ConfigurationError) -> [PluginOptionSpec]? {
        guard let table = try t.table("options") else { return nil }
        var problems = ConfigurationProblems()
        var specs: [PluginOptionSpec] = []
        for (key, value) in table.values.sorted(by: { $0.key < $1.key }) {
            guard case .string(let typeName) = value, let type = PluginOptionSpec.ValueType(rawValue: typeName) else {
                // Keys of an inline table have no line of their own: the `options` line is given.
                problems.add(
                    t.error(
                        key: "options",
                        "option '\(key)' in the options of \(label) must name a type: \"boolean\", \"integer\", \"string\" or \"strings\""
                    ))
                continue
            }
            specs.append(
                PluginOptionSpec(
                    key, type, help: "passed to the command as $\(ExternalPluginSpec.environmentName(key))"))
        }
        try problems.throwIfAny()
        return specs
    }
}
