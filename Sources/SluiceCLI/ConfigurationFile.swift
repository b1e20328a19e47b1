import Foundation
import SluicePluginAPI
import TOMLKit

/// `sluice.toml`: plugin order and switches, per-plugin options, limits, run
/// and output settings, and external-command plugins. Read with TOMLKit and
/// checked whole before any work starts: an unknown key, a wrong type or an
/// unknown plugin is a ``ConfigurationError`` with its line. Command-line
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

    private var root: ConfigTable

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
        let sections = configured.map(\.section)
        try root.onlyKeys(["plugins", "limits", "run", "output"] + sections)
        try readPlugins()
        try readLimits()
        if let run = try root.table("run") {
            try run.onlyKeys(["jobs", "max_in_flight", "isolate", "hidden", "follow_symlinks"])
            jobs = try run.positiveInt("jobs")
            maxInFlight = try run.positiveInt("max_in_flight")
            isolate = try run.bool("isolate")
            hidden = try run.bool("hidden")
            followSymlinks = try run.bool("follow_symlinks")
        }
        if let output = try root.table("output") {
            try output.onlyKeys(["shard_size", "checkpoint_seconds"])
            shardSize = try output.size("shard_size")
            checkpointSeconds = try output.seconds("checkpoint_seconds")
        }
        for section in sections { pluginTables[section] = try root.tables(section) ?? [] }
    }

    private mutating func readPlugins() throws(ConfigurationError) {
        guard let plugins = try root.table("plugins") else { return }
        order = try plugins.strings("order") ?? []
        disabled = try plugins.strings("disabled") ?? []
        for (id, value) in plugins.values where id != "order" && id != "disabled" {
            guard case .table(let options) = value else {
                throw plugins.error(key: id, "[plugins].\(id) must be a table of that plugin's options")
            }
            pluginOptions[id] = options
        }
    }

    private mutating func readLimits() throws(ConfigurationError) {
        guard let limits = try root.table("limits") else { return }
        try limits.onlyKeys([
            "max_document_bytes", "max_depth", "max_members", "max_expanded_bytes", "max_compression_ratio",
            "timeout", "max_worker_memory",
        ])
        maxDocumentBytes = try limits.size("max_document_bytes")
        maxDepth = try limits.positiveInt("max_depth")
        maxMembers = try limits.positiveInt("max_members")
        maxExpandedBytes = try limits.size("max_expanded_bytes")
        maxCompressionRatio = try limits.positiveInt("max_compression_ratio")
        timeout = try limits.seconds("timeout")
        maxWorkerMemory = try limits.size("max_worker_memory")
    }

    /// The run's plugins: `base` (the built-in or bootstrapped ones) plus
    /// those the configured families declare, minus the disabled, in the
    /// configured order; and each plugin's options, checked against what it declares.
    func plugins(base: [any Extractor], configured: [any ConfiguredPlugins]) throws(ConfigurationError) -> (
        plugins: [any Extractor], options: [String: PluginOptions]
    ) {
        // Declared plugins first: a user declared them for exactly their files.
        var all: [any Extractor] = []
        for family in configured { all += try family.plugins(from: pluginTables[family.section] ?? []) }
        all += base
        let ids = all.map(\.id)
        let plugins = try root.table("plugins")
        for (key, list) in [("order", order), ("disabled", disabled)] {
            for id in list where !ids.contains(id) {
                throw (plugins ?? root).error(
                    key: key, "no plugin has the id '\(id)'; the plugins are \(ids.joined(separator: ", "))")
            }
        }
        var options: [String: PluginOptions] = [:]
        for (id, table) in pluginOptions.sorted(by: { $0.key < $1.key }) {
            guard let plugin = all.first(where: { $0.id == id }) else {
                throw table.error(
                    key: nil,
                    "[plugins.\(id)]: no plugin has the id '\(id)'; the plugins are \(ids.joined(separator: ", "))")
            }
            options[id] = try Self.options(table, of: plugin)
        }
        let enabled = all.filter { !disabled.contains($0.id) }
        let first = order.compactMap { id in enabled.first { $0.id == id } }
        return (first + enabled.filter { !order.contains($0.id) }, options)
    }

    /// A `[plugins.ID]` table checked against the options the plugin declares.
    static func options(_ table: ConfigTable, of plugin: any Extractor) throws(ConfigurationError) -> PluginOptions {
        let id = plugin.id
        var values: [String: MetaValue] = [:]
        for (key, value) in table.values.sorted(by: { $0.key < $1.key }) {
            guard let spec = plugin.options.first(where: { $0.name == key }) else {
                let known = plugin.options.map(\.name)
                throw table.error(
                    key: key,
                    "plugin '\(id)' has no option '\(key)'; "
                        + (known.isEmpty ? "it takes none" : "its options are \(known.joined(separator: ", "))"))
            }
            guard let meta = Self.metaValue(value), spec.accepts(meta) else {
                let expected =
                    switch spec.type {
                    case .boolean: "true or false"
                    case .integer: "a whole number"
                    case .string: "a string"
                    case .strings: "a list of strings"
                    }
                throw table.error(key: key, "option '\(key)' of plugin '\(id)' must be \(expected)")
            }
            values[key] = meta
        }
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
