import Foundation
import SluicePluginAPI
import TOMLKit

/// `sluice.toml`: plugin order and switches, per-plugin options, limits, run
/// and output settings, and external-command plugins. Read with TOMLKit and
/// checked whole before any work starts: an unknown key, a wrong type or an
/// unknown plugin is a ``ConfigurationError`` with its line, all of a file's
/// problems in one error (``plugins(base:configured:)`` throws them). Command-line
/// flags override the file. Docs/Configuration.md lists every key.
struct ConfigurationFile: Sendable {
    var path: String
    /// Plugin ids asked first, in this order; the others keep their default order after them.
    var order: [String] = []
    var disabled: [String] = []
    /// `[plugins.ID]` tables, checked against each plugin's declared options by ``plugins(base:configured:)``.
    var pluginOptions: [String: ConfigTable] = [:]
    /// Arrays of tables that plugin families read (`[[external]]`), by name.
    var pluginTables: [String: [ConfigTable]] = [:]

    // [limits]
    var maxDocumentBytes, maxDepth, maxMembers, maxExpandedBytes, maxCompressionRatio: Int?
    var timeout: Double?
    var maxWorkerMemory: Int?
    // [run]
    var jobs, maxInFlight: Int?
    var isolate, hidden, followSymlinks: Bool?
    // [output]
    var shardSize: Int?
    var checkpointSeconds: Double?
    /// Write `report.html` at the end of a run (default true).
    var reportHTML: Bool?
    /// Run the near-duplicate pass after each run, and move duplicates to `duplicates.jsonl`.
    var dedupe, dropDuplicates: Bool?

    private var root: ConfigTable
    /// The file's own problems, reported with the plugins' by ``plugins(base:configured:)``
    /// so that one message lists every problem of the file.
    private var problems = ConfigurationProblems()

