import ExternalExtractor
import Foundation
import SluiceCore
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
    /// `[plugins.ID]` tables, checked against each plugin's declared options by ``plugins(base:)``.
    var pluginOptions: [String: [String: MetaValue]] = [:]
    var externals: [ExternalPluginSpec] = []

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

    private var locator: TOMLLocator

    static func load(_ path: String) throws(ConfigurationError) -> ConfigurationFile {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, message: "cannot read the config file: \(error.localizedDescription)")
        }
        return try ConfigurationFile(source: source, path: path)
    }

    init(source: String, path: String) throws(ConfigurationError) {
        self.path = path
        locator = TOMLLocator(source)
        let root: TOMLTable
        do {
            root = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                file: path, line: error.source.begin.line, message: "not valid TOML: \(error.description)")
        } catch {
            throw ConfigurationError(file: path, message: "not valid TOML: \(error)")
        }
        let reader = SectionReader(path: path, locator: locator, table: nil, index: nil, values: root)
        try reader.onlyKeys(["plugins", "limits", "run", "output", "external"])
        if let plugins = try reader.table("plugins") {
            order = try plugins.strings("order") ?? []
            disabled = try plugins.strings("disabled") ?? []
            for (id, value) in plugins.values where id != "order" && id != "disabled" {
                guard let options = value.table else {
                    throw plugins.error(key: id, "[plugins].\(id) must be a table of that plugin's options")
                }
                let section = SectionReader(
                    path: path, locator: locator, table: "plugins.\(id)", index: nil, values: options)
                pluginOptions[id] = try section.metaValues()
            }
        }
        if let limits = try reader.table("limits") {
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
        if let run = try reader.table("run") {
            try run.onlyKeys(["jobs", "max_in_flight", "isolate", "hidden", "follow_symlinks"])
            jobs = try run.positiveInt("jobs")
            maxInFlight = try run.positiveInt("max_in_flight")
            isolate = try run.bool("isolate")
            hidden = try run.bool("hidden")
            followSymlinks = try run.bool("follow_symlinks")
        }
        if let output = try reader.table("output") {
            try output.onlyKeys(["shard_size", "checkpoint_seconds"])
            shardSize = try output.size("shard_size")
            checkpointSeconds = try output.seconds("checkpoint_seconds")
        }
        externals = try reader.externalPlugins()
    }

    /// The run's plugins: `base` (the built-in or bootstrapped ones) plus the
    /// external ones, minus the disabled, in the configured order; and each
    /// plugin's options, checked against what it declares.
    func plugins(base: [any Extractor]) throws(ConfigurationError) -> (
        plugins: [any Extractor], options: [String: PluginOptions]
    ) {
        // External plugins first: a user declared them for exactly their files.
        let all: [any Extractor] = externals.map { ExternalExtractor($0) } + base
        let ids = all.map(\.id)
        for (key, list) in [("order", order), ("disabled", disabled)] {
            for id in list where !ids.contains(id) {
                throw error(
                    table: "plugins", key: key,
                    "no plugin has the id '\(id)'; the plugins are \(ids.joined(separator: ", "))")
            }
        }
        var options: [String: PluginOptions] = [:]
        for (id, values) in pluginOptions.sorted(by: { $0.key < $1.key }) {
            guard let plugin = all.first(where: { $0.id == id }) else {
                throw error(
                    table: "plugins.\(id)", key: nil,
                    "[plugins.\(id)]: no plugin has the id '\(id)'; the plugins are \(ids.joined(separator: ", "))")
            }
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                guard let spec = plugin.options.first(where: { $0.name == key }) else {
                    let known = plugin.options.map(\.name)
                    throw error(
                        table: "plugins.\(id)", key: key,
                        "plugin '\(id)' has no option '\(key)'; "
                            + (known.isEmpty ? "it takes none" : "its options are \(known.joined(separator: ", "))"))
                }
                guard spec.accepts(value) else {
                    let expected =
                        switch spec.type {
                        case .boolean: "true or false"
                        case .integer: "a whole number"
                        case .string: "a string"
                        case .strings: "a list of strings"
                        }
                    throw error(
                        table: "plugins.\(id)", key: key, "option '\(key)' of plugin '\(id)' must be \(expected)")
                }
            }
            options[id] = PluginOptions(values)
        }
        let enabled = all.filter { !disabled.contains($0.id) }
        let first = order.compactMap { id in enabled.first { $0.id == id } }
        return (first + enabled.filter { !order.contains($0.id) }, options)
    }

    func error(table: String?, index: Int? = nil, key: String?, _ message: String) -> ConfigurationError {
        ConfigurationError(file: path, line: locator.line(table: table, index: index, key: key), message: message)
    }
}