    /// - Parameter checkInChild: parse the file in a child process first
    ///   (``TOMLParseCheck``); only a `sluice` binary can run itself as one.
    static func load(_ path: String, configured: [any ConfiguredPlugins], checkInChild: Bool = false)
        throws(ConfigurationError) -> ConfigurationFile
    {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, message: "cannot read the config file: \(error.localizedDescription)")
        }
        try TOMLPrecheck.check(source, path: path)
        if checkInChild { try TOMLParseCheck.check(path) }
        return try ConfigurationFile(source: source, path: path, configured: configured)
    }

    /// - Parameter configured: the plugin families of this binary; each reads its own array of tables.
    init(source: String, path: String, configured: [any ConfiguredPlugins]) throws(ConfigurationError) {
        self.path = path
        try TOMLPrecheck.check(source, path: path)
        let toml: TOMLTable
        do {
            toml = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                file: path, line: error.source.begin.line, message: "not valid TOML: \(error.description)")
        } catch {
            throw ConfigurationError(file: path, message: "not valid TOML: \(error)")
        }
        root = TOMLTables(path: path, locator: TOMLLocator(source)).root(toml)
        // Every problem of the file is gathered, and reported with the plugins' problems.
        let sections = configured.map(\.section)
        problems.check { () throws(ConfigurationError) in
            try root.onlyKeys(["plugins", "limits", "run", "output"] + sections)
        }
        readPlugins()
        readLimits()
        if let run = problems.check({ () throws(ConfigurationError) in try root.table("run") }) ?? nil {
            problems.check { () throws(ConfigurationError) in
                try run.onlyKeys(["jobs", "max_in_flight", "isolate", "hidden", "follow_symlinks"])
            }
            jobs = problems.check { () throws(ConfigurationError) in try run.positiveInt("jobs") } ?? nil
            maxInFlight =
                problems.check { () throws(ConfigurationError) in try run.positiveInt("max_in_flight") } ?? nil
            isolate = problems.check { () throws(ConfigurationError) in try run.bool("isolate") } ?? nil
            hidden = problems.check { () throws(ConfigurationError) in try run.bool("hidden") } ?? nil
            followSymlinks = problems.check { () throws(ConfigurationError) in try run.bool("follow_symlinks") } ?? nil
        }
        if let output = problems.check({ () throws(ConfigurationError) in try root.table("output") }) ?? nil {
            problems.check { () throws(ConfigurationError) in
                try output.onlyKeys(["shard_size", "checkpoint_seconds", "report_html", "dedupe", "drop_duplicates"])
            }
            reportHTML = problems.check { () throws(ConfigurationError) in try output.bool("report_html") } ?? nil
            dedupe = problems.check { () throws(ConfigurationError) in try output.bool("dedupe") } ?? nil
            dropDuplicates =
                problems.check { () throws(ConfigurationError) in try output.bool("drop_duplicates") } ?? nil
            shardSize = problems.check { () throws(ConfigurationError) in try output.size("shard_size") } ?? nil
            checkpointSeconds =
                problems.check { () throws(ConfigurationError) in try output.seconds("checkpoint_seconds") } ?? nil
        }
        for section in sections {
            pluginTables[section] =
                problems.check { () throws(ConfigurationError) in try root.tables(section) ?? [] } ?? []
        }
    }

    private mutating func readPlugins() {
        guard let plugins = problems.check({ () throws(ConfigurationError) in try root.table("plugins") }) ?? nil
        else { return }
        order = problems.check { () throws(ConfigurationError) in try plugins.strings("order") ?? [] } ?? []
        disabled = problems.check { () throws(ConfigurationError) in try plugins.strings("disabled") ?? [] } ?? []
        for (id, value) in plugins.values.sorted(by: { $0.key < $1.key }) where id != "order" && id != "disabled" {
            guard case .table(let options) = value else {
                problems.add(plugins.error(key: id, "[plugins].\(id) must be a table of that plugin's options"))
                continue
            }
            pluginOptions[id] = options
        }
    }

    private mutating func readLimits() {
        guard let limits = problems.check({ () throws(ConfigurationError) in try root.table("limits") }) ?? nil
        else { return }
        problems.check { () throws(ConfigurationError) in
            try limits.onlyKeys([
                "max_document_bytes", "max_depth", "max_members", "max_expanded_bytes", "max_compression_ratio",
                "timeout", "max_worker_memory",
            ])
        }
        func size(_ key: String) -> Int? {
            problems.check { () throws(ConfigurationError) in try limits.size(key) } ?? nil
        }
        func count(_ key: String) -> Int? {
            problems.check { () throws(ConfigurationError) in try limits.positiveInt(key) } ?? nil
        }
        maxDocumentBytes = size("max_document_bytes")
        maxDepth = count("max_depth")
        maxMembers = count("max_members")
        maxExpandedBytes = size("max_expanded_bytes")
        maxCompressionRatio = count("max_compression_ratio")
        timeout = problems.check { () throws(ConfigurationError) in try limits.seconds("timeout") } ?? nil
        maxWorkerMemory = size("max_worker_memory")
    }

    /// The run's plugins: `base` (the built-in or bootstrapped ones) plus
    /// those the configured families declare, minus the disabled, in the
    /// configured order; and each plugin's options, checked against what it declares.
    func plugins(base: [any Extractor], configured: [any ConfiguredPlugins]) throws(ConfigurationError) -> (
        plugins: [any Extractor], options: [String: PluginOptions]
    ) {
        var problems = self.problems
        // Declared plugins first: a user declared them for exactly their files.
        var all = declaredPlugins(base: base, configured: configured, &problems)
        all += base
        let ids = all.map(\.id)
        // A declared plugin whose table has problems is not in `all`; its name
        // is not reported again as unknown wherever the file uses it.
        let declaredNames = Set(
            pluginTables.values.joined().compactMap { t -> String? in
                if case .string(let name) = t.values["name"] { name } else { nil }
            })
        func unknown(_ id: String) -> Bool { !ids.contains(id) && !declaredNames.contains(id) }
        let plugins = try? root.table("plugins")
        for (key, list) in [("order", order), ("disabled", disabled)] {
            for id in list where unknown(id) {
                problems.add(
                    (plugins ?? root).error(
                        key: key,
                        "[plugins] \(key) names '\(id)', but no plugin has that id; the plugins are \(ids.joined(separator: ", "))"
                    ))
            }
        }
        var options: [String: PluginOptions] = [:]
        for (id, table) in pluginOptions.sorted(by: { $0.key < $1.key }) {
            guard let plugin = all.first(where: { $0.id == id }) else {
                if unknown(id) {
                    problems.add(
                        table.error(
                            key: nil,
                            "[plugins.\(id)]: no plugin has the id '\(id)'; the plugins are \(ids.joined(separator: ", "))"
                        ))
                }
                continue
            }
            options[id] = problems.check { () throws(ConfigurationError) in try Self.options(table, of: plugin) }
        }
        try problems.throwIfAny()
        let enabled = all.filter { !disabled.contains($0.id) }
        let first = order.compactMap { id in enabled.first { $0.id == id } }
        return (first + enabled.filter { !order.contains($0.id) }, options)
    }

    /// The plugins the configured families declare in this file, in order;
    /// a table named like a built-in plugin and a repeated id are problems.
    private func declaredPlugins(
        base: [any Extractor], configured: [any ConfiguredPlugins], _ problems: inout ConfigurationProblems
    ) -> [any Extractor] {
        var declared: [any Extractor] = []
        for family in configured {
            let tables = pluginTables[family.section] ?? []
            for table in tables {
                guard case .string(let name) = table.values["name"], base.contains(where: { $0.id == name }) else {
                    continue
                }
                problems.add(
                    table.error(
                        key: "name",
                        "\(table.name) is named '\(name)', the id of a built-in plugin; give it another name (the built-in plugins are \(base.map(\.id).joined(separator: ", ")))"
                    ))
            }
            let plugins = problems.check { () throws(ConfigurationError) in try family.plugins(from: tables) } ?? []
            for plugin in plugins where !base.contains(where: { $0.id == plugin.id }) {
                if declared.contains(where: { $0.id == plugin.id }) {
                    problems.add(
                        root.error(
                            key: family.section,
                            "two [[\(family.section)]] tables declare the id '\(plugin.id)'; give each plugin a unique name"
                        ))
                } else {
                    declared.append(plugin)
                }
            }
        }
        return declared
    }

    /// A `[plugins.ID]` table checked against the options the plugin declares.
    static func options(_ table: ConfigTable, of plugin: any Extractor) throws(ConfigurationError) -> PluginOptions {
        let id = plugin.id
        var problems = ConfigurationProblems()
        var values: [String: MetaValue] = [:]
        for (key, value) in table.values.sorted(by: { $0.key < $1.key }) {
            guard let spec = plugin.options.first(where: { $0.name == key }) else {
                let known = plugin.options.map(\.name)
                problems.add(
                    table.error(
                        key: key,
                        "[plugins.\(id)]: plugin '\(id)' has no option '\(key)'; "
                            + (known.isEmpty ? "it takes none" : "its options are \(known.joined(separator: ", "))")))
                continue
            }
            guard let meta = Self.metaValue(value), spec.accepts(meta) else {
                let expected =
                    switch spec.type {
                    case .boolean: "true or false"
                    case .integer: "a whole number"
                    case .string: "a string"
                    case .strings: "a list of strings"
                    }
                problems.add(table.error(key: key, "[plugins.\(id)]: option '\(key)' must be \(expected)"))
                continue
            }
            values[key] = meta
        }
        try problems.throwIfAny()
        return PluginOptions(values)
    }

    private static func metaValue(_ value: ConfigValue) -> MetaValue? {
        switch value {
        case .boolean(let b): return .boolean(b)
        case .integer(let i): return .integer(i)
        case .string(let s): return .string(s)
        case .array(let items):
            let strings = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            return strings.count == items.count ? .strings(strings) : nil
        case .number, .table: return nil
        }
    }
}

extension ConfigTable {
    /// Bytes as a number or a string with K, M or G ("128M").
    func size(_ key: String) throws(ConfigurationError) -> Int? {
        guard let value = values[key] else { return nil }
        if case .integer(let i) = value, i > 0 { return i }
        if case .string(let s) = value, let bytes = ByteSize.parse(s) { return bytes }
        throw error(key: key, "'\(key)' in \(name) must be a size: bytes, or a string such as \"512M\" or \"2G\"")
    }
}
